"""The expected Q&A pairs: a pydantic schema for eval/cases/*.yaml, and a loader that validates them.

A case file is `{suite, description, cases: [...]}`. A case is one question (`question` + `expect`) or a
conversation (`turns: [{message, expect}, ...]`); the loader normalises both to `turns`. Anything wrong in a
file (YAML, a key, a duplicate id, a source that names a heading the documents lack) raises CaseFileError,
which the CLI turns into exit code 2: a broken case is a harness error, never a failed case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from eval.errors import CaseFileError

Kind = Literal["statistics", "documents", "both", "multiturn", "abstention", "robustness", "smalltalk", "conflicts"]
KINDS: tuple[str, ...] = (
    "statistics",
    "documents",
    "both",
    "multiturn",
    "abstention",
    "robustness",
    "smalltalk",
    "conflicts",
)
Route = Literal["statistics", "documents", "both", "out_of_scope", "invalid", "smalltalk"]
# What a part of a question asks for (assistant.models.PartKind): the plan check names these.
PartKind = Literal["figure", "explanation", "list", "comparison", "method", "path", "smalltalk", "other"]
# dev: look at it while working; heldout: never tuned on (its files live in cases/heldout/).
Split = Literal["dev", "heldout"]
SPLITS: tuple[str, ...] = ("dev", "heldout")
HELDOUT_DIR = "heldout"
Unit = Literal["usd", "percent", "number"]
# The statistics tools of assistant/statistics/tools.py; a case naming another tool is a typo.
KNOWN_TOOLS: frozenset[str] = frozenset(
    {
        "platform_stat",
        "compare_years",
        "role_salary",
        "level_for_years",
        "level_years",
        "city_salary",
        "city_gap",
        "rank",
        "salary_gap",
        "role_gap",
        "annual_to_monthly",
        "market_figure",
        "company_salaries",
        "extra_compensation",
        "trending_tools",
        "coverage",
    }
)
CASES_DIR = Path(__file__).resolve().parent / "cases"
SCHEMA_PATH = Path(__file__).resolve().parent / "cases.schema.json"
_READ_ONLY_QUERY = re.compile(r"^\s*(select|with)\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")


class _Strict(BaseModel):
    """Unknown keys are errors: a misspelt `expect` key must not silently drop a check."""

    model_config = ConfigDict(extra="forbid")


class ExpectedNumber(_Strict):
    """A figure the answer must state: a literal `value`, or a read-only DuckDB `query` on the stats file."""

    value: float | None = None
    query: str | None = Field(None, description="SELECT returning one scalar, evaluated at eval time.")
    unit: Unit = "number"
    tolerance: float = Field(0.0, ge=0, description="Absolute tolerance.")
    rel_tolerance: float = Field(0.0, ge=0, le=0.5, description="Relative tolerance (0.01 = 1%).")
    label: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> ExpectedNumber:
        if (self.value is None) == (self.query is None):
            raise ValueError("give exactly one of 'value' (a literal) or 'query' (a DuckDB SELECT)")
        if self.query is not None and (not _READ_ONLY_QUERY.match(self.query) or ";" in self.query):
            raise ValueError(f"query must be a single read-only SELECT/WITH statement, got: {self.query!r}")
        return self


class ExpectedToolCall(_Strict):
    """A statistics tool the assistant must call; `arguments` is a subset of the call's arguments."""

    tool: str
    arguments: dict[str, str | int | float | bool | None] = Field(default_factory=dict)

    @field_validator("tool")
    @classmethod
    def _known_tool(cls, tool: str) -> str:
        if tool not in KNOWN_TOOLS:
            raise ValueError(f"unknown tool {tool!r} (known: {', '.join(sorted(KNOWN_TOOLS))})")
        return tool


