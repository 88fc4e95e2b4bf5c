"""Typed statistics tools on the real build: figures, derived values, explicit notes when data is missing."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.errors import UnknownValue
from assistant.statistics import StatsTools, ToolResult

GUIDE = "ai-ml-expert-career-guide.md"
ROLES = ["AI Engineer", "Machine Learning Engineer", "Data Scientist", "AI Researcher", "Robotics Engineer"]
LEVELS = ["Average", "Entry Level", "Early Career", "Mid-Career", "Experienced", "Late Career"]


def test_platform_stat_by_year_and_all_years(stats_tools: StatsTools) -> None:
    result = stats_tools.platform_stat("median_salary_expectation", 2025)
    assert result.found and [r["value"] for r in result.rows] == [5808]
    row = result.rows[0]
    assert (row["doc_id"], row["line"], row["raw"]) == ("ai-ml-developer-salary-2025.md", 12, "$5,808")
    assert row["title"] == "AI and Machine Learning Developer Salary in 2025"
    every_year = stats_tools.platform_stat("OFFERS_TOTAL")
    assert [(r["year"], r["value"]) for r in every_year.rows] == [(2024, 45), (2025, 59)]


def test_compare_years(stats_tools: StatsTools) -> None:
    result = stats_tools.compare_years("median_salary_expectation", 2024, 2025)
    assert result.found
    assert result.derived == {
        "metric": "median_salary_expectation",
        "unit": "USD",
        "from_year": 2024,
        "to_year": 2025,
        "from_value": 5640,
        "to_value": 5808,
        "difference": 168,
        "percent_change": 3.0,
        "direction": "up",
    }
    assert [r["raw"] for r in result.rows] == ["$5,640", "$5,808"]
    proposals = stats_tools.compare_years("proposals", 2024, 2025).derived
    assert (proposals["difference"], proposals["percent_change"]) == (0.6, 150.0)
    backwards = stats_tools.compare_years("offers_total", 2025, 2024).derived
    assert (backwards["difference"], backwards["direction"]) == (-14, "down")


@pytest.mark.parametrize(
    ("call", "expected_note"),
    [
        (
            lambda t: t.platform_stat("median_salary_expectation", 2023),
            "no data for year 2023 (have: 2024, 2025)",
        ),
        (lambda t: t.compare_years("median_salary_expectation", 2023, 2025), "no data for year 2023"),
        (
            lambda t: t.platform_stat("hourly_rate"),
            "(have: offers_total, median_salary_expectation, proposals)",
        ),
        (lambda t: t.role_salary("Java Developer"), "no data for role 'Java Developer' (have: AI Engineer,"),
        (
            lambda t: t.role_salary("Data Scientist", "Late Career"),
            "no Late Career figure for Data Scientist "
            "(have: Average, Entry Level, Early Career, Mid-Career, Experienced)",
        ),
        (
            lambda t: t.role_salary("AI Engineer", "Principal"),
            "no data for level 'Principal' (have: Average,",
        ),
        (lambda t: t.city_salary("Boston"), "no data for city 'Boston' (have: San Francisco, New York City,"),
        (
            lambda t: t.level_for_years(3.5),
            "no experience level covers 3.5 years (have: Entry Level 0-1 year;",
        ),
        (lambda t: t.trending_tools(2024), "no trending-tools list for 2024 (have: 2025)"),
        (lambda t: t.market_figure("unemployment"), "no data for market metric 'unemployment' (have:"),
        (lambda t: t.salary_gap("Robotics Engineer", "Entry Level", "Late Career"), "no Late Career figure"),
        (lambda t: t.rank("level"), "ranking levels needs a role"),
        (lambda t: t.rank("company"), "cannot rank 'company'"),
    ],
)
def test_uncovered_values_give_found_false_with_a_note(
    stats_tools: StatsTools, call: Callable[[StatsTools], ToolResult], expected_note: str
) -> None:
    result = call(stats_tools)
    assert result.found is False
    assert result.rows == []
    assert expected_note in result.note


def test_role_salary_all_levels_and_one_level(stats_tools: StatsTools) -> None:
    every = stats_tools.role_salary("machine learning engineer")
    assert every.derived["levels"] == LEVELS
    mid = stats_tools.role_salary("Machine Learning Engineer", "MID-CAREER")
    row = mid.rows[0]
    assert (row["value_low"], row["value_high"], row["line"], row["doc_id"]) == (120368, 193263, 183, GUIDE)
    assert row["section"] == "Salary Ranges (US Market, 2024) > Machine Learning Engineer"
    entry = stats_tools.role_salary("Machine Learning Engineer", "Entry Level").rows[0]
    assert (entry["value_low"], entry["top_company_value"]) == (105418, 152601)
    assert len(stats_tools.role_salary("Data Scientist").rows) == 5


def test_level_for_years(stats_tools: StatsTools) -> None:
    five = stats_tools.level_for_years(5)
    assert five.found and five.derived["levels"] == ["Mid-Career"]
    assert five.rows[0]["raw"] == "4-6 years"
    assert stats_tools.level_for_years(0.5).derived["levels"] == ["Entry Level"]
    assert stats_tools.level_for_years(1).derived["levels"] == ["Entry Level", "Early Career"]
    assert stats_tools.level_for_years(25).derived["levels"] == ["Late Career"]


def test_level_years(stats_tools: StatsTools) -> None:
    early = stats_tools.level_years("early career")
    assert early.found and early.derived["level"] == "Early Career" and early.rows[0]["raw"] == "1-3 years"
    assert stats_tools.level_years("Late Career").rows[0]["years_max"] is None  # "10+ years" is open-ended
    missing = stats_tools.level_years("Average")
    assert not missing.found and "no year range for Average" in missing.note and "Entry Level 0-1 year" in missing.note


def test_city_salary(stats_tools: StatsTools) -> None:
    every = stats_tools.city_salary()
    assert [r["city"] for r in every.rows] == [
        "San Francisco",
        "New York City",
        "Seattle",
        "Chicago",
        "Columbus",
    ]
    assert every.derived["cities_without_figures"] == ["Chicago", "Columbus"]
    nyc = stats_tools.city_salary("new york city", "Machine Learning Engineer")
    assert nyc.found and [(r["value"], r["raw"], r["line"]) for r in nyc.rows] == [(184982, "$184,982", 210)]
    chicago = stats_tools.city_salary("Chicago")
    assert chicago.found and chicago.rows[0]["value"] is None
    assert "no salary figure for Chicago" in chicago.note
    chicago_ml = stats_tools.city_salary("Chicago", "Machine Learning Engineer")
    assert not chicago_ml.found
    assert "Lower but still above national average" in chicago_ml.note
    assert not stats_tools.city_salary(role="Data Scientist").found


def test_rank_roles_levels_and_cities(stats_tools: StatsTools) -> None:
    roles = stats_tools.rank("role")
    assert [(r["role"], r["value"]) for r in roles.derived["ranking"]] == [
        ("Data Scientist", 129640),
        ("AI Engineer", 127986),
        ("Machine Learning Engineer", 126397),
        ("AI Researcher", 108932),
        ("Robotics Engineer", 96013),
    ]
    assert (roles.derived["level"], roles.derived["compared"]) == ("Average", "value_low")
    late = stats_tools.rank("role", order="lowest", level="late career", limit=2)
    assert [r["role"] for r in late.derived["ranking"]] == ["AI Engineer", "AI Researcher"]
    assert late.derived["roles_without_level"] == ["Data Scientist", "Robotics Engineer"]
    levels = stats_tools.rank("level", role="Robotics Engineer", order="lowest")
    assert [r["level"] for r in levels.derived["ranking"]] == [
        "Entry Level",
        "Early Career",
        "Mid-Career",
        "Experienced",
    ]
    cities = stats_tools.rank("city")
    assert [(r["city"], r["value"]) for r in cities.derived["ranking"]] == [
        ("New York City", 184982),
        ("San Francisco", 179061),
        ("Seattle", 173517),
    ]
    assert cities.derived["cities_without_figures"] == ["Chicago", "Columbus"]
    assert [r["raw"] for r in cities.rows] == ["$184,982", "$179,061", "$173,517"]


def test_salary_gap(stats_tools: StatsTools) -> None:
    gap = stats_tools.salary_gap("Machine Learning Engineer", "Early Career", "Late Career")
    assert gap.found
    assert gap.derived["difference_low"] == 135388 - 114027
    assert gap.derived["difference_high"] == 208931 - 181999
    assert gap.derived["percent_change"] == 18.7
    single = stats_tools.salary_gap("AI Engineer", "Entry Level", "Late Career")
    assert (single.derived["difference_low"], single.derived["percent_change"]) == (32172, 32.1)
    assert "difference_high" not in single.derived
    assert [r["line"] for r in single.rows] == [173, 177]


def test_role_gap(stats_tools: StatsTools) -> None:
    averages = stats_tools.role_gap("AI Engineer", "Data Scientist")
    assert averages.found and averages.derived["level"] == "Average"
    assert (averages.derived["difference_low"], averages.derived["percent_change"]) == (129640 - 127986, 1.3)
    entry = stats_tools.role_gap("Machine Learning Engineer", "Data Scientist", "Entry Level")
    assert entry.derived["difference_low"] == 107150 - 105418
    assert "difference_high" not in entry.derived
    assert {r["role"] for r in entry.rows} == {"Machine Learning Engineer", "Data Scientist"}
    missing = stats_tools.role_gap("Robotics Engineer", "AI Researcher", "Late Career")
    assert not missing.found and "no Late Career figure for Robotics Engineer" in missing.note


def test_city_gap(stats_tools: StatsTools) -> None:
    """Two cities' figures for a role, the difference from the first to the second, with both cited rows."""
    gap = stats_tools.city_gap("Seattle", "New York City", "Machine Learning Engineer")
    assert gap.found and (gap.derived["difference"], gap.derived["direction"]) == (184982 - 173517, "up")
    assert gap.derived["percent_change"] == round((184982 - 173517) / 173517 * 100, 1)
    assert {r["city"] for r in gap.rows} == {"Seattle", "New York City"}
    assert stats_tools.city_gap("New York City", "Seattle", "Machine Learning Engineer").derived["direction"] == "down"
    noted = stats_tools.city_gap("Chicago", "Seattle", "Machine Learning Engineer")
    assert not noted.found  # Chicago has a note, no figure: no gap to compute


