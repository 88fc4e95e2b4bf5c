"""From documents' text to statistics rows: nothing is hard-coded, every figure is matched in the text.

`load_source_docs` reads a corpus folder; `extract_all` runs every extractor over every document, so a
new page of a known template (for instance next year's platform page) adds rows on the next build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.errors import IngestError
from assistant.statistics.figures import extract_document_figures
from assistant.statistics.market import extract_market_figures
from assistant.statistics.platform_page import extract_platform_stats, extract_trending_tools
from assistant.statistics.records import (
    CitySalary,
    CompanySalary,
    DocumentFigure,
    DocumentRow,
    ExperienceLevel,
    ExtraCompensation,
    MarketFigure,
    PlatformStat,
    Record,
    RoleSalary,
    TrendingTool,
)
from assistant.statistics.salary_guide import (
    extract_city_salaries,
    extract_company_salaries,
    extract_extra_compensation,
    extract_role_salaries,
)
from assistant.statistics.text import ParsedDoc, body_lines, front_matter_end

SOURCE_SUFFIXES = (".md", ".txt")
DEFAULT_KIND = "document"
_TITLE_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")
_TITLE_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\s*$")


@dataclass(frozen=True)
class SourceDoc:
    """One corpus file: `lines` exactly as in the file (index 0 = line 1), front matter included."""

    doc_id: str
    title: str
    kind: str
    year: int | None
    lines: list[str] = field(repr=False)


@dataclass
class Extraction:
    """All rows extracted from a corpus, per table."""

    documents: list[DocumentRow] = field(default_factory=list)
    platform_stats: list[PlatformStat] = field(default_factory=list)
    role_salaries: list[RoleSalary] = field(default_factory=list)
    experience_levels: list[ExperienceLevel] = field(default_factory=list)
    city_salaries: list[CitySalary] = field(default_factory=list)
    company_salaries: list[CompanySalary] = field(default_factory=list)
    extra_compensation: list[ExtraCompensation] = field(default_factory=list)
    market_figures: list[MarketFigure] = field(default_factory=list)
    trending_tools: list[TrendingTool] = field(default_factory=list)
    document_figures: list[DocumentFigure] = field(default_factory=list)

    def tables(self) -> dict[str, list[Record]]:
        """Table name -> rows, in schema order."""
        return dict(vars(self))


def load_source_docs(corpus_dir: Path) -> list[SourceDoc]:
    """Every *.md and *.txt file directly in `corpus_dir`, sorted by name."""
    if not corpus_dir.is_dir():
        raise IngestError(f"corpus folder {corpus_dir} does not exist (expected a folder of .md/.txt files)")
    paths = sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    return [source_doc(path.name, path.read_text(encoding="utf-8-sig"), path.stem) for path in paths]


def source_doc(doc_id: str, text: str, stem: str) -> SourceDoc:
    """A document from its text: front matter (optional) gives title/kind/year; else first '# ' or stem."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    meta = _front_matter(lines)
    title = str(meta.get("title") or _first_heading(lines) or stem).strip()
    year = meta.get("year")
    if year is None:
        match = _TITLE_YEAR.search(title)
        year = int(match.group("year")) if match else None
    return SourceDoc(doc_id, title, str(meta.get("kind") or DEFAULT_KIND), int(year) if year else None, lines)


def _front_matter(lines: list[str]) -> dict[str, object]:
    end = front_matter_end(lines)
    if not end:
        return {}
    try:
        meta = yaml.safe_load("\n".join(lines[1 : end - 1]))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _first_heading(lines: list[str]) -> str | None:
    for line in lines[front_matter_end(lines) :]:
        match = _TITLE_HEADING.match(line)
        if match:
            return match.group("title")
    return None


def extract_all(docs: list[SourceDoc]) -> Extraction:
    """Run every extractor over every document. Roles are read first: city lines name roles by them."""
    parsed = [ParsedDoc(doc.doc_id, doc.title, body_lines(doc.lines)) for doc in docs]
    result = Extraction(documents=[DocumentRow(d.doc_id, d.title, d.kind, d.year) for d in docs])
    for doc in parsed:
        guide = extract_role_salaries(doc)
        result.role_salaries += guide.roles
        result.experience_levels += guide.levels
    known_roles = list(dict.fromkeys(row.role for row in result.role_salaries))
    for doc in parsed:
        result.platform_stats += extract_platform_stats(doc)
        result.city_salaries += extract_city_salaries(doc, known_roles)
        result.company_salaries += extract_company_salaries(doc)
        result.extra_compensation += extract_extra_compensation(doc)
        result.market_figures += extract_market_figures(doc)
        result.trending_tools += extract_trending_tools(doc)
        result.document_figures += extract_document_figures(doc)
    return result
