"""Typed statistics tools over the store: fixed parameterised queries, no free-form SQL.

Every tool returns a `ToolResult`. Values outside the data never raise: they give `found=False` and a
note naming what the data does cover, so the composer can abstain with a precise reason.
Each row carries its provenance (doc_id, title, line, raw, section) for citations.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from pydantic import ValidationError

from assistant.errors import UnknownValue
from assistant.statistics.conflicts import claims_touching, mark_contested, split_values
from assistant.statistics.derived import change, gap, monthly_figures, number, values_by_year
from assistant.statistics.salary_guide import AVERAGE_LEVEL
from assistant.statistics.tool_queries import Row, ToolQueries, joined
from assistant.statistics.tool_results import ToolResult, not_found, ranking_result
from assistant.statistics.tool_specs import TOOL_SPECS, ToolSpec

_DIMENSIONS = ("role", "level", "city")
_ORDERS = ("highest", "lowest")
_MAX_LIMIT = 50


class StatsTools(ToolQueries):
    """The statistics tools the pipeline (and an optional LLM agent) may call."""

    # ---- platform pages -------------------------------------------------------------------------

    def platform_stat(self, metric: str, year: int | None = None) -> ToolResult:
        """A platform headline figure for one year, or for every year in ascending order."""
        args = {"metric": metric, "year": year}
        canonical, missing = self._platform_metric(metric, year)
        if missing:
            return not_found("platform_stat", args, missing)
        rows = self._select(
            "platform_stats",
            "t.metric = ?" + (" AND t.year = ?" if year is not None else ""),
            [canonical] + ([year] if year is not None else []),
            order="t.year",
        )
        return ToolResult(
            tool="platform_stat",
            arguments=args,
            found=True,
            rows=rows,
            derived={"values_by_year": values_by_year(rows)},
        )

    def compare_years(self, metric: str, year_from: int, year_to: int) -> ToolResult:
        """Difference and percent change of a platform figure from one year to another."""
        args = {"metric": metric, "year_from": year_from, "year_to": year_to}
        canonical, missing = self._platform_metric(metric, year_from)
        missing = missing or self._platform_metric(metric, year_to)[1]
        if missing:
            return not_found("compare_years", args, missing)
        per_year = [
            self._select("platform_stats", "t.metric = ? AND t.year = ?", [canonical, year])
            for year in (year_from, year_to)
        ]
        rows = [*per_year[0], *per_year[1]]
        # One candidate per pair of values; several candidates mean the sources disagree on a year's figure.
        candidates = [
            change(start[0], end[0])
            for start in split_values("platform_stats", per_year[0])
            for end in split_values("platform_stats", per_year[1])
        ]
        derived: dict[str, Any] = {
            "metric": canonical,
            "unit": rows[0]["unit"],
            "from_year": year_from,
            "to_year": year_to,
        }
        if len(candidates) == 1:
            derived.update(candidates[0])
        else:
            derived.update(contested=True, candidates=candidates)
        return ToolResult(tool="compare_years", arguments=args, found=True, rows=rows, derived=derived)

    def trending_tools(self, year: int | None = None) -> ToolResult:
        """The trending-tools list of a platform page, one row per tool with its mention count."""
        args = {"year": year}
        years = self._distinct("trending_tools", "year", order="year")
        if not years:
            return not_found("trending_tools", args, "no trending-tools list in the documents")
        if year is not None and year not in years:
            return not_found("trending_tools", args, f"no trending-tools list for {year} (have: {joined(years)})")
        where = "t.year = ?" if year is not None else ""
        rows = self._select("trending_tools", where, [year] if year is not None else [], order="t.year, t.line")
        return ToolResult(
            tool="trending_tools",
            arguments=args,
            found=True,
            rows=rows,
            derived={
                "tools": list(dict.fromkeys(row["tool"] for row in rows)),
                "count": len({r["tool"] for r in rows}),
            },
        )

    # ---- career guide: roles and levels ------------------------------------------------------

    def role_salary(self, role: str, level: str | None = None) -> ToolResult:
        """A role's salary at one level, or at every level it has (including 'Average')."""
        args = {"role": role, "level": level}
        found = self._role_levels(role, [level] if level is not None else [])
        if isinstance(found, str):
            return not_found("role_salary", args, found)
        canonical_role, levels = found
        where = "t.role = ?" + (" AND t.level = ?" if levels else "")
        rows = self._salaries(where, [canonical_role, *levels])
        return ToolResult(
            tool="role_salary",
            arguments=args,
            found=True,
            rows=rows,
            derived={"role": canonical_role, "levels": [row["level"] for row in rows]},
        )

    def level_for_years(self, years: float) -> ToolResult:
        """The experience level(s) whose year range holds `years`."""
        args = {"years": years}
        levels = self._experience_levels()
        have = _levels_had(levels)
        if not levels:
            return not_found("level_for_years", args, "no experience-level year ranges in the documents")
        matching = [
            row
            for row in levels
            if row["years_min"] <= years and (row["years_max"] is None or years <= row["years_max"])
        ]
        if not matching:
            return not_found(
                "level_for_years", args, f"no experience level covers {number(years)} years (have: {have})"
            )
        return ToolResult(
            tool="level_for_years",
            arguments=args,
            found=True,
            rows=matching,
            derived={"levels": [row["level"] for row in matching]},
        )

    def level_years(self, level: str) -> ToolResult:
        """The year range(s) the documents give for an experience level (two when they disagree)."""
        args = {"level": level}
        levels = self._experience_levels()
        matching = [row for row in levels if row["level"].lower() == level.strip().lower()]
        if not matching:
            have = _levels_had(levels) or "none"
            return not_found("level_years", args, f"no year range for {level} in the documents (have: {have})")
        return ToolResult(
            tool="level_years", arguments=args, found=True, rows=matching, derived={"level": matching[0]["level"]}
        )

    def salary_gap(self, role: str, level_from: str, level_to: str) -> ToolResult:
        """How much a role's salary differs between two levels (low ends, and high ends if both ranges)."""
        args = {"role": role, "level_from": level_from, "level_to": level_to}
        found = self._role_levels(role, [level_from, level_to])
        if isinstance(found, str):
            return not_found("salary_gap", args, found)
        canonical_role, (start_level, end_level) = found
        named = {"role": canonical_role, "level_from": start_level, "level_to": end_level}
        return self._gap("salary_gap", args, (canonical_role, start_level), (canonical_role, end_level), named)

    def role_gap(self, role_from: str, role_to: str, level: str = "Average") -> ToolResult:
        """How much two roles' salaries differ at one level (low ends, and high ends if both ranges)."""
        args = {"role_from": role_from, "role_to": role_to, "level": level}
        start, end = (self._role_levels(role, [level]) for role in (role_from, role_to))
        if isinstance(start, str) or isinstance(end, str):
            return not_found("role_gap", args, start if isinstance(start, str) else str(end))
        (start_role, (canonical_level,)), (end_role, _) = start, end
        named = {"role_from": start_role, "role_to": end_role, "level": canonical_level}
        return self._gap("role_gap", args, (start_role, canonical_level), (end_role, canonical_level), named)

    def _gap(
        self,
        tool: str,
        args: dict[str, Any],
        start: tuple[str | None, str],
        end: tuple[str | None, str],
        named: dict[str, Any],
    ) -> ToolResult:
        """The gap from one (role, level) figure to another: low ends, and high ends if both are ranges."""
        starts, ends = (
            split_values("role_salaries", self._salaries("t.role = ? AND t.level = ?", [role, level]))
            for role, level in (start, end)
        )
        return _paired(tool, args, starts, ends, {**named, "compared": "value_low"}, gap)

    def annual_to_monthly(self, role: str, level: str) -> ToolResult:
        """A role's annual figure at a level as a monthly amount (divided by 12, whole dollars)."""
        args = {"role": role, "level": level}
        found = self._role_levels(role, [level])
        if isinstance(found, str):
            return not_found("annual_to_monthly", args, found)
        canonical_role, (canonical_level,) = found
        values = split_values(
            "role_salaries", self._salaries("t.role = ? AND t.level = ?", [canonical_role, canonical_level])
        )
        row = values[0][0]
        if row["period"] != "year":
            return not_found("annual_to_monthly", args, f"the figure is per {row['period']}, not annual")
        derived: dict[str, Any] = {"role": canonical_role, "level": canonical_level}
        candidates = [monthly_figures(group[0]) for group in values]
        derived.update(candidates[0] if len(candidates) == 1 else {"contested": True, "candidates": candidates})
        rows = [r for group in values for r in group]
        return ToolResult(tool="annual_to_monthly", arguments=args, found=True, rows=rows, derived=derived)

    # ---- career guide: cities, companies, market ---------------------------------------------

    def city_salary(self, city: str | None = None, role: str | None = None) -> ToolResult:
        """City figures (and the guide's note on each city); a city without a figure says so."""
        args = {"city": city, "role": role}
        canonical_city, missing = self._lookup("city_salaries", "city", city, "data for city")
        canonical_role, missing_role = self._lookup("city_salaries", "role", role, "city figures for role")
        if missing or missing_role:
            return not_found("city_salary", args, missing or missing_role)
        rows = self._select("city_salaries", "(? IS NULL OR t.city = ?)", [canonical_city, canonical_city])
        with_role = [row for row in rows if canonical_role is None or row["role"] == canonical_role]
        if not with_role or (canonical_role is not None and all(row["value"] is None for row in with_role)):
            notes = "; ".join(f"{row['city']}: {row['note']}" for row in rows)
            return ToolResult(
                tool="city_salary",
                arguments=args,
                found=False,
                rows=rows,
                note=f"no {canonical_role} figure for {canonical_city} (the guide says: {notes})",
            )
        without = [row["city"] for row in with_role if row["value"] is None]
        note = f"no salary figure for {joined(without)}, only a note" if without else ""
        return ToolResult(
            tool="city_salary",
            arguments=args,
            found=True,
            rows=with_role,
            note=note,
            derived={"cities_without_figures": without},
        )

    def city_gap(self, city_from: str, city_to: str, role: str | None = None) -> ToolResult:
        """How much two cities' figures for a role differ ("what's the gap?" after New York's and Seattle's pay)."""
        args = {"city_from": city_from, "city_to": city_to, "role": role}
        found = [self.city_salary(city, role) for city in (city_from, city_to)]
        missing = next((result for result in found if not result.found), None)
        if missing is not None:
            return not_found("city_gap", args, missing.note or "no city figure")
        starts, ends = (
            split_values("city_salaries", [row for row in result.rows if row["value"] is not None]) for result in found
        )
        if not starts or not ends:
            return not_found("city_gap", args, "no salary figure for one of the cities, only a note")
        named = {"city_from": starts[0][0]["city"], "city_to": ends[0][0]["city"], "role": starts[0][0]["role"]}
        return _paired("city_gap", args, starts, ends, named, change)

    def market_figure(self, metric: str | None = None) -> ToolResult:
        """Market figures from the guide (one metric, or all)."""
        args = {"metric": metric}
        canonical, missing = self._lookup("market_figures", "metric", metric, "data for market metric")
        if missing:
            return not_found("market_figure", args, missing)
        rows = self._select("market_figures", "(? IS NULL OR t.metric = ?)", [canonical, canonical])
        if not rows:
            return not_found("market_figure", args, "no market figures in the documents")
        return ToolResult(tool="market_figure", arguments=args, found=True, rows=rows)

    def company_salaries(self) -> ToolResult:
        """Salary ranges at named top-paying companies."""
        return self._all_rows("company_salaries", "no company salary figures in the documents")

    def extra_compensation(self) -> ToolResult:
        """Extra compensation (bonuses, stock, profit-sharing) the guide quotes."""
        return self._all_rows("extra_compensation", "no extra-compensation figures in the documents")

    # ---- rankings and coverage ---------------------------------------------------------------

    def rank(
        self,
        dimension: str,
        order: str = "highest",
        level: str | None = None,
        role: str | None = None,
        limit: int = 5,
    ) -> ToolResult:
        """Roles at one level, levels within one role, or cities, ordered by salary (low end of ranges)."""
        args = {"dimension": dimension, "order": order, "level": level, "role": role, "limit": limit}
        if dimension not in _DIMENSIONS or order not in _ORDERS:
            accepted = f"dimensions: {joined(_DIMENSIONS)}; orders: {joined(_ORDERS)}"
            return not_found("rank", args, f"cannot rank {dimension!r} by {order!r} ({accepted})")
        limit = max(1, min(int(limit), _MAX_LIMIT))
        if dimension == "city":
            return self._rank_cities(args, order, role, limit)
        if dimension == "level" and role is None:
            return not_found("rank", args, f"ranking levels needs a role (have: {joined(self._roles())})")
        wanted_level = level if dimension == "role" else None
        found = self._role_levels(role if dimension == "level" else None, [wanted_level or AVERAGE_LEVEL])
        if isinstance(found, str):
            return not_found("rank", args, found)
        canonical_role, (canonical_level,) = found
        if dimension == "role":
            rows = self._salaries("t.level = ?", [canonical_level])
            missing = [name for name in self._roles() if name not in {row["role"] for row in rows}]
            extra = {"level": canonical_level, "roles_without_level": missing}
        else:
            rows = self._salaries("t.role = ? AND t.level <> ?", [canonical_role, AVERAGE_LEVEL])
            extra = {"role": canonical_role}
        return ranking_result(args, rows, dimension, order, "value_low", limit, extra)

    def _rank_cities(self, args: dict[str, Any], order: str, role: str | None, limit: int) -> ToolResult:
        canonical_role, missing = self._lookup("city_salaries", "role", role, "city figures for role")
        if missing:
            return not_found("rank", args, missing)
        rows = self._select(
            "city_salaries",
            "t.value IS NOT NULL AND (? IS NULL OR t.role = ?)",
            [canonical_role, canonical_role],
        )
        without = [row["city"] for row in self._constant("city_salaries", "t.value IS NULL")]
        extra = {"role": canonical_role, "cities_without_figures": without}
        return ranking_result(args, rows, "city", order, "value", limit, extra)

    def coverage(self) -> ToolResult:
        """What the statistics cover, read from the tables."""
        roles = self._roles()
        levels_by_role = {role: self._levels_of(role) for role in roles}
        salary_years = self._distinct("role_salaries", "data_year", order="data_year")
        derived = {
            "platform_years": self._distinct("platform_stats", "year", order="year"),
            "platform_metrics": self._distinct("platform_stats", "metric"),
            "roles": roles,
            "levels": self._distinct("role_salaries", "level"),
            "levels_by_role": levels_by_role,
            "cities_with_figures": [row["city"] for row in self._constant("city_salaries", "t.value IS NOT NULL")],
            "cities_mentioned": self._distinct("city_salaries", "city"),
            "salary_data_year": salary_years[-1] if salary_years else None,
            "salary_data_years": salary_years,
            "market_metrics": self._distinct("market_figures", "metric"),
            "tool_years": self._distinct("trending_tools", "year", order="year"),
            "documents": self._store.fetch("SELECT doc_id, title, kind, year FROM documents ORDER BY doc_id"),
        }
        return ToolResult(tool="coverage", arguments={}, found=True, derived=derived)

    # ---- running by name ---------------------------------------------------------------------

    def run(self, name: str, arguments: dict[str, Any] | None = None) -> ToolResult:
        """Run a tool by name with a dict of arguments; invalid arguments give found=False, not an error."""
        spec = self._spec(name)
        arguments = dict(arguments or {})
        try:
            parsed = spec.args_model.model_validate(arguments)
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'arguments'}: {e['msg']}" for e in error.errors())
            return not_found(name, arguments, f"invalid arguments for {name}: {problems}")
        method: Callable[..., ToolResult] = getattr(self, name)
        return self._with_conflicts(method(**parsed.model_dump()), spec.tables)

    def _with_conflicts(self, result: ToolResult, tables: tuple[str, ...]) -> ToolResult:
        """Attach the contested figures and contradicted ranking claims that the result's rows touch."""
        contested = [contest for table in tables for contest in mark_contested(self._store, table, result.rows)]
        claims = claims_touching(self._store, tables, result.rows)
        return result.model_copy(update={"contested": contested, "contradicted_claims": claims})

    def by_name(self, name: str) -> Callable[[dict[str, Any]], ToolResult]:
        """The tool `name` as a function of an arguments dict."""
        self._spec(name)
        return partial(self.run, name)

    def tool_names(self) -> list[str]:
        return list(TOOL_SPECS)

    def as_langchain_tools(self) -> list[Any]:
        """Every tool as a LangChain StructuredTool (pydantic args schema); each returns the result dict."""
        from langchain_core.tools import StructuredTool

        return [
            StructuredTool.from_function(
                func=partial(self._run_as_dict, spec.name),
                name=spec.name,
                description=spec.description,
                args_schema=spec.args_model,
            )
            for spec in TOOL_SPECS.values()
        ]

    def _run_as_dict(self, name: str, **arguments: Any) -> dict[str, Any]:
        return self.run(name, arguments).model_dump()

    def _spec(self, name: str) -> ToolSpec:
        if name not in TOOL_SPECS:
            raise UnknownValue(f"unknown statistics tool {name!r} (accepted: {joined(TOOL_SPECS)})")
        return TOOL_SPECS[name]

    def _all_rows(self, table: str, empty_note: str) -> ToolResult:
        rows = self._constant(table)
        return ToolResult(tool=table, arguments={}, found=bool(rows), rows=rows, note="" if rows else empty_note)


def _paired(
    tool: str,
    args: dict[str, Any],
    starts: list[list[Row]],
    ends: list[list[Row]],
    named: dict[str, Any],
    measure: Callable[[Row, Row], dict[str, Any]],
) -> ToolResult:
    """The difference from one figure to another (`measure`: gap or change of the first values), with every row
    cited. Two values for a figure (sources that disagree) give one candidate per pair, never one silently."""
    candidates = [measure(first[0], second[0]) for first in starts for second in ends]
    derived = {**named, **(candidates[0] if len(candidates) == 1 else {"contested": True, "candidates": candidates})}
    rows = [row for group in (*starts, *ends) for row in group]
    return ToolResult(tool=tool, arguments=args, found=True, rows=rows, derived=derived)


def _levels_had(levels: list[Row]) -> str:
    """'Entry Level 0-1 year; Early Career 1-3 years; ...': the year ranges a refusal names instead."""
    return "; ".join(f"{row['level']} {row['raw']}" for row in levels)
