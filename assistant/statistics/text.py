"""Line-level view of a document for the extractors: markers stripped, headings tracked, sentences split.

Extractors match patterns against `BodyLine.text` (markdown heading and list markers removed) so that a
markdown page and the same page as raw text yield the same rows, and they cite `BodyLine.number`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-•*]\s+|\d+\.\s+)")
# A sentence ends at . ! or ? followed by space and a capital/quote; abbreviations below never end one.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“‘(])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "Dr.", "Mr.", "Ms.", "U.S.")
MONEY = r"\$\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$\d+(?:\.\d+)?"


@dataclass(frozen=True)
class BodyLine:
    """One line of a document outside its front matter."""

    number: int  # 1-based line number in the file
    original: str  # the line exactly as in the file
    text: str  # heading/list markers and surrounding space removed
    heading_level: int | None  # 1-6 for a markdown heading line, else None
    section: str  # markdown heading path above (or of) this line, " > "-joined; "" when unmarked


@dataclass(frozen=True)
class ParsedDoc:
    """What the extractors see of a document."""

    doc_id: str
    title: str
    body: list[BodyLine]

    def nonblank_after(self, index: int) -> Iterator[tuple[int, BodyLine]]:
        """Body lines after position `index` that are not blank, with their positions."""
        for position in range(index + 1, len(self.body)):
            if self.body[position].text:
                yield position, self.body[position]


def front_matter_end(lines: list[str]) -> int:
    """Number of leading lines taken by a `---` YAML front matter block (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return index + 1
    return 0


def strip_markers(line: str) -> str:
    """The line's text without a markdown heading marker or list marker."""
    heading = _HEADING.match(line)
    if heading:
        return heading.group("text").strip()
    return _LIST_MARKER.sub("", line, count=1).strip()


def body_lines(lines: list[str]) -> list[BodyLine]:
    """Lines after the front matter, each with its stripped text and markdown section path."""
    start = front_matter_end(lines)
    stack: list[tuple[int, str]] = []
    body: list[BodyLine] = []
    for index in range(start, len(lines)):
        original = lines[index]
        heading = _HEADING.match(original)
        level: int | None = None
        if heading:
            level = len(heading.group("hashes"))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading.group("text").strip()))
        section = " > ".join(text for _, text in stack)
        body.append(BodyLine(index + 1, original, strip_markers(original), level, section))
    return body


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in one line; abbreviations such as 'e.g.' do not split."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[start : match.start()]
        if before.endswith(_ABBREVIATIONS):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that holds character `offset`."""
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return text[start:end].strip()
    return text.strip()


def parse_amount(raw: str) -> float:
    """'$120,368' -> 120368.0; '0.4' -> 0.4."""
    return float(raw.replace("$", "").replace(",", "").rstrip("+"))