def test_annual_to_monthly(stats_tools: StatsTools) -> None:
    mid = stats_tools.annual_to_monthly("Machine Learning Engineer", "Mid-Career")
    assert (mid.derived["monthly_low"], mid.derived["monthly_high"]) == (10031, 16105)
    entry = stats_tools.annual_to_monthly("Machine Learning Engineer", "Entry Level")
    assert (entry.derived["monthly_low"], entry.derived["monthly_top_company"]) == (8785, 12717)
    assert "monthly_high" not in entry.derived
    assert not stats_tools.annual_to_monthly("Data Scientist", "Late Career").found


def test_market_companies_extra_and_tools(stats_tools: StatsTools) -> None:
    market = stats_tools.market_figure()
    assert {r["metric"] for r in market.rows} == {
        "job_postings_growth",
        "enterprises_using_ai",
        "organizations_retraining",
        "ml_expert_average_salary",
        "ml_expert_salary_premium",
    }
    growth = stats_tools.market_figure("job_postings_growth").rows
    assert [(r["value"], r["unit"], r["line"]) for r in growth] == [(8.5, "percent", 134)]
    assert stats_tools.company_salaries().rows[0]["raw"] == "$120,000 to over $200,000"
    assert stats_tools.extra_compensation().rows[0]["value"] == 50000
    tools = stats_tools.trending_tools(2025)
    assert tools.derived["tools"][:2] == ["Apache Mahout", "Apache Spark"]
    assert len(tools.rows) == 12


