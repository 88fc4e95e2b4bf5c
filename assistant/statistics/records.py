"""One dataclass per statistics table; field order and names match stats/schema.sql.

Every figure row carries its provenance (doc_id, 1-based line, raw text as written, section path).
The store derives its whitelists (tables, filterable columns and their types) from these classes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, get_type_hints


@dataclass(frozen=True)
class DocumentRow:
    table: ClassVar[str] = "documents"
    doc_id: str
    title: str
    kind: str
    year: int | None


@dataclass(frozen=True)
class PlatformStat:
    table: ClassVar[str] = "platform_stats"
    year: int
    metric: str
    value: float
    unit: str
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class RoleSalary:
    table: ClassVar[str] = "role_salaries"
    role: str
    level: str
    value_low: float
    value_high: float | None
    top_company_value: float | None
    period: str
    market: str
    data_year: int
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class ExperienceLevel:
    table: ClassVar[str] = "experience_levels"
    level: str
    years_min: int
    years_max: int | None
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class CitySalary:
    table: ClassVar[str] = "city_salaries"
    city: str
    state: str
    role: str | None
    value: float | None
    note: str
    data_year: int | None
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class CompanySalary:
    table: ClassVar[str] = "company_salaries"
    companies: str
    value_low: float
    value_high: float
    high_open_ended: bool
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class ExtraCompensation:
    table: ClassVar[str] = "extra_compensation"
    item: str
    value: float
    open_ended: bool
    period: str | None
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class MarketFigure:
    table: ClassVar[str] = "market_figures"
    metric: str
    value: float
    unit: str
    description: str
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class TrendingTool:
    table: ClassVar[str] = "trending_tools"
    year: int
    tool: str
    mentions: int
    raw: str
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class RankingClaim:
    """A sentence that ranks something ("San Francisco, CA: Highest overall"), checked against the figures."""

    table: ClassVar[str] = "ranking_claims"
    dimension: str  # city | role | level (a key of [rankings] in stats/figure_keys.toml)
    subject: str  # the city, role or level the sentence ranks, as the figure tables spell it
    direction: str  # highest | lowest
    position: int  # 1 for "highest", 2 for "second highest"
    within: str | None  # the group named on the same line ("ML Engineer" for a city), if any
    raw: str  # the claim as written ("Highest overall")
    doc_id: str
    line: int
    section: str


@dataclass(frozen=True)
class DocumentFigure:
    table: ClassVar[str] = "document_figures"
    doc_id: str
    line: int
    col: int
    raw: str
    value: float
    unit: str
    context: str
    section: str


Record = (
    DocumentRow
    | PlatformStat
    | RoleSalary
    | ExperienceLevel
    | CitySalary
    | CompanySalary
    | ExtraCompensation
    | MarketFigure
    | TrendingTool
    | RankingClaim
    | DocumentFigure
)

RECORD_TYPES: tuple[type, ...] = (
    DocumentRow,
    PlatformStat,
    RoleSalary,
    ExperienceLevel,
    CitySalary,
    CompanySalary,
    ExtraCompensation,
    MarketFigure,
    TrendingTool,
    RankingClaim,
    DocumentFigure,
)
TABLES: dict[str, type] = {cls.table: cls for cls in RECORD_TYPES}


def column_names(record_type: type) -> list[str]:
    """The table's columns in schema order."""
    return [field.name for field in fields(record_type)]


def column_types(record_type: type) -> dict[str, type]:
    """Column name -> Python base type (str, int, float or bool), used to coerce filter values."""
    hints = get_type_hints(record_type)
    types: dict[str, type] = {}
    for name in column_names(record_type):
        hint = hints[name]
        base = next((t for t in (bool, int, float, str) if t == hint or t in getattr(hint, "__args__", ())), str)
        types[name] = base
    return types
