"""Sources that disagree: one figure stated with different values, and ranking claims the figures contradict.

Which rows state the same figure is data, not code (`stats/figure_keys.toml`): per table, the key columns
that name a figure and the value columns that hold it. Rows with the same key and different values are a
contest; rows with the same key and the same values are one figure that several documents state. Ranking
claims ("San Francisco: Highest overall") are rows of `ranking_claims`; one is contradicted when the figures
put more entities ahead of its subject than its position allows. Both kinds are computed from the built
tables, attached to the statistics tools' results, listed by /stats and logged by the ingest.
"""

from __future__ import annotations

import logging
import re
import threading
import tomllib
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import IngestError
from assistant.settings import PROJECT_ROOT
from assistant.statistics.records import TABLES, column_names

if TYPE_CHECKING:
    from assistant.statistics.store import StatsStore

FIGURE_KEYS_PATH = PROJECT_ROOT / "stats" / "figure_keys.toml"
Row = dict[str, Any]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FigureKey:
    """Which columns of a table name a figure (`key`) and which hold it (`values`)."""

    table: str
    key: tuple[str, ...]
    values: tuple[str, ...]
    label: str

    def key_of(self, row: Row) -> tuple[Any, ...]:
        return tuple(row.get(column) for column in self.key)

    def value_of(self, row: Row) -> tuple[Any, ...]:
        return tuple(row.get(column) for column in self.values)

    def states_figure(self, row: Row) -> bool:
        return any(value is not None for value in self.value_of(row))

    def describe(self, row: Row) -> str:
        """The figure in words, from the table's label template ("the 2025 median salary expectation")."""
        words = {column: _readable(row.get(column)) for column in column_names(TABLES[self.table])}
        return self.label.format(**words)


@dataclass(frozen=True)
class Ranking:
    """How a dimension (city, role, level) is ranked: by which value of which table, within which column."""

    dimension: str
    table: str
    value: str
    within: str


@dataclass(frozen=True)
class ConflictRules:
    tables: dict[str, FigureKey]
    rankings: dict[str, Ranking]
    claim_words: dict[str, re.Pattern[str]]  # direction -> pattern of its words
    ordinals: dict[str, int]


@cache
def rules(path: Path = FIGURE_KEYS_PATH) -> ConflictRules:
    """The figure keys, rankings and claim words of `stats/figure_keys.toml`, checked against the tables."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise IngestError(f"figure keys file {path} is unreadable: {error}") from error
    tables = {}
    for table, spec in data.get("tables", {}).items():
        _check_columns(path, table, [*spec["key"], *spec["values"]])
        tables[table] = FigureKey(table, tuple(spec["key"]), tuple(spec["values"]), spec.get("label", table))
    rankings = {}
    for dimension, spec in data.get("rankings", {}).items():
        _check_columns(path, spec["table"], [dimension, spec["value"], spec["within"]])
        rankings[dimension] = Ranking(dimension, spec["table"], spec["value"], spec["within"])
    words = {
        direction: re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
        for direction, patterns in data.get("claim_words", {}).items()
    }
    ordinals = {word.casefold(): int(position) for word, position in data.get("claim_ordinals", {}).items()}
    return ConflictRules(tables, rankings, words, ordinals)


def _check_columns(path: Path, table: str, columns: list[str]) -> None:
    if table not in TABLES:
        raise IngestError(f"{path}: unknown table {table!r} (have: {', '.join(TABLES)})")
    unknown = [column for column in columns if column not in column_names(TABLES[table])]
    if unknown:
        raise IngestError(f"{path}: table {table} has no column {', '.join(unknown)}")


def _readable(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("_", " ") if value is not None else "?"


# ---- figures stated twice -------------------------------------------------------------------------


def group_figures(table: str, rows: Iterable[Row]) -> list[list[Row]]:
    """Rows grouped by the figure they state (key), in first-seen order; unkeyed rows stand alone."""
    spec = rules().tables.get(table)
    groups: dict[Any, list[Row]] = {}
    for index, row in enumerate(rows):
        key = spec.key_of(row) if spec and spec.states_figure(row) else ("row", index)
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def split_values(table: str, rows: list[Row]) -> list[list[Row]]:
    """The rows of one figure split by value: one list per distinct value, each citing every row with it."""
    spec = rules().tables.get(table)
    if spec is None:
        return [[row] for row in rows]
    by_value: dict[tuple[Any, ...], list[Row]] = {}
    for row in rows:
        by_value.setdefault(spec.value_of(row), []).append(row)
    return list(by_value.values())


def find_contests(table: str, rows: Iterable[Row]) -> list[Row]:
    """Figures of `table` that the rows state with more than one value, each with its competing rows."""
    spec = rules().tables.get(table)
    if spec is None:
        return []
    contests = []
    for group in group_figures(table, rows):
        if len(split_values(table, group)) > 1:
            contests.append(
                {
                    "table": table,
                    "key": dict(zip(spec.key, spec.key_of(group[0]), strict=True)),
                    "label": spec.describe(group[0]),
                    "contested": True,
                    "rows": group,
                }
            )
    return contests


_CACHE: weakref.WeakKeyDictionary[Any, dict[str, list[Row]]] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def _memo(store: StatsStore, name: str, compute: Any) -> list[Row]:
    """A build's tables never change: compute each list once per open store."""
    with _CACHE_LOCK:
        cached = _CACHE.setdefault(store, {})
        if name in cached:
            return cached[name]
    value = compute()
    with _CACHE_LOCK:
        _CACHE[store][name] = value
    return value


