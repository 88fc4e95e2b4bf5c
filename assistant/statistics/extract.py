"""From documents' text to statistics rows: nothing is hard-coded, every figure is matched in the text.

`load_source_docs` reads a corpus folder; `extract_all` runs every extractor over every document, so a
new page of a known template (for instance next year's platform page) adds rows on the next build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.documents import Document, load_corpus, parse_document
from assistant.errors import IngestError
from assistant.statistics.claims import extract_ranking_claims
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
    RankingClaim,
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
from assistant.statistics.text import ParsedDoc, body_lines


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
    ranking_claims: list[RankingClaim] = field(default_factory=list)
    document_figures: list[DocumentFigure] = field(default_factory=list)

    def tables(self) -> dict[str, list[Record]]:
        """Table name -> rows, in schema order."""
        return dict(vars(self))


def load_source_docs(corpus_dir: Path) -> list[SourceDoc]:
    """Every .md/.txt document in `corpus_dir` (the same files and metadata the index reads)."""
    if not corpus_dir.is_dir():
        raise IngestError(f"corpus folder {corpus_dir} does not exist (expected a folder of .md/.txt files)")
    return [_source(doc) for doc in load_corpus(corpus_dir)]


def source_doc(doc_id: str, text: str, stem: str) -> SourceDoc:
    """A document from its text, read by the corpus loader's rules (`stem` is the title of last resort)."""
    return _source(parse_document(doc_id, text, stem))


def _source(doc: Document) -> SourceDoc:
    return SourceDoc(doc.doc_id, doc.title, doc.kind, doc.year, list(doc.lines))


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
    result.ranking_claims = extract_ranking_claims(parsed, result)  # names come from the figure rows
    return result