class ExpectedSource(_Strict):
    """Where the answer should come from: one of `doc` and, if given, one of `section` (alternatives).

    `relevance` is a BEIR-style grade: 2 = required (counts for recall), 1 = acceptable (counts for precision
    and nDCG only). A section is a heading path ('Salary Ranges (US Market, 2024) > AI Engineer') or a part.
    """

    doc: list[str]
    section: list[str] | None = None
    relevance: int = Field(2, ge=1, le=3)

    @field_validator("doc", "section", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("doc", "section")
    @classmethod
    def _non_empty(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and (not value or any(not item.strip() for item in value)):
            raise ValueError("must be a non-empty name or a non-empty list of names")
        return value


Phrase = str | list[str]


class ExpectedPlanPart(_Strict):
    """One part of the question plan (Reply.plan): what it asks for and where it should be answered."""

    kind: list[PartKind] = Field(description="Accepted kinds of answer for this part (one or several).")
    route: list[Route] | None = Field(None, description="Accepted routes for this part.")
    covered: bool | None = Field(None, description="False: the sources do not cover this part.")

    @field_validator("kind", "route", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class FigureSource(_Strict):
    """A figure that must be written with its own citation: the marker right after it names a passage of `doc`."""

    value: float
    unit: Unit = "number"
    doc: str


class Expectation(_Strict):
    """What one turn's reply must (and must not) show."""

    route: list[Route] | None = Field(None, description="Accepted routes (one or several).")
    abstain: bool = False
    numbers: list[ExpectedNumber] = Field(default_factory=list)
    contains: list[Phrase] = Field(default_factory=list, description="Each must appear; a list = any of.")
    not_contains: list[str] = Field(default_factory=list)
    forbid_numbers: list[float] = Field(default_factory=list, description="Figures that must not appear.")
    tool_calls: list[ExpectedToolCall] = Field(default_factory=list)
    sources: list[ExpectedSource] = Field(default_factory=list)
    plan: list[ExpectedPlanPart] = Field(
        default_factory=list, description="Expected question plan, parts in order (scored as plan accuracy)."
    )
    cited_figures: list[FigureSource] = Field(
        default_factory=list, description="Figures each followed by a citation marker of the given document."
    )

    @field_validator("route", mode="before")
    @classmethod
    def _route_list(cls, route: Any) -> Any:
        return [route] if isinstance(route, str) else route

    @field_validator("contains")
    @classmethod
    def _phrases_non_empty(cls, contains: list[Phrase]) -> list[Phrase]:
        for phrase in contains:
            alternatives = [phrase] if isinstance(phrase, str) else phrase
            if not alternatives or any(not alt.strip() for alt in alternatives):
                raise ValueError("contains entries must be non-empty strings or non-empty lists of strings")
        return contains

    @model_validator(mode="after")
    def _checks_something(self) -> Expectation:
        measurable = (
            self.abstain
            or self.numbers
            or self.contains
            or self.not_contains
            or self.forbid_numbers
            or self.tool_calls
            or self.sources
            or self.route
            or self.plan
            or self.cited_figures
        )
        if not measurable:
            raise ValueError("an answerable turn needs at least one check (numbers, contains, sources, ...)")
        return self


class CaseTurn(_Strict):
    message: str
    repeat: int = Field(1, ge=1, le=10_000, description="Send `message` this many times over.")
    expect: Expectation

    @property
    def text(self) -> str:
        return self.message * self.repeat


class PlantedPage(_Strict):
    """A copy of a corpus document with text replaced: a second page that disagrees with the first."""

    copy_of: str = Field(description="File name in corpus/ to copy.")
    name: str = Field(pattern=r"^[A-Za-z0-9._-]+\.(md|txt)$", description="File name of the planted copy.")
    replace: dict[str, str] = Field(description="Exact line -> replacement line; each line must exist once.")


class CorpusFixture(_Strict):
    """A suite that builds its own corpus: the real corpus plus planted pages, ingested into a temp dir."""

    plant: list[PlantedPage] = Field(min_length=1)


class Case(_Strict):
    """One expected Q&A pair (or conversation), written from the documents."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    kind: Kind
    tags: list[str] = Field(default_factory=list)
    question: str | None = None
    expect: Expectation | None = None
    turns: list[CaseTurn] = Field(default_factory=list)
    paraphrase_of: str | None = Field(None, description="Id of the case this one rephrases (robustness).")
    note: str = Field("", description="Where in the documents the expected answer comes from.")
    split: Split = Field(description="dev (may be looked at while working) or heldout (never tuned on).")
    suite: str = Field("", description="Set by the loader from the file's `suite`.")
    corpus: CorpusFixture | None = Field(None, description="Set by the loader from the file's `corpus`.")

    @model_validator(mode="after")
    def _normalise_turns(self) -> Case:
        single = self.question is not None or self.expect is not None
        if single and self.turns:
            raise ValueError("give either question + expect, or turns, not both")
        if single:
            if self.question is None or self.expect is None:
                raise ValueError("a single-turn case needs both 'question' and 'expect'")
            self.turns = [CaseTurn(message=self.question, expect=self.expect)]
            self.question, self.expect = None, None
        if not self.turns:
            raise ValueError("a case needs question + expect, or a non-empty turns list")
        if self.kind == "multiturn" and len(self.turns) < 2:
            raise ValueError("a multiturn case needs at least two turns")
        return self


class CaseFile(_Strict):
    suite: str = Field(pattern=r"^[a-z0-9_-]+$")
    description: str = ""
    kind: Kind | None = Field(None, description="Default kind for cases that do not name one.")
    split: Split | None = Field(None, description="Default split for cases that do not name one.")
    corpus: CorpusFixture | None = Field(
        None, description="Run this suite on its own corpus (the real one plus planted pages), built at eval time."
    )
    cases: list[Case]

    @model_validator(mode="before")
    @classmethod
    def _default_kind(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and isinstance(raw.get("cases"), list):
            for default in ("kind", "split"):
                if raw.get(default):
                    for case in raw["cases"]:
                        if isinstance(case, dict):
                            case.setdefault(default, raw[default])
        return raw

    @model_validator(mode="after")
    def _tag_suite(self) -> CaseFile:
        for case in self.cases:
            case.suite = self.suite
            case.corpus = self.corpus
        return self


def case_file_schema() -> dict[str, Any]:
    """JSON Schema of a case file, for editors (`# yaml-language-server: $schema=...`); loader-set fields dropped."""
    schema = CaseFile.model_json_schema()
    case = schema["$defs"]["Case"]["properties"]
    for loader_set in ("suite", "corpus"):
        case.pop(loader_set, None)
    schema["title"] = "Assistant eval case file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text() -> str:
    import json

    return json.dumps(case_file_schema(), indent=2, sort_keys=True) + "\n"


def corpus_headings(corpus_dir: Path) -> dict[str, set[str]]:
    """Heading texts per corpus file name, lower-cased: what an expected section may name."""
    headings: dict[str, set[str]] = {}
    for path in sorted(corpus_dir.glob("*.md")) + sorted(corpus_dir.glob("*.txt")):
        found = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _HEADING.match(line)
            if match:
                found.add(normalise_heading(match.group("text")))
        headings[path.name] = found
    return headings


def normalise_heading(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def section_parts(section: str) -> list[str]:
    """'A > B' -> ['a', 'b'], normalised for comparison."""
    return [normalise_heading(part) for part in section.split(">") if part.strip()]


def load_case_file(path: Path) -> CaseFile:
    """Parse and validate one YAML file; every problem names the file, the case and the field."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CaseFileError(f"{path}: cannot read case file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise CaseFileError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise CaseFileError(f"{path}: expected a mapping with 'suite' and 'cases', got {type(raw).__name__}")
    try:
        return CaseFile.model_validate(raw)
    except ValidationError as exc:
        raise CaseFileError(f"{path}: invalid case file:\n{_describe(exc, raw)}") from exc


def _describe(exc: ValidationError, raw: dict[str, Any]) -> str:
    lines = []
    cases = raw.get("cases") if isinstance(raw.get("cases"), list) else []
    for error in exc.errors():
        loc = list(error["loc"])
        where = ".".join(str(part) for part in loc)
        if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int) and loc[1] < len(cases):
            case = cases[loc[1]]
            case_id = case.get("id", "?") if isinstance(case, dict) else "?"
            where = f"case #{loc[1]} (id={case_id}) " + ".".join(str(part) for part in loc[2:])
        lines.append(f"  - {where}: {error['msg']}")
    return "\n".join(lines)


def validate_cases(cases: Sequence[Case], corpus_dir: Path | None) -> None:
    """Cross-case checks: unique ids, paraphrase targets exist, cited docs and sections are in the corpus."""
    problems: list[str] = []
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            problems.append(f"duplicate case id {case.id!r}")
        seen.add(case.id)
    for case in cases:
        if case.paraphrase_of is not None and case.paraphrase_of not in seen:
            problems.append(f"case {case.id!r}: paraphrase_of {case.paraphrase_of!r} is not a case id")
    if corpus_dir is not None:
        real = corpus_headings(corpus_dir)
        for case in cases:
            headings = dict(real)
            for page in case.corpus.plant if case.corpus else []:  # a planted copy has its original's headings
                if page.copy_of not in real:
                    problems.append(f"case {case.id!r}: planted page copies {page.copy_of!r}, not in the corpus")
                headings[page.name] = real.get(page.copy_of, set())
            for number, turn in enumerate(case.turns):
                for source in turn.expect.sources:
                    problems.extend(_source_problems(case.id, number, source, headings))
                for figure in turn.expect.cited_figures:
                    if figure.doc not in headings:
                        problems.append(f"case {case.id!r} turn {number}: cited_figures doc {figure.doc!r} unknown")
    if problems:
        raise CaseFileError("invalid cases:\n" + "\n".join(f"  - {problem}" for problem in problems))


def _source_problems(case_id: str, turn: int, source: ExpectedSource, headings: dict[str, set[str]]) -> list[str]:
    where = f"case {case_id!r} turn {turn}"
    unknown = [doc for doc in source.doc if doc not in headings]
    if unknown:
        return [f"{where}: doc {unknown[0]!r} is not in the corpus (have: {', '.join(headings)})"]
    problems = []
    for section in source.section or []:
        missing = [part for part in section_parts(section) if not any(part in headings[doc] for doc in source.doc)]
        if missing:
            problems.append(f"{where}: no heading {missing[0]!r} in {', '.join(source.doc)}")
    return problems


def case_files(cases_dir: Path = CASES_DIR) -> list[Path]:
    """All case files, the held-out ones (cases_dir/heldout/) included; always validated together."""
    paths = sorted(cases_dir.glob("*.yaml")) + sorted((cases_dir / HELDOUT_DIR).glob("*.yaml"))
    if not paths:
        raise CaseFileError(f"no case files (*.yaml) in {cases_dir}")
    return paths


def load_cases(paths: Sequence[Path], corpus_dir: Path | None = None) -> list[Case]:
    """Load, validate and cross-check the case files; raises CaseFileError on the first broken file."""
    cases: list[Case] = []
    for path in paths:
        loaded = load_case_file(path).cases
        want = "heldout" if path.parent.name == HELDOUT_DIR else "dev"
        wrong = [case.id for case in loaded if case.split != want]
        if wrong:
            raise CaseFileError(
                f"{path}: cases {wrong} have the wrong split: files in {HELDOUT_DIR}/ hold split heldout, "
                "all others split dev (so the held-out cases can be kept out of sight)"
            )
        cases.extend(loaded)
    validate_cases(cases, corpus_dir)
    return cases


def select_cases(
    cases: Sequence[Case],
    suites: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    limit: int | None = None,
    split: str = "all",
) -> list[Case]:
    """Filter by suite, kind, tags (each: any of) and split (dev, heldout or all), then keep the first `limit`."""
    if split not in (*SPLITS, "all"):
        raise CaseFileError(f"unknown split {split!r} (have: {', '.join(SPLITS)}, all)")
    known_suites = {case.suite for case in cases}
    for suite in suites or []:
        if suite not in known_suites:
            raise CaseFileError(f"unknown suite {suite!r} (have: {', '.join(sorted(known_suites))})")
    for kind in kinds or []:
        if kind not in KINDS:
            raise CaseFileError(f"unknown kind {kind!r} (have: {', '.join(KINDS)})")
    chosen = [
        case
        for case in cases
        if (not suites or case.suite in suites)
        and (not kinds or case.kind in kinds)
        and (not tags or set(tags) & set(case.tags))
        and (split == "all" or case.split == split)
    ]
    return chosen[:limit] if limit is not None else chosen
