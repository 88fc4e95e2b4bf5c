"""A new year's platform page of the same template adds rows on the next build, with no code change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.statistics import StatsStore, StatsTools, load_source_docs

TEMPLATE = "ai-ml-developer-salary-2025.md"
NEW_FIGURES = {"59": "71", "$5,808": "$6,120", "1": "1.5"}  # headline figures of the made-up 2026 page
_MARKERS = re.compile(r"^\s*(?:#{1,6}\s+|[-•]\s+)")


def page_2026(template_lines: list[str], markdown: bool) -> str:
    """The 2025 page rewritten for 2026 with other figures and tools; as raw text it loses all markdown."""
    lines = [line.replace("2025", "2026") for line in template_lines]
    lines = [NEW_FIGURES.get(line, line) for line in lines]
    lines = [line.replace("Apache Mahout", "LangGraph").replace("Vertex", "JAX") for line in lines]
    if not markdown:
        body_start = lines.index("---", 1) + 1
        lines = [_MARKERS.sub("", line) for line in lines[body_start:]]
    return "\n".join(lines) + "\n"


@pytest.fixture(params=["md", "txt"])
def corpus_with_2026(request: pytest.FixtureRequest, corpus_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    template = (corpus_dir / TEMPLATE).read_text(encoding="utf-8").splitlines()
    name = f"ai-ml-developer-salary-2026.{request.param}"
    (folder / name).write_text(page_2026(template, markdown=request.param == "md"), encoding="utf-8")
    return folder, name


def test_new_year_page_adds_rows_without_code_change(corpus_with_2026: tuple[Path, str], tmp_path: Path) -> None:
    folder, name = corpus_with_2026
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    if name.endswith(".txt"):
        assert not any(line.startswith(("#", "- ", "---")) for line in lines)
    report = StatsStore.build(tmp_path / "build" / "statistics.duckdb", load_source_docs(folder))
    assert report.documents == 4 and report.table_rows["platform_stats"] == 9
    store = StatsStore.open(report.db_path)
    try:
        tools = StatsTools(store)
        rows = store.rows("platform_stats", {"year": "2026"})
        assert {r["metric"]: r["value"] for r in rows} == {
            "offers_total": 71,
            "median_salary_expectation": 6120,
            "proposals": 1.5,
        }
        for row in rows:
            assert row["doc_id"] == name
            assert row["raw"] in lines[row["line"] - 1]
        coverage = tools.coverage().derived
        assert coverage["platform_years"] == [2024, 2025, 2026]
        assert coverage["tool_years"] == [2025, 2026]
        change = tools.compare_years("median_salary_expectation", 2025, 2026)
        assert change.found
        assert (change.derived["difference"], change.derived["percent_change"]) == (312, 5.4)
        assert change.derived["direction"] == "up"
        assert [r["raw"] for r in change.rows] == ["$5,808", "$6,120"]
        offers = tools.platform_stat("offers_total")
        assert [(r["year"], r["value"]) for r in offers.rows] == [(2024, 45), (2025, 59), (2026, 71)]
        tools_2026 = tools.trending_tools(2026).derived["tools"]
        assert "LangGraph" in tools_2026 and "JAX" in tools_2026 and "Apache Mahout" not in tools_2026
        assert tools.trending_tools(2025).derived["tools"][0] == "Apache Mahout"
        assert not tools.platform_stat("proposals", 2027).found
        assert "(have: 2024, 2025, 2026)" in tools.platform_stat("proposals", 2027).note
    finally:
        store.close()