def test_coverage_is_read_from_the_tables(stats_tools: StatsTools) -> None:
    coverage = stats_tools.coverage().derived
    assert coverage["platform_years"] == [2024, 2025]
    assert coverage["platform_metrics"] == ["offers_total", "median_salary_expectation", "proposals"]
    assert coverage["roles"] == ROLES
    assert coverage["levels"] == LEVELS
    assert "Late Career" not in coverage["levels_by_role"]["Data Scientist"]
    assert "Late Career" in coverage["levels_by_role"]["AI Researcher"]
    assert coverage["cities_with_figures"] == ["San Francisco", "New York City", "Seattle"]
    assert coverage["cities_mentioned"] == [
        "San Francisco",
        "New York City",
        "Seattle",
        "Chicago",
        "Columbus",
    ]
    assert coverage["salary_data_year"] == 2024
    assert len(coverage["market_metrics"]) == 5
    assert coverage["tool_years"] == [2025]


def test_a_roles_levels_are_the_levels_of_its_rows(stats_tools: StatsTools) -> None:
    levels_by_role = stats_tools.coverage().derived["levels_by_role"]
    for role in ROLES:
        assert levels_by_role[role] == stats_tools.role_salary(role).derived["levels"]
    refused = stats_tools.role_salary("Data Scientist", "Late Career")
    assert not refused.found and refused.note.endswith(f"(have: {', '.join(levels_by_role['Data Scientist'])})")


