"""The DuckDB store on the real corpus: provenance of every row, the known figures, whitelisted reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assistant.errors import IndexNotReady, NotFound, UnknownValue
from assistant.statistics import BuildReport, StatsStore, load_source_docs

FIGURE_TABLES = [
    "platform_stats",
    "role_salaries",
    "experience_levels",
    "city_salaries",
    "company_salaries",
    "extra_compensation",
    "market_figures",
    "trending_tools",
    "ranking_claims",
    "document_figures",
]
GUIDE = "ai-ml-expert-career-guide.md"


def one(rows: list[dict[str, object]]) -> dict[str, object]:
    assert len(rows) == 1, rows
    return rows[0]


def test_build_reports_rows_per_table(stats_build: BuildReport) -> None:
    assert stats_build.documents == 3
    assert stats_build.table_rows["platform_stats"] == 6
    assert stats_build.table_rows["role_salaries"] == 28
    assert stats_build.table_rows["trending_tools"] == 12
    assert all(stats_build.table_rows[table] > 0 for table in FIGURE_TABLES)
    assert stats_build.warnings == []


@pytest.mark.parametrize("table", FIGURE_TABLES)
def test_every_row_cites_the_line_that_holds_its_figure(
    stats_store: StatsStore, corpus_lines: dict[str, list[str]], table: str
) -> None:
    rows = stats_store.rows(table, {}, limit=100_000)
    assert rows
    for row in rows:
        lines = corpus_lines[row["doc_id"]]
        assert 1 <= row["line"] <= len(lines)
        assert row["raw"] in lines[row["line"] - 1], row
        assert lines.index("---", 1) < row["line"] - 1, "a figure from the front matter"


def test_documents_table(stats_store: StatsStore) -> None:
    rows = stats_store.rows("documents", {})
    assert [(r["doc_id"], r["year"]) for r in rows] == [
        ("ai-ml-developer-salary-2024.md", 2024),
        ("ai-ml-developer-salary-2025.md", 2025),
        (GUIDE, None),
    ]


def test_platform_figures(stats_store: StatsStore) -> None:
    got = {
        (r["year"], r["metric"]): (r["value"], r["unit"], r["raw"], r["line"])
        for r in stats_store.rows("platform_stats", {})
    }
    assert got == {
        (2024, "offers_total"): (45, "offers", "45", 10),
        (2024, "median_salary_expectation"): (5640, "USD", "$5,640", 12),
        (2024, "proposals"): (0.4, "proposals", "0.4", 14),
        (2025, "offers_total"): (59, "offers", "59", 10),
        (2025, "median_salary_expectation"): (5808, "USD", "$5,808", 12),
        (2025, "proposals"): (1, "proposals", "1", 14),
    }


def test_role_salaries(stats_store: StatsStore) -> None:
    mid = one(stats_store.rows("role_salaries", {"role": "Machine Learning Engineer", "level": "Mid-Career"}))
    assert (mid["value_low"], mid["value_high"], mid["raw"], mid["line"]) == (
        120368,
        193263,
        "$120,368 - $193,263",
        183,
    )
    assert (mid["period"], mid["market"], mid["data_year"]) == ("year", "US", 2024)
    entry = one(stats_store.rows("role_salaries", {"role": "Machine Learning Engineer", "level": "Entry Level"}))
    assert (entry["value_low"], entry["value_high"], entry["top_company_value"]) == (105418, None, 152601)
    average = one(stats_store.rows("role_salaries", {"role": "AI Engineer", "level": "Average"}))
    assert (average["value_low"], average["value_high"], average["line"]) == (127986, None, 171)
    roles = {r["role"] for r in stats_store.rows("role_salaries", {})}
    assert roles == {
        "AI Engineer",
        "Machine Learning Engineer",
        "Data Scientist",
        "AI Researcher",
        "Robotics Engineer",
    }
    for role in ("Data Scientist", "Robotics Engineer"):
        assert stats_store.rows("role_salaries", {"role": role, "level": "Late Career"}) == []
        assert len(stats_store.rows("role_salaries", {"role": role})) == 5
    assert len(stats_store.rows("role_salaries", {"level": "Late Career"})) == 3


def test_experience_levels(stats_store: StatsStore) -> None:
    got = [(r["level"], r["years_min"], r["years_max"], r["raw"]) for r in stats_store.rows("experience_levels", {})]
    assert got == [
        ("Entry Level", 0, 1, "0-1 year"),
        ("Early Career", 1, 3, "1-3 years"),
        ("Mid-Career", 4, 6, "4-6 years"),
        ("Experienced", 7, 9, "7-9 years"),
        ("Late Career", 10, None, "10+ years"),
    ]


def test_city_salaries(stats_store: StatsStore) -> None:
    got = {
        r["city"]: (r["state"], r["role"], r["value"], r["note"], r["data_year"])
        for r in stats_store.rows("city_salaries", {})
    }
    assert got == {
        "San Francisco": ("CA", "Machine Learning Engineer", 179061, "Highest overall", 2024),
        "New York City": ("NY", "Machine Learning Engineer", 184982, "Second highest", 2024),
        "Seattle": ("WA", "Machine Learning Engineer", 173517, "Competitive tech hub", 2024),
        "Chicago": ("IL", None, None, "Lower but still above national average", 2024),
        "Columbus": ("OH", None, None, "Representative of mid-sized cities", 2024),
    }


def test_company_and_extra_compensation(stats_store: StatsStore) -> None:
    company = one(stats_store.rows("company_salaries", {}))
    assert (
        company["companies"],
        company["value_low"],
        company["value_high"],
        company["high_open_ended"],
    ) == (
        "Google, Apple, Meta",
        120000,
        200000,
        True,
    )
    extra = one(stats_store.rows("extra_compensation", {}))
    assert (extra["item"], extra["value"], extra["open_ended"], extra["period"], extra["raw"]) == (
        "Bonuses, stock options, and profit-sharing",
        50000,
        True,
        "annually",
        "$50,000+",
    )


def test_market_figures(stats_store: StatsStore) -> None:
    got = {r["metric"]: (r["value"], r["unit"], r["raw"]) for r in stats_store.rows("market_figures", {})}
    assert got == {
        "job_postings_growth": (8.5, "percent", "8.5%"),
        "enterprises_using_ai": (85, "percent", "85%"),
        "organizations_retraining": (75, "percent", "75%"),
        "ml_expert_average_salary": (122060, "USD", "$122,060"),
        "ml_expert_salary_premium": (10, "percent", "10%"),
    }
    for row in stats_store.rows("market_figures", {}):
        assert row["raw"] in row["description"]


def test_trending_tools_are_deduplicated_with_mentions(stats_store: StatsStore) -> None:
    rows = stats_store.rows("trending_tools", {"year": "2025"})
    mentions = {r["tool"]: r["mentions"] for r in rows}
    assert len(rows) == len(mentions) == 12
    assert mentions["Apache Spark"] == 2 and mentions["Apache Mahout"] == 1 and mentions["Vertex"] == 1
    spark = one(stats_store.rows("trending_tools", {"tool": "apache spark"}))
    assert spark["line"] == 27
    assert sum(mentions.values()) == 18


def test_rows_accepts_only_whitelisted_tables_and_columns(stats_store: StatsStore) -> None:
    with pytest.raises(NotFound) as unknown_table:
        stats_store.rows("salaries; DROP TABLE documents", {})
    assert "salaries; DROP TABLE documents" in unknown_table.value.message
    assert "platform_stats" in unknown_table.value.message
    with pytest.raises(UnknownValue) as unknown_column:
        stats_store.rows("platform_stats", {"year = 2024 OR 1": "1"})
    assert "year = 2024 OR 1" in unknown_column.value.message and "metric" in unknown_column.value.message
    with pytest.raises(UnknownValue, match="whole number"):
        stats_store.rows("platform_stats", {"year": "twenty"})
    assert stats_store.rows("city_salaries", {"city": "x' OR '1'='1"}) == []
    assert len(stats_store.rows("platform_stats", {"metric": "PROPOSALS"})) == 2
    assert len(stats_store.rows("company_salaries", {"high_open_ended": "true"})) == 1
    assert len(stats_store.rows("documents", {})) == 3
    assert sorted(stats_store.tables()) == sorted(["documents", *FIGURE_TABLES])


def test_open_is_read_only_and_shared_between_processes(stats_build: BuildReport, stats_store: StatsStore) -> None:
    with pytest.raises(duckdb.Error):
        stats_store.fetch("DELETE FROM documents")
    script = (
        "import sys; from pathlib import Path; from assistant.statistics import StatsStore\n"
        "s = StatsStore.open(Path(sys.argv[1])); print(len(s.rows('platform_stats', {}))); s.close()"
    )
    other = subprocess.run(
        [sys.executable, "-c", script, str(stats_build.db_path)], capture_output=True, text=True, check=False
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "6"
    assert len(stats_store.rows("documents", {})) == 3


def test_open_missing_file_is_not_ready(tmp_path: Path) -> None:
    with pytest.raises(IndexNotReady, match="does not exist"):
        StatsStore.open(tmp_path / "nothing.duckdb")


def test_build_replaces_an_existing_file_and_closed_store_refuses(tmp_path: Path, corpus_dir: Path) -> None:
    db_path = tmp_path / "stats.duckdb"
    docs = load_source_docs(corpus_dir)
    StatsStore.build(db_path, docs[:1])
    report = StatsStore.build(db_path, docs)
    store = StatsStore.open(db_path)
    assert len(store.rows("documents", {})) == report.documents == 3
    store.close()
    with pytest.raises(IndexNotReady):
        store.rows("documents", {})
