"""Statistics fixtures: one real DuckDB build of the real corpus, opened read-only for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from assistant.statistics import BuildReport, StatsStore, StatsTools, load_source_docs

CORPUS_DIR = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture(scope="session")
def stats_build(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The real corpus extracted into a fresh DuckDB file."""
    db_path = tmp_path_factory.mktemp("stats") / "statistics.duckdb"
    return StatsStore.build(db_path, load_source_docs(CORPUS_DIR))


@pytest.fixture(scope="session")
def stats_store(stats_build: BuildReport) -> Iterator[StatsStore]:
    store = StatsStore.open(stats_build.db_path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def stats_tools(stats_store: StatsStore) -> StatsTools:
    return StatsTools(stats_store)


@pytest.fixture(scope="session")
def corpus_lines() -> dict[str, list[str]]:
    """Each corpus file's lines as an editor numbers them (index 0 = line 1)."""
    return {path.name: path.read_text(encoding="utf-8").splitlines() for path in sorted(CORPUS_DIR.glob("*.md"))}