def test_run_by_name_validates_arguments(stats_tools: StatsTools) -> None:
    result = stats_tools.by_name("compare_years")(
        {"metric": "median_salary_expectation", "year_from": "2024", "year_to": 2025}
    )
    assert result.tool == "compare_years" and result.derived["difference"] == 168
    assert result.arguments == {"metric": "median_salary_expectation", "year_from": 2024, "year_to": 2025}
    bad = stats_tools.run("rank", {"dimension": "salary"})
    assert not bad.found and "invalid arguments for rank: dimension" in bad.note
    extra = stats_tools.run("coverage", {"verbose": True})
    assert not extra.found and "verbose" in extra.note
    with pytest.raises(UnknownValue, match="unknown statistics tool 'sql'.*platform_stat"):
        stats_tools.by_name("sql")


def test_langchain_tools_wrap_every_tool(stats_tools: StatsTools) -> None:
    from langchain_core.tools import BaseTool

    tools = {tool.name: tool for tool in stats_tools.as_langchain_tools()}
    assert set(tools) == set(stats_tools.tool_names())
    assert all(isinstance(tool, BaseTool) and tool.description for tool in tools.values())
    assert set(tools["role_salary"].args) == {"role", "level"}
    result = tools["role_salary"].invoke({"role": "AI Engineer", "level": "Entry Level"})
    assert result["found"] is True and result["rows"][0]["raw"] == "$100,324"
    assert tools["coverage"].invoke({})["derived"]["platform_years"] == [2024, 2025]


def test_concurrent_queries_from_eight_threads(stats_tools: StatsTools) -> None:
    calls = [
        ("compare_years", {"metric": "median_salary_expectation", "year_from": 2024, "year_to": 2025}),
        ("role_salary", {"role": "Machine Learning Engineer", "level": "Mid-Career"}),
        ("rank", {"dimension": "city"}),
        ("level_for_years", {"years": 5}),
        ("city_salary", {"city": "Boston"}),
        ("coverage", {}),
        ("trending_tools", {"year": 2025}),
        ("salary_gap", {"role": "AI Researcher", "level_from": "Entry Level", "level_to": "Late Career"}),
    ]
    expected = [stats_tools.run(name, args).model_dump() for name, args in calls]
    jobs = [index % len(calls) for index in range(160)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: stats_tools.run(*calls[i]).model_dump(), jobs))
    for index, result in zip(jobs, results, strict=True):
        assert result == expected[index]
    assert expected[0]["derived"]["difference"] == 168
