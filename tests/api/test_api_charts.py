"""api/charts.py: the chart data a reply's statistics make (pure, over hand-built replies), and the chat
API sending it (over the real assistant)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from api.charts import chart_for
from assistant.models import Citation, Reply, ToolCall

GUIDE = "career-guide.md"


def salary_row(level: str, low: float, high: float | None, line: int, role: str = "Prompt Designer") -> dict[str, Any]:
    raw = f"${low:,.0f}" + (f" - ${high:,.0f}" if high else "")
    return {
        "role": role,
        "level": level,
        "value_low": low,
        "value_high": high,
        "period": "year",
        "market": "EU",
        "data_year": 2031,
        "raw": raw,
        "doc_id": GUIDE,
        "line": line,
    }


def platform_row(year: int, metric: str, value: float, line: int, unit: str = "USD") -> dict[str, Any]:
    return {
        "year": year,
        "metric": metric,
        "value": value,
        "unit": unit,
        "raw": f"{value:,.0f}",
        "doc_id": f"platform-{year}.md",
        "line": line,
    }


def reply_with(*results: dict[str, Any], citations: list[Citation] | None = None) -> Reply:
    calls = [ToolCall(tool=result.get("tool", "lookup"), arguments={}, result=result) for result in results]
    return Reply(
        answer="...",
        session_id="s",
        route="statistics",
        abstained=False,
        citations=citations or [],
        tool_calls=calls,
        latency_ms=1.0,
    )


def cite(number: int, source: str) -> Citation:
    return Citation(id=number, title="T", source=source, section="S", snippet="...")


def test_levels_of_one_role_make_range_bars_with_their_citations() -> None:
    rows = [salary_row("Junior", 50_000, None, 10), salary_row("Senior", 70_000, 95_000, 11)]
    reply = reply_with(
        {"rows": rows}, citations=[cite(1, f"{GUIDE}:11-12"), cite(2, f"{GUIDE}:10"), cite(3, "x.md:10")]
    )

    chart = chart_for(reply)

    assert chart is not None and chart.kind == "range_by_level"
    assert chart.title == "Prompt Designer salary by experience level (EU, 2031)"
    assert chart.unit == "USD per year"
    assert [(p.label, p.value, p.low, p.high, p.citation) for p in chart.series] == [
        ("Junior", 50_000, None, None, 2),
        ("Senior", 70_000, 70_000, 95_000, 1),
    ]
    assert chart.summary == (
        "Prompt Designer salary by experience level (EU, 2031): Junior $50,000; Senior $70,000 - $95,000."
    )


def test_roles_at_one_level_and_cities_make_bars() -> None:
    roles = [salary_row("Senior", 90_000, None, 1, role="A"), salary_row("Senior", 80_000, None, 2, role="B")]
    cities = [
        {"city": city, "role": "A", "value": value, "data_year": 2031, "raw": f"${value:,}", "doc_id": GUIDE, "line": n}
        for n, (city, value) in enumerate([("Lisbon", 60_000), ("Porto", 50_000), ("Faro", 40_000)])
    ]

    by_role = chart_for(reply_with({"rows": roles}))
    by_city = chart_for(reply_with({"rows": cities}))

    assert by_role is not None and by_role.kind == "bars_by_role"
    assert by_role.title == "Salary by role at the Senior level (EU, 2031)"
    assert by_city is not None and by_city.kind == "bars_by_city"
    assert [point.label for point in by_city.series] == ["Lisbon", "Porto", "Faro"]
    assert by_city.title == "A salary by city (2031)" and by_city.unit == "USD"


def test_one_metric_over_years_across_tool_calls_makes_years_side_by_side() -> None:
    first = {"rows": [platform_row(2030, "median_pay", 100, 3)]}
    second = {"rows": [platform_row(2031, "median_pay", 120, 3)]}

    chart = chart_for(reply_with(first, second, first))

    assert chart is not None and chart.kind == "years"
    assert chart.title == "Median pay by year"
    assert [(point.label, point.value) for point in chart.series] == [("2030", 100), ("2031", 120)]


@pytest.mark.parametrize(
    "results",
    [
        pytest.param([{"rows": [platform_row(2031, "median_pay", 120, 3)]}], id="one figure"),
        pytest.param(
            [{"rows": [platform_row(2031, "median_pay", 120, 3), platform_row(2031, "offers", 9, 4, unit="offers")]}],
            id="two metrics",
        ),
        pytest.param(
            [{"rows": [salary_row("Junior", 1, None, 1, role="A"), salary_row("Senior", 2, None, 2, role="B")]}],
            id="two dimensions vary",
        ),
        pytest.param(
            [{"rows": [salary_row("Junior", 1, None, 1), salary_row("Junior", 2, None, 9)]}], id="contested figure"
        ),
        pytest.param([{"rows": []}, {"note": "no rows"}, {"derived": {"years": [2030]}}], id="no figures"),
    ],
)
def test_no_chart_when_it_would_mislead_or_add_nothing(results: list[dict[str, Any]]) -> None:
    assert chart_for(reply_with(*results)) is None


@pytest.mark.slow
def test_chat_reply_carries_the_chart_of_its_tool_rows(http: httpx.Client) -> None:
    levels = http.post("/chat", json={"message": "What is the salary range for machine learning engineers by level?"})
    single = http.post("/chat", json={"message": "What was the median salary expectation in 2025?"})

    reply = levels.json()
    chart = reply["chart"]
    rows = [row for call in reply["tool_calls"] for row in call["result"]["rows"]]
    assert chart["kind"] == "range_by_level"
    assert [point["label"] for point in chart["series"]] == [row["level"] for row in rows]
    assert [point["text"] for point in chart["series"]] == [row["raw"] for row in rows]
    cited = {citation["id"] for citation in reply["citations"]}
    assert all(point["citation"] in cited for point in chart["series"])
    assert single.json()["chart"] is None
