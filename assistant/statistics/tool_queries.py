"""What the statistics tools read from the store: fixed, parameterised SELECTs of this package (never text from a
user), each row with its document's title; and what a build holds that no question changes, read once per build:
a column's distinct values, the rows of a query that takes nothing from the question, each role's levels. Also the
canonical spelling of an argument, or a note naming what the data has instead.
"""

from __future__ import annotations

import threading
from typing import Any

from assistant.statistics.store import StatsStore

Row = dict[str, Any]


class ToolQueries:
    """The store's rows for the tools (StatsTools builds on this), with the build metadata read once."""

    def __init__(self, store: StatsStore) -> None:
        self._store = store
        # Which roles, levels, cities and years a table holds is build metadata (a build never changes), like
        # the coverage: read once per column, not on every question.
        self._distinct_values: dict[tuple[str, str, str], list[Any]] = {}
        self._distinct_lock = threading.Lock()
        self._doc_titles: dict[str, str] | None = None  # doc_id -> title, also build metadata
        # ... and so are the rows of a query that takes nothing from the question (a whole table, the cities
        # without a figure, each role's levels in the latest data year)
        self._constant_rows: dict[tuple[str, str, str, tuple[Any, ...]], list[Row]] = {}

    def _select(
        self, table: str, where: str = "", params: list[Any] | None = None, order: str = "t.doc_id, t.line"
    ) -> list[Row]:
        """Rows of `table` (a name written in this package) with their document's title as a last column.

        The title comes from the build's document list read once, not a JOIN per query: on these small tables
        the join was a third of a query's CPU. Every row's doc_id references documents (schema), so the rows
        are the ones the inner join gave, in the same order."""
        condition = f" WHERE {where}" if where else ""
        rows = self._store.fetch(f"SELECT t.* FROM {table} t{condition} ORDER BY {order}", params or [])
        titles = self._titles()
        for row in rows:
            row["title"] = titles[row["doc_id"]]
        return rows

    def _titles(self) -> dict[str, str]:
        """Each document's title by doc_id (read once per build)."""
        with self._distinct_lock:
            known = self._doc_titles
        if known is None:
            known = {row["doc_id"]: row["title"] for row in self._store.fetch("SELECT doc_id, title FROM documents")}
            with self._distinct_lock:
                self._doc_titles = known
        return known

    def _distinct(self, table: str, column: str, order: str = "min(doc_id), min(line)") -> list[Any]:
        """Distinct non-null values of a column, in document order unless told otherwise (read once per build)."""
        key = (table, column, order)
        with self._distinct_lock:
            known = self._distinct_values.get(key)
        if known is None:
            rows = self._store.fetch(
                f"SELECT {column} AS value FROM {table} WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY {order}"
            )
            known = [row["value"] for row in rows]
            with self._distinct_lock:
                self._distinct_values[key] = known
        return list(known)

    def _salaries(self, where: str, params: list[Any]) -> list[Row]:
        """Role salary rows of the latest salary data year (a newer guide supersedes an older one)."""
        # The latest year is build metadata (read once), not a subquery per question: the subquery cost more
        # than the rest of the query. No year (an empty table) compares as NULL and selects nothing, as before.
        years = self._distinct("role_salaries", "data_year", order="data_year")
        latest = years[-1] if years else None
        return self._select("role_salaries", f"t.data_year = ? AND {where}", [latest, *params])

    def _constant(
        self, table: str, where: str = "", params: list[Any] | None = None, order: str = "t.doc_id, t.line"
    ) -> list[Row]:
        """`_select` for a query that takes nothing from the question (its parameters are build metadata too):
        read once per build, like `_distinct`; each call gets its own copies of the rows to keep or change."""
        key = (table, where, order, tuple(params or ()))
        with self._distinct_lock:
            known = self._constant_rows.get(key)
        if known is None:
            known = self._select(table, where, params, order)
            with self._distinct_lock:
                self._constant_rows[key] = known
        return [dict(row) for row in known]

    def _levels_of(self, role: str) -> list[str]:
        """The levels a role has figures for in the latest salary data year, in document order (from the year's
        rows read once per build; the same list a query of the role's rows gives)."""
        years = self._distinct("role_salaries", "data_year", order="data_year")
        latest = years[-1] if years else None
        return [
            row["level"] for row in self._constant("role_salaries", "t.data_year = ?", [latest]) if row["role"] == role
        ]

    def _lookup(self, table: str, column: str, value: str | None, what: str) -> tuple[Any | None, str]:
        """Canonical spelling of an optional argument, or a note naming the values the table has."""
        if value is None:
            return None, ""
        choices = self._distinct(table, column)
        canonical = _match(value, choices)
        return canonical, "" if canonical is not None else f"no {what} {value!r} (have: {joined(choices)})"

    def _roles(self) -> list[str]:
        return self._distinct("role_salaries", "role")

    def _experience_levels(self) -> list[Row]:
        """One row per level (its first mention), ordered by years."""
        rows = self._constant("experience_levels", order="t.years_min, t.doc_id, t.line")
        first_mention: dict[tuple[Any, ...], Row] = {}
        for row in rows:  # a level stated with another range elsewhere is kept: the sources disagree
            first_mention.setdefault((row["level"], row["years_min"], row["years_max"]), row)
        return list(first_mention.values())

    def _platform_metric(self, metric: str, year: int | None) -> tuple[str, str]:
        """Canonical metric name and, if the metric or year is not covered, why."""
        canonical, missing = self._lookup("platform_stats", "metric", metric, "data for platform metric")
        if missing:
            return "", missing
        years = self._distinct("platform_stats", "year", order="year")
        if year is not None and year not in years:
            return canonical, f"no data for year {year} (have: {joined(years)})"
        return canonical, ""

    def _role_levels(self, role: str | None, levels: list[str]) -> tuple[str | None, list[str]] | str:
        """Canonical role and levels, or a note saying which of them the data does not have."""
        canonical_role = None
        if role is not None:
            canonical_role = _match(role, self._roles())
            if canonical_role is None:
                return f"no data for role {role!r} (have: {joined(self._roles())})"
        all_levels = self._distinct("role_salaries", "level")
        role_levels = self._levels_of(canonical_role) if canonical_role else all_levels
        canonical_levels: list[str] = []
        for level in levels:
            canonical = _match(level, all_levels)
            if canonical is None:
                return f"no data for level {level!r} (have: {joined(all_levels)})"
            if canonical not in role_levels:
                return f"no {canonical} figure for {canonical_role} (have: {joined(role_levels)})"
            canonical_levels.append(canonical)
        return canonical_role, canonical_levels


def _match(value: str | None, choices: list[Any]) -> Any | None:
    """The choice equal to `value` ignoring case and surrounding space (None if none is)."""
    if value is None:
        return None
    wanted = " ".join(str(value).split()).casefold()
    return next((choice for choice in choices if str(choice).casefold() == wanted), None)


def joined(values: Any) -> str:
    return ", ".join(str(value) for value in values) or "nothing"
