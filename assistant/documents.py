"""Loading the corpus: every .md/.txt file in corpus/, its front-matter metadata and its sections.

Line numbers are 1-based lines of the file as stored (front matter included), so a citation or a
statistics row can point at the exact line a reader will find in corpus/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.fingerprints import corpus_files, corpus_fingerprint

__all__ = ["Document", "Section", "corpus_fingerprint", "load_corpus", "load_document"]

_HEADING_MD = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_LIST_OR_NUMBERED = re.compile(r"^\s*(?:[-*•]\s|\d+\.\s)")


@dataclass(frozen=True)
class Section:
    """A run of body lines under one heading path (e.g. 'Salary Ranges (US Market, 2024) > AI Engineer')."""

    path: tuple[str, ...]
    start_line: int  # first line after the heading
    end_line: int  # inclusive
    text: str

    @property
    def title(self) -> str:
        return " > ".join(self.path)


@dataclass(frozen=True)
class Document:
    doc_id: str  # file name inside corpus/
    title: str
    kind: str
    year: int | None
    origin: str
    lines: tuple[str, ...]  # the whole file, index 0 = line 1
    body_start: int  # first line after front matter (1-based)
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def section_at(self, line_number: int) -> Section | None:
        for section in self.sections:
            if section.start_line - 1 <= line_number <= section.end_line:
                return section
        return None


def _split_front_matter(lines: list[str]) -> tuple[dict, int]:
    if not lines or lines[0].strip() != "---":
        return {}, 1
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() == "---":
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError:
                meta = {}
            return (meta if isinstance(meta, dict) else {}), i + 2
    return {}, 1


def _plain_text_heading(line: str, next_line: str) -> bool:
    """Heading guess for .txt files without markdown markers: a short title-like line before text."""
    s = line.strip()
    if not s or len(s) > 70 or _LIST_OR_NUMBERED.match(s) or s.endswith((".", ":", ",", ";")):
        return False
    if re.fullmatch(r"[$\d.,%+\-\s]+", s):
        return False
    return bool(next_line.strip()) or True


def _sections(lines: list[str], body_start: int, title: str, markdown: bool) -> tuple[Section, ...]:
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    current_path: tuple[str, ...] = (title,)
    start = body_start
    buffer: list[str] = []

    def flush(end_line: int) -> None:
        text = "\n".join(buffer).strip()
        if text:
            sections.append(Section(current_path, start, end_line, text))

    for number in range(body_start, len(lines) + 1):
        raw = lines[number - 1]
        match = _HEADING_MD.match(raw) if markdown else None
        level, heading = (len(match.group(1)), match.group(2)) if match else (0, "")
        if not match and not markdown:
            nxt = lines[number] if number < len(lines) else ""
            prev = lines[number - 2] if number >= 2 else ""
            if _plain_text_heading(raw, nxt) and not prev.strip():
                level, heading = 2, raw.strip()
        if level:
            flush(number - 1)
            buffer = []
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            names = [h for _, h in stack]
            current_path = tuple(names) if names and names[0] == title else (title, *names)
            if level == 1:
                current_path = (heading,)
            start = number + 1
        else:
            buffer.append(raw)
    flush(len(lines))
    return tuple(sections)


_TITLE_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*$")


def parse_document(doc_id: str, text: str, stem: str | None = None) -> Document:
    """The one place metadata is read: front matter (optional) gives title/kind/year/origin; else the
    first '# ' heading or the file stem is the title, and a year ending the title is the page's year."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    meta, body_start = _split_front_matter(lines)
    first_h1 = next((ln[2:].strip().rstrip("#").strip() for ln in lines[body_start - 1 :] if ln.startswith("# ")), "")
    title = str(meta.get("title") or first_h1 or stem or Path(doc_id).stem).strip()
    year = meta.get("year")
    if year is None:
        found = _TITLE_YEAR.search(title)
        year = int(found.group(1)) if found else None
    markdown = doc_id.endswith(".md") or any(_HEADING_MD.match(ln) for ln in lines)
    return Document(
        doc_id=doc_id,
        title=title,
        kind=str(meta.get("kind") or "document"),
        year=int(year) if year is not None else None,
        origin=str(meta.get("origin") or ""),
        lines=tuple(lines),
        body_start=body_start,
        sections=_sections(lines, body_start, title, markdown),
    )


def load_document(path: Path) -> Document:
    return parse_document(path.name, path.read_text(encoding="utf-8-sig", errors="replace"))


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Every .md/.txt file directly in corpus_dir, sorted by name (README files excluded)."""
    return [load_document(p) for p in corpus_files(corpus_dir)]
