"""Query-named goldens: a case may name a DuckDB SELECT over the statistics file instead of a literal figure,
so its expected value is recomputed from the current build's data at eval time and never goes stale.

The query runs on a read-only connection to the serving build's stats.duckdb (data/CURRENT); a query that
fails or does not return exactly one number is a broken case (exit 2), not a failed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from assistant.settings import Settings
from eval.errors import CaseFileError, HarnessError
from eval.schema import Case

STATS_FILE = "stats.duckdb"


def stats_db_path(settings: Settings) -> Path:
    """The statistics file of the serving build named by data/CURRENT."""
    from assistant.ingest import current_build

    build = current_build(settings)
    if build is None:
        raise HarnessError(
            f"no index build under {settings.data_dir} (data/CURRENT missing): run `assistant ingest` first"
        )
    path = build[1] / STATS_FILE
    if not path.is_file():
        raise HarnessError(f"build {build[0]} has no {STATS_FILE} at {path}")
    return path


def needs_goldens(cases: Sequence[Case]) -> bool:
    return any(number.query for case in cases for turn in case.turns for number in turn.expect.numbers)


def resolve_goldens(cases: Sequence[Case], db_path: Path | None) -> list[Case]:
    """Copies of `cases` whose query-named figures carry the value the query returns now."""
    if not needs_goldens(cases):
        return list(cases)
    if db_path is None:
        raise HarnessError("cases name DuckDB goldens but no statistics database was found")
    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        resolved = []
        for case in cases:
            copy = case.model_copy(deep=True)
            for turn in copy.turns:
                for number in turn.expect.numbers:
                    if number.query is not None:
                        number.value = _scalar(connection, number.query, case.id)
            resolved.append(copy)
        return resolved
    finally:
        connection.close()


def _scalar(connection: duckdb.DuckDBPyConnection, query: str, case_id: str) -> float:
    try:
        rows = connection.execute(query).fetchall()
    except duckdb.Error as error:
        raise CaseFileError(f"case {case_id!r}: golden query failed: {query!r}: {error}") from error
    if len(rows) != 1 or len(rows[0]) != 1:
        raise CaseFileError(
            f"case {case_id!r}: golden query must return exactly one value, got {len(rows)} row(s): {query!r}"
        )
    value = rows[0][0]
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise CaseFileError(f"case {case_id!r}: golden query returned {value!r}, not a number: {query!r}")
    return float(value)
