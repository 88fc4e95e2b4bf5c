"""The statistics database: built once per index build, then opened read-only and shared by threads.

`StatsStore.build` writes a fresh DuckDB file from the extracted rows (schema in stats/schema.sql);
`StatsStore.open` opens it read-only, so several processes may serve the same file. Every query runs on
its own cursor and is fetched fully, which is how DuckDB connections are shared between threads.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from assistant.errors import IndexNotReady, IngestError, NotFound, UnknownValue
from assistant.settings import PROJECT_ROOT
from assistant.statistics.extract import Extraction, SourceDoc, extract_all
from assistant.statistics.records import TABLES, column_names, column_types

SCHEMA_PATH = PROJECT_ROOT / "stats" / "schema.sql"
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote: the file, rows per table, and extraction warnings (e.g. a missing metric)."""

    db_path: Path
    documents: int
    table_rows: dict[str, int]
    warnings: list[str]
    seconds: float


class StatsStore:
    """Read-only access to the statistics tables; whitelisted, parameterised queries only."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, db_path: Path) -> None:
        self._connection: duckdb.DuckDBPyConnection | None = connection
        self._lock = threading.Lock()
        self.db_path = db_path

    @staticmethod
    def build(db_path: Path, docs: list[SourceDoc]) -> BuildReport:
        """Extract every table from `docs` and write them to a new DuckDB file at `db_path`."""
        started = time.perf_counter()
        extraction = extract_all(docs)
        for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
            stale.unlink(missing_ok=True)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        connection = duckdb.connect(str(db_path))
        try:
            connection.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
            for table, rows in extraction.tables().items():
                columns = column_names(TABLES[table])
                if rows:
                    placeholders = ", ".join("?" for _ in columns)
                    connection.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
                        [[getattr(row, column) for column in columns] for row in rows],
                    )
            connection.execute("CHECKPOINT")
        except duckdb.Error as error:
            raise IngestError(f"statistics build into {db_path} failed: {error}") from error
        finally:
            connection.close()
        counts = {table: len(rows) for table, rows in extraction.tables().items()}
        return BuildReport(db_path, len(docs), counts, _warnings(extraction), time.perf_counter() - started)

    @classmethod
    def open(cls, db_path: Path) -> StatsStore:
        """Open a built statistics file read-only."""
        if not db_path.is_file():
            raise IndexNotReady(f"statistics database {db_path} does not exist (run an ingest first)")
        try:
            return cls(duckdb.connect(str(db_path), read_only=True), db_path)
        except duckdb.Error as error:
            raise IndexNotReady(f"statistics database {db_path} could not be opened: {error}") from error

    def tables(self) -> list[str]:
        """Names of the tables front ends may read."""
        return list(TABLES)

    def rows(self, table: str, filters: dict[str, str] | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Rows of a whitelisted table, equality-filtered on whitelisted columns (text case-insensitively)."""
        if table not in TABLES:
            raise NotFound(f"table {table!r} does not exist (have: {', '.join(TABLES)})")
        types = column_types(TABLES[table])
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (filters or {}).items():
            if column not in types:
                raise UnknownValue(
                    f"column {column!r} is not a filter of table {table!r} (accepted: {', '.join(types)})"
                )
            clause, param = _filter_clause(column, types[column], value)
            clauses.append(clause)
            params.append(param)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        order = "doc_id" if table == "documents" else "doc_id, line"
        params.append(max(0, int(limit)))
        return self.fetch(f"SELECT * FROM {table}{where} ORDER BY {order} LIMIT ?", params)

    def fetch(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run one fixed, parameterised SELECT of this package on its own cursor; rows as dicts.

        Package-internal: callers pass SQL text written in code, never text from a user.
        """
        with self._lock:
            if self._connection is None:
                raise IndexNotReady(f"statistics database {self.db_path} is closed")
            cursor = self._connection.cursor()
        try:
            result = cursor.execute(sql, params or [])
            names = [column[0] for column in result.description]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
        finally:
            cursor.close()

    def close(self) -> None:
        """Release the database file."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def _filter_clause(column: str, kind: type, value: str) -> tuple[str, Any]:
    """SQL condition and parameter for one filter, the value coerced to the column's type."""
    text = str(value).strip()
    if kind is str:
        return f"lower({column}) = lower(?)", text
    if kind is bool:
        if text.lower() not in _TRUE | _FALSE:
            raise UnknownValue(f"{column} must be true or false, not {value!r}")
        return f"{column} = ?", text.lower() in _TRUE
    try:
        return f"{column} = ?", kind(text)
    except ValueError:
        raise UnknownValue(f"{column} must be a {'whole ' if kind is int else ''}number, not {value!r}") from None


def _warnings(extraction: Extraction) -> list[str]:
    """Platform years that lack one of the headline metrics every other year has."""
    metrics_by_year: dict[int, set[str]] = {}
    for stat in extraction.platform_stats:
        metrics_by_year.setdefault(stat.year, set()).add(stat.metric)
    every_metric = set().union(*metrics_by_year.values()) if metrics_by_year else set()
    return [
        f"platform year {year} lacks {', '.join(sorted(every_metric - metrics))}"
        for year, metrics in sorted(metrics_by_year.items())
        if every_metric - metrics
    ]
