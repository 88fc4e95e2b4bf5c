"""An answer being written: sentences with numbered [n] markers and the citations and tool calls behind them,
plus the formatting helpers every answerer shares (money, signed differences, articles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.documents import Document
from assistant.models import Citation, ToolCall
from assistant.retrieval import Passage, source_span
from assistant.statistics.tools import ToolResult

_MARKER = re.compile(r"\s*\[\d+\]")  # a citation marker, with the space before it


def without_markers(text: str) -> str:
    """A sentence or reply as written, without its [n] citation markers (and the space before each): what it says,
    whatever sources it was cited to (a sentence said twice, what a reply told, the numbers an answer holds)."""
    return _MARKER.sub("", text)


def is_cited(text: str) -> bool:
    """The text holds a citation marker: it says what a source says (not a note or a refusal of our own)."""
    return _MARKER.search(text) is not None


def article(word: str) -> str:
    return "an" if word[:1].upper() in "AEIOU" else "a"


def money(value: float | int) -> str:
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


def plain(value: float | int) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def signed_money(value: float | int) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + money(abs(value))


def signed_pct(value: float | None) -> str:
    return "" if value is None else f"{'+' if value > 0 else ''}{value:.1f}%"


@dataclass(frozen=True)
class DraftMark:
    parts: int
    citations: int
    abstained: bool


@dataclass
class Draft:
    """An answer being written: sentences with [n] markers and the citations they point at."""

    documents: dict[str, Document]
    parts: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    results: list[ToolResult] = field(default_factory=list)
    abstained: bool = False
    years: list[int] = field(default_factory=list)
    # Sentences that quote the asker's own words ("the sources don't say anything about “... 2027”"): their
    # numbers are the user's, not claims, so the numeric check reads the answer without them.
    echoes: list[str] = field(default_factory=list)
    _keys: dict[tuple[str, str], int] = field(default_factory=dict)

    def say(self, text: str) -> None:
        """Add a sentence; one already said (two parts of a question answered from the same passage, or the
        same sentence found once as a figure's row and once as a passage, under two markers) is not repeated."""
        bare = without_markers(text).strip()
        if bare and any(bare == without_markers(said).strip() for said in self.parts):
            self._uncite(text)
            return
        self.parts.append(text)

    def _uncite(self, text: str) -> None:
        """Take back the citations made for a sentence that is not said: the last ones, pointed at by it alone."""
        written = " ".join(self.parts)
        while self.citations:
            marker = f"[{len(self.citations)}]"
            if marker not in text or marker in written:
                return
            self.citations.pop()
            self._keys = {key: number for key, number in self._keys.items() if number <= len(self.citations)}

    def echo(self, text: str) -> None:
        """Say a sentence that quotes the question back (its numbers are not checked against the evidence)."""
        self.parts.append(text)
        self.echoes.append(text)

    def claims(self) -> str:
        """The answer text without the echoed sentences: what the numeric check must find in the evidence."""
        text = self.text()
        for sentence in self.echoes:
            text = text.replace(sentence, " ")
        return text

    def mark(self) -> DraftMark:
        """Where the draft stands, so an attempt at one part of a question can be taken back."""
        return DraftMark(len(self.parts), len(self.citations), self.abstained)

    def rollback(self, mark: DraftMark) -> list[str]:
        """Take back the sentences and citations written since `mark`; returns the sentences taken back.

        Tool calls stay: they are what was looked up, and harmless as evidence for the numeric check.
        """
        taken = self.parts[mark.parts :]
        del self.parts[mark.parts :]
        del self.citations[mark.citations :]
        self._keys = {key: number for key, number in self._keys.items() if number <= mark.citations}
        self.abstained = mark.abstained
        return taken

    def cite_row(self, row: dict[str, Any]) -> str:
        """Marker for a statistics row, one citation per (document, section), listing the lines used."""
        doc_id, line = str(row.get("doc_id", "")), int(row.get("line") or 0)
        doc = self.documents.get(doc_id)
        section = doc.section_at(line) if doc else None
        label = (" > ".join(p for p in section.path if doc and p != doc.title) if section else "") or (
            doc.title if doc else ""
        )
        key = (doc_id, label)
        text = doc.line(line).strip().lstrip("-•* ").strip() if doc else str(row.get("raw", ""))
        if doc and text == str(row.get("raw", "")).strip() and doc.line(line - 1).rstrip().endswith(":"):
            text = f"{doc.line(line - 1).strip()} {text}"  # "Median Salary Expectations: $5,808"
        if key in self._keys:
            citation = self.citations[self._keys[key] - 1]
            if text and text not in citation.snippet:
                citation.snippet = f"{citation.snippet} / {text}"
                _, first, last = source_span(citation.source)
                lo, hi = min(first, line), max(last, line)
                citation.source = f"{doc_id}:{lo}" if lo == hi else f"{doc_id}:{lo}-{hi}"
            return f"[{self._keys[key]}]"
        number = len(self.citations) + 1
        self.citations.append(
            Citation(
                id=number,
                title=doc.title if doc else str(row.get("title", doc_id)),
                source=f"{doc_id}:{line}",
                section=label,
                snippet=text,
                score=None,
            )
        )
        self._keys[key] = number
        return f"[{number}]"

    def cite_passage(self, passage: Passage, sentence: str) -> str:
        key = (passage.chunk_id, "")
        if key in self._keys:
            citation = self.citations[self._keys[key] - 1]
            if sentence not in citation.snippet:
                citation.snippet = f"{citation.snippet} … {sentence}"
            return f"[{self._keys[key]}]"
        number = len(self.citations) + 1
        others = [t for t in dict.fromkeys(passage.titles[1:]) if t and t != passage.title]
        title = passage.title + (f" (same text also in: {'; '.join(others)})" if others else "")
        self.citations.append(
            Citation(
                id=number,
                title=title,
                source=passage.source,
                section=passage.section,
                snippet=sentence,
                score=passage.score,
            )
        )
        self._keys[key] = number
        return f"[{number}]"

    def text(self) -> str:
        """The parts in order: sentences joined by a space, a multi-line block (a bulleted list) on lines of
        its own, so what follows a list never runs on from its last bullet."""
        out = ""
        block = False
        for part in (p.strip() for p in self.parts):
            if not part:
                continue
            is_block = "\n" in part
            out += ("\n" if block or is_block else " ") + part if out else part
            block = is_block
        return out
