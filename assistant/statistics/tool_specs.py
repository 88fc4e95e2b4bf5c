"""Argument schemas and descriptions of the statistics tools (shared by `run` and the LangChain tools)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ToolArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoArgs(ToolArgs):
    pass


class PlatformStatArgs(ToolArgs):
    metric: str = Field(description="offers_total, median_salary_expectation or proposals")
    year: int | None = Field(None, description="Year of the platform page; omit for every year")


class CompareYearsArgs(ToolArgs):
    metric: str = Field(description="offers_total, median_salary_expectation or proposals")
    year_from: int = Field(description="Earlier year")
    year_to: int = Field(description="Later year")


class RoleSalaryArgs(ToolArgs):
    role: str = Field(description="Role as in the guide, e.g. 'Machine Learning Engineer'")
    level: str | None = Field(None, description="'Average', 'Entry Level', 'Mid-Career', ...; omit for all")


class LevelForYearsArgs(ToolArgs):
    years: float = Field(ge=0, description="Years of experience")


class LevelYearsArgs(ToolArgs):
    level: str = Field(description="Experience level, e.g. 'Early Career'")


class CitySalaryArgs(ToolArgs):
    city: str | None = Field(None, description="City, e.g. 'San Francisco'; omit for every city")
    role: str | None = Field(None, description="Role whose city figure is wanted")


class CityGapArgs(ToolArgs):
    city_from: str = Field(description="The lower-paid city, e.g. 'Seattle'")
    city_to: str = Field(description="The higher-paid city, e.g. 'New York City'")
    role: str | None = Field(None, description="The role whose city figures are compared")


class RankArgs(ToolArgs):
    dimension: Literal["role", "level", "city"] = Field(description="What to rank")
    order: Literal["highest", "lowest"] = "highest"
    level: str | None = Field(None, description="Level compared when ranking roles (default 'Average')")
    role: str | None = Field(None, description="Role whose levels are ranked (needed for dimension 'level')")
    limit: int = Field(5, ge=1, le=50)


class SalaryGapArgs(ToolArgs):
    role: str
    level_from: str = Field(description="Starting level, e.g. 'Entry Level'")
    level_to: str = Field(description="Target level, e.g. 'Late Career'")


class RoleGapArgs(ToolArgs):
    role_from: str = Field(description="The lower-paid role, e.g. 'AI Engineer'")
    role_to: str = Field(description="The higher-paid role, e.g. 'Data Scientist'")
    level: str = Field("Average", description="The level both are compared at, e.g. 'Entry Level'")


class AnnualToMonthlyArgs(ToolArgs):
    role: str
    level: str


class MarketFigureArgs(ToolArgs):
    metric: str | None = Field(None, description="e.g. job_postings_growth; omit for every market figure")


class TrendingToolsArgs(ToolArgs):
    year: int | None = Field(None, description="Year of the trending-tools list; omit for every year")


@dataclass(frozen=True)
class ToolSpec:
    """One statistics tool: its method name on StatsTools, argument schema and description for an LLM."""

    name: str
    args_model: type[ToolArgs]
    description: str
    tables: tuple[str, ...] = ()  # the tables its rows come from (checked for sources that disagree)


TOOL_SPECS: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        ToolSpec(
            "platform_stat",
            PlatformStatArgs,
            "Job-platform headline figure (offers, median salary "
            "expectation, proposals) for one year or all years of the platform pages. A year two pages state "
            "differently has a list of values in values_by_year.",
            ("platform_stats",),
        ),
        ToolSpec(
            "compare_years",
            CompareYearsArgs,
            "Change of a platform figure between two years: difference, percent change and direction; when "
            "the sources disagree on a year's figure, one candidate change per value (contested: true).",
            ("platform_stats",),
        ),
        ToolSpec(
            "role_salary",
            RoleSalaryArgs,
            "US annual base salary of a role from the career guide, at one experience level or all of them.",
            ("role_salaries",),
        ),
        ToolSpec(
            "level_for_years",
            LevelForYearsArgs,
            "Experience level(s) whose year range holds a number of years of experience.",
            ("experience_levels",),
        ),
        ToolSpec(
            "level_years",
            LevelYearsArgs,
            "The year range of experience an experience level stands for (e.g. Early Career: 1-3 years).",
            ("experience_levels",),
        ),
        ToolSpec(
            "city_salary", CitySalaryArgs, "Salary figures and notes by US city from the guide.", ("city_salaries",)
        ),
        ToolSpec(
            "city_gap",
            CityGapArgs,
            "Difference between two US cities' salary figures for one role: difference and percent change; one "
            "candidate per pair of values when the sources disagree (contested: true).",
            ("city_salaries",),
        ),
        ToolSpec(
            "rank",
            RankArgs,
            "Rank roles (at one level), levels (within a role) or cities by salary.",
            ("role_salaries", "city_salaries"),
        ),
        ToolSpec(
            "salary_gap",
            SalaryGapArgs,
            "Difference between two experience levels of one role.",
            ("role_salaries",),
        ),
        ToolSpec(
            "role_gap",
            RoleGapArgs,
            "Difference between two roles' salaries at one level (their averages by default).",
            ("role_salaries",),
        ),
        ToolSpec(
            "annual_to_monthly",
            AnnualToMonthlyArgs,
            "A role's annual salary at a level divided by 12.",
            ("role_salaries",),
        ),
        ToolSpec(
            "market_figure",
            MarketFigureArgs,
            "Market figures from the guide: job-posting growth, "
            "enterprise AI adoption, retraining, ML expert average salary and premium.",
            ("market_figures",),
        ),
        ToolSpec(
            "company_salaries",
            NoArgs,
            "Salary range at the top-paying companies named in the guide.",
            ("company_salaries",),
        ),
        ToolSpec(
            "extra_compensation",
            NoArgs,
            "Bonuses, stock options and profit-sharing on top of salary.",
            ("extra_compensation",),
        ),
        ToolSpec(
            "trending_tools",
            TrendingToolsArgs,
            "Trending AI/ML tools listed on a platform page.",
            ("trending_tools",),
        ),
        ToolSpec("coverage", NoArgs, "What the statistics cover: years, metrics, roles, levels, cities."),
    )
}