def _table_rows(store: StatsStore, table: str) -> list[Row]:
    """Every row of a table (named in this package's data, checked against TABLES) with its document title."""
    if table not in TABLES:
        raise IngestError(f"unknown statistics table {table!r}")
    return store.fetch(
        f"SELECT t.*, d.title FROM {table} t JOIN documents d ON d.doc_id = t.doc_id ORDER BY t.doc_id, t.line"
    )


def contests(store: StatsStore, table: str | None = None) -> list[Row]:
    """Every contested figure of the store (or of one table)."""
    tables = [table] if table is not None else list(rules().tables)
    found: list[Row] = []
    for name in tables:
        if name in rules().tables:
            found += _memo(store, f"contests:{name}", lambda n=name: find_contests(n, _table_rows(store, n)))
    return found


def mark_contested(store: StatsStore, table: str, rows: list[Row]) -> list[Row]:
    """Flag `contested: True` on the rows whose figure the sources state differently; return those contests."""
    spec = rules().tables.get(table)
    if spec is None:
        return []
    keyed = [row for row in rows if all(column in row for column in spec.key)]
    touched_contests = []
    for contest in contests(store, table):
        wanted = tuple(contest["key"].values())
        touched = [row for row in keyed if spec.key_of(row) == wanted]
        for row in touched:
            row["contested"] = True
        if touched:
            touched_contests.append(contest)
    return touched_contests


def claims_touching(store: StatsStore, tables: Iterable[str], rows: list[Row]) -> list[Row]:
    """Contradicted claims whose subject, or an entity ranked ahead of it, is among `rows` (same group)."""
    found = []
    for claim in contradicted_claims(store):
        if claim["table"] not in tables:
            continue
        dimension, within = claim["dimension"], rules().rankings[claim["dimension"]].within
        names = {claim["subject"], *(row[dimension] for row in claim["ahead_rows"])}
        if any(row.get(dimension) in names and row.get(within) == claim["within"] for row in rows):
            found.append(claim)
    return found


# ---- ranking claims -------------------------------------------------------------------------------


def contradicted_claims(store: StatsStore) -> list[Row]:
    """Ranking claims of the documents that the figures contradict, with the rows on both sides."""
    return _memo(store, "claims", lambda: _contradicted(store))


def _contradicted(store: StatsStore) -> list[Row]:
    found = []
    for claim in store.fetch("SELECT * FROM ranking_claims ORDER BY doc_id, line"):
        ranking = rules().rankings.get(claim["dimension"])
        if ranking is None:
            continue
        figures = [
            row
            for row in _table_rows(store, ranking.table)
            if row.get(ranking.value) is not None and row.get(ranking.dimension) is not None
        ]
        subject_groups = [row[ranking.within] for row in figures if row[ranking.dimension] == claim["subject"]]
        groups = [claim["within"]] if claim["within"] else list(dict.fromkeys(subject_groups))
        for group in groups:
            contradiction = _check_claim(claim, ranking, [row for row in figures if row[ranking.within] == group])
            if contradiction is not None:
                found.append({**contradiction, "within": group})
    return found


def _check_claim(claim: Row, ranking: Ranking, figures: list[Row]) -> Row | None:
    """The contradiction if more entities are ahead of the subject than the claimed position allows."""
    subject_rows = [row for row in figures if row[ranking.dimension] == claim["subject"]]
    if not subject_rows:
        return None
    highest = claim["direction"] == "highest"
    values = [row[ranking.value] for row in subject_rows]
    best = max(values) if highest else min(values)
    ahead = [
        row
        for row in figures
        if row[ranking.dimension] != claim["subject"]
        and (row[ranking.value] > best if highest else row[ranking.value] < best)
    ]
    if len({row[ranking.dimension] for row in ahead}) < claim["position"]:
        return None
    ahead.sort(key=lambda row: row[ranking.value], reverse=highest)
    return {
        "dimension": ranking.dimension,
        "subject": claim["subject"],
        "direction": claim["direction"],
        "position": claim["position"],
        "claim": claim,
        "subject_rows": subject_rows,
        "ahead_rows": ahead,
        "table": ranking.table,
        "contested": True,
    }


# ---- the ingest's warning ---------------------------------------------------------------------------


def warn_conflicts(db_path: Path) -> list[str]:
    """Log one WARNING per contested figure and per contradicted claim of a freshly built statistics file."""
    from assistant.statistics.store import StatsStore

    store = StatsStore.open(db_path)
    try:
        lines = [_contest_line(contest) for contest in contests(store)]
        lines += [_claim_line(claim) for claim in contradicted_claims(store)]
    finally:
        store.close()
    for line in lines:
        log.warning("%s", line)
    return lines


def _contest_line(contest: Row) -> str:
    spec = rules().tables[contest["table"]]
    key = ", ".join(f"{column}={value}" for column, value in contest["key"].items())
    values = "; ".join(
        f"{rows[0]['raw']} in " + ", ".join(f"{row['doc_id']}:{row['line']}" for row in rows)
        for rows in split_values(spec.table, contest["rows"])
    )
    return f"sources disagree on {contest['table']} ({key}): {values}"


def _claim_line(claim: Row) -> str:
    said = claim["claim"]
    ahead = "; ".join(
        f"{row[claim['dimension']]} {row['raw']} in {row['doc_id']}:{row['line']}" for row in claim["ahead_rows"]
    )
    return (
        f"sources disagree on ranking_claims ({claim['dimension']}={claim['subject']}, within={claim['within']}): "
        f'{said["doc_id"]}:{said["line"]} says "{said["raw"]}" ({claim["direction"]}, position {claim["position"]}), '
        f"yet the figures put ahead: {ahead}"
    )
