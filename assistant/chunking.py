"""Section-aware chunks with stable content-hash ids; text shared by several documents is kept once.

The two platform pages repeat the same explainer almost word for word. Indexing it twice would fill the
top results with the same passage, so identical (or near-identical, same section) chunks are merged into
one chunk that records every document and line range it stands in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from langchain_text_splitters import RecursiveCharacterTextSplitter
from rapidfuzz import fuzz

from assistant.documents import Document
from assistant.passage_units import _is_label_line as is_label_line  # the answer units' own reading
from assistant.text_terms import join_soft_wraps

NEAR_DUPLICATE_RATIO = 95.0  # rapidfuzz ratio: pages differing by a word are the same passage
_NUMBER = re.compile(r"\d[\d,.]*")
_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")  # a list item's mark, as passage_units reads it
_NUMBERED_ITEM = re.compile(r"^\s*\d+[.)]\s+")


@dataclass
class Location:
    doc_id: str
    title: str
    year: int | None
    start_line: int
    end_line: int

    def ref(self) -> str:
        lines = f"{self.start_line}" if self.start_line == self.end_line else f"{self.start_line}-{self.end_line}"
        return f"{self.doc_id}:{lines}"


@dataclass
class Chunk:
    chunk_id: str
    text: str
    section: str  # heading path without the document title
    heading: str  # innermost heading
    kind: str
    locations: list[Location] = field(default_factory=list)

    @property
    def embedding_text(self) -> str:
        """The heading travels with the text: 'Reinforcement Learning' is often only in the heading."""
        return f"{self.section}\n{self.text}" if self.section else self.text

    def metadata(self) -> dict[str, str | int]:
        first = self.locations[0]
        return {
            "section": self.section,
            "heading": self.heading,
            "kind": self.kind,
            "doc_ids": "|".join(loc.doc_id for loc in self.locations),
            "titles": "|".join(loc.title for loc in self.locations),
            "locations": "|".join(loc.ref() for loc in self.locations),
            "years": "|".join(str(loc.year) for loc in self.locations if loc.year),
            "title": first.title,
            "source": first.ref(),
        }


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def chunk_id_for(section: str, text: str) -> str:
    return hashlib.sha256(f"{section}\n{_normalise(text)}".encode()).hexdigest()[:24]


def _locate(doc: Document, piece: str, start: int, end: int) -> tuple[int, int]:
    """Line range of `piece` inside the section lines [start, end].

    A piece's line may be several wrapped lines of the file joined (join_soft_wraps), so its first words
    may run past the file line that holds their start, and its last words may begin on an earlier line."""
    first_words = piece.strip().split("\n", 1)[0][:60]
    last_words = piece.strip().rsplit("\n", 1)[-1][-60:]

    def opens(n: int) -> bool:
        line = doc.line(n).strip()
        return first_words in line or (len(line) >= 10 and first_words.startswith(line))

    def closes(n: int) -> bool:
        line = doc.line(n).strip()
        return last_words in line or (bool(line) and last_words.endswith(line))  # a wrap's tail: 'earlier.'

    first = next((n for n in range(start, end + 1) if first_words and opens(n)), start)
    last = next((n for n in range(end, first - 1, -1) if last_words and closes(n)), first)
    return first, last


def chunk_documents(documents: list[Document], chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", " ", ""],
        keep_separator="end",
    )
    chunks: list[Chunk] = []
    by_id: dict[str, Chunk] = {}
    for doc in documents:
        for section in doc.sections:
            label = " > ".join(p for p in section.path if p != doc.title) or doc.title
            # Wrapped paragraphs as one line each, so a chunk boundary never falls mid-sentence at a wrap.
            for piece in _pieces(join_soft_wraps(section.text), chunk_size, splitter):
                if not piece.strip():
                    continue
                first, last = _locate(doc, piece, section.start_line, section.end_line)
                location = Location(doc.doc_id, doc.title, doc.year, first, last)
                cid = chunk_id_for(label, piece)
                twin = by_id.get(cid) or _near_twin(chunks, label, piece, doc.doc_id)
                if twin is not None:
                    twin.locations.append(location)
                    continue
                chunk = Chunk(cid, piece.strip(), label, section.path[-1], doc.kind, [location])
                by_id[cid] = chunk
                chunks.append(chunk)
    return chunks


def _pieces(text: str, chunk_size: int, splitter: RecursiveCharacterTextSplitter) -> list[str]:
    """A section's chunks: the whole section when it fits; else, when it is a list of labelled groups (a
    label line and the items under it: "1. Model Deployment and Monitoring", "- AI Research Scientist"),
    whole groups packed into chunks up to the size, so no group is cut from its label (the character
    splitter cut "4. Collaboration and Communication" from two of its items); the text around the groups,
    and any section without them, as the character splitter cuts it."""
    if len(text) <= chunk_size:
        return splitter.split_text(text)
    lines = [line for line in text.split("\n") if line.strip()]
    groups = _label_groups(lines)
    if not groups:
        return splitter.split_text(text)
    segments: list[str] = []  # runs of text that stay together, in reading order
    at = 0
    for start, end in groups:
        if at < start:
            segments += splitter.split_text("\n".join(lines[at:start]))
        segments.append("\n".join(lines[start:end]))
        at = end
    if at < len(lines):
        segments += splitter.split_text("\n".join(lines[at:]))
    pieces: list[str] = []
    for segment in segments:
        if pieces and len(pieces[-1]) + 1 + len(segment) <= chunk_size:
            pieces[-1] = f"{pieces[-1]}\n{segment}"
        elif len(segment) <= chunk_size:
            pieces.append(segment)
        else:
            pieces += splitter.split_text(segment)
    return pieces


def _label_groups(lines: list[str]) -> list[tuple[int, int]]:
    """(first, past-last) line of each labelled group: a label line (passage_units.is_label_line, the same
    reading the answer units make) and the list items up to the next label line, numbered item or prose."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _ITEM.match(lines[i]) or not is_label_line(lines[i], _ITEM.sub("", lines[i]).strip(), lines[i + 1 :]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _ITEM.match(lines[j]) and not _NUMBERED_ITEM.match(lines[j]):
            if is_label_line(lines[j], _ITEM.sub("", lines[j]).strip(), lines[j + 1 :]):
                break
            j += 1
        groups.append((i, j))
        i = j
    # Two groups at least: a single label line with items is one list, cut as any other text.
    return groups if len(groups) >= 2 else []


def _near_twin(chunks: list[Chunk], section: str, text: str, doc_id: str) -> Chunk | None:
    for chunk in chunks:
        if chunk.section == section and all(loc.doc_id != doc_id for loc in chunk.locations):
            # A page that differs only in its figures is a different passage, however similar the words.
            same_figures = _NUMBER.findall(chunk.text) == _NUMBER.findall(text)
            if same_figures and fuzz.ratio(chunk.text, text.strip()) >= NEAR_DUPLICATE_RATIO:
                return chunk
    return None
