"""The career guide's salary answers: a role at its levels, the gap between levels, monthly figures, cities
and rankings. A part of StatisticsAnswerer (mixed in), kept apart so each module reads as one kind of answer."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.answer_figures import (
    StatisticsPart,
    cite_all,
    per_candidate,
    possible_leaders,
)
from assistant.draft import Draft, article, money, signed_money, signed_pct
from assistant.statistics.conflicts import group_figures
from assistant.understanding import Slots


class GuideSalaryAnswers(StatisticsPart):
    """The guide's salary tables (role_salaries, city_salaries, ranking_claims) answered for one question."""

    def _roles(self, s: Slots, draft: Draft) -> None:
        roles = s.roles or []
        level = s.level
        if s.experience_years is not None:
            found = self.call(draft, "level_for_years", years=s.experience_years)
            if not found.found:
                self.abstain(draft, f"No experience level in the guide matches that: {found.note}.")
                return
            level = found.rows[0]["level"]
            stated = self._figures.figure("experience_levels", [r for r in found.rows if r["level"] == level])
            draft.say(f"With that much experience you are in the guide's {level} level {stated}.")
        # "how many years is early career?" asks the level's range; "what pay is considered good at mid level?"
        # still asks for pay, which without a role is the ranking below.
        if s.level_span and level and (roles or not s.salary):
            span = self.call(draft, "level_years", level=level)
            if not span.found:
                self.abstain(draft, f"The guide gives no year range for its {level} level.")
                return
            stated = self._figures.figure("experience_levels", span.rows)
            draft.say(f"In the guide, {level} means {stated} of experience.")
            if not roles:
                return  # how long the level lasts is what was asked, not who earns most at it
        if not roles:
            self._rank(Slots(rank="highest", rank_dimension="role", level=level), draft)
            return
        if s.compare and len(s.levels) >= 2:
            self._gap(roles[0], s.levels, draft)
            return
        if s.compare and len(roles) > 1 and not s.monthly:
            # "do robotics engineers earn less than AI researchers?": which earns more says it either way
            self._rank_named_roles(replace(s, level=level), "highest", draft)
            return
        for role in roles[:3]:
            if s.monthly:
                self._monthly(role, level or "Average", draft)
                continue
            if level:
                for each in _levels_asked(s, level):  # "entry and late career salary": every level named, in order
                    self._at_level(role, each, draft)
            else:
                result = self.call(draft, "role_salary", role=role)
                lines = [
                    f"{group[0]['level']}: {self._figures.figure('role_salaries', group)}"
                    for group in group_figures("role_salaries", result.rows)
                ]
                draft.say(
                    f"US base salaries for {article(role)} {role} in the guide ({self._data_year()}): "
                    + "; ".join(lines)
                    + "."
                )
            if s.unknown_level and not level:
                # the level asked is not covered: said plainly, with the levels that are, as any uncovered part
                draft.say(f"The guide has no '{s.unknown_level}' level; its levels are the ones listed above.")
                draft.abstained = True
        several = len(roles) > 1 or (level is not None and len(_levels_asked(s, level)) > 1)
        if several and draft.abstained and len(draft.citations) > 0:
            draft.abstained = False  # part of the question was answered

    def _at_level(self, role: str, level: str, draft: Draft) -> None:
        """The role's figure at one level (every alternative the sources give), or what levels the guide has."""
        result = self.call(draft, "role_salary", role=role, level=level)
        if not result.found:
            available = self.call(draft, "role_salary", role=role)
            have = ", ".join(r["level"] for r in available.rows if r["level"] != "Average")
            draft.abstained = True
            draft.say(f"The guide gives no {level} figure for {role}s (it has: {have}).")
            return
        first, *others = self._figures.alternatives("role_salaries", result.rows)
        phrase = f"{self._role_level_phrase(role, first[0])} {cite_all(draft, first)}"
        draft.say(phrase + "".join(f", or {o[0]['raw']} {cite_all(draft, o)}" for o in others) + ".")

    def _gap(self, role: str, levels: list[str], draft: Draft) -> None:
        order = list(self.coverage().get("levels", []))
        low, high = sorted(levels[:2], key=lambda lv: order.index(lv) if lv in order else 99)
        result = self.call(draft, "salary_gap", role=role, level_from=low, level_to=high)
        if not result.found:
            self.abstain(draft, f"I can't compare those levels: {result.note}.")
            return
        d = result.derived
        groups = group_figures("role_salaries", result.rows)  # the two levels' figures, in that order
        first, second = (self._figures.figure("role_salaries", g) for g in (groups[0], groups[-1]))
        levels_said = (
            f"For {article(role)} {role} in the US ({self._data_year()}), {low} is {first} and {high} is {second}"
        )
        if d.get("contested"):
            gaps = per_candidate(d["candidates"], money, signed_money, "difference_low")
            draft.say(f"{levels_said}. Because the sources disagree, there is no single gap at the lower end: {gaps}.")
            return
        high_part = f" (upper ends: {signed_money(d['difference_high'])})" if "difference_high" in d else ""
        draft.say(f"{levels_said}: a gap of {_difference(d)} at the lower end{high_part}.")

    def _role_level_phrase(self, role: str, row: dict[str, Any]) -> str:
        level = row["level"]
        where = f"in the US ({self._data_year()} figures, annual base salary)"
        if level == "Average":
            return f"The average base salary for a {role} {where} is {row['raw']}"
        article = "an" if level[0] in "AEIOU" else "a"
        top = ""
        if row.get("top_company_value") is not None:
            top = f" (up to {money(row['top_company_value'])} at top companies)"
            raw = row["raw"].split(" (")[0]
        else:
            raw = row["raw"]
        return f"{article.capitalize()} {level} {role} earns {raw}{top} a year {where}"

    def _monthly(self, role: str, level: str, draft: Draft) -> None:
        result = self.call(draft, "annual_to_monthly", role=role, level=level)
        if not result.found:
            self.abstain(draft, f"I can't convert that: {result.note}.")
            return
        d = result.derived
        alternatives = self._figures.alternatives("role_salaries", result.rows)
        for index, (values, figures) in enumerate(zip(alternatives, d.get("candidates", [d]), strict=True)):
            monthly = money(figures["monthly_low"]) + (
                f" – {money(figures['monthly_high'])}" if "monthly_high" in figures else ""
            )
            lead = "Another source says: " if index else ""
            draft.say(
                f"{lead}{self._role_level_phrase(role, values[0])} {cite_all(draft, values)}; divided by twelve "
                f"that is about {monthly} a month."
            )

    def _rank_named_roles(self, s: Slots, order: str, draft: Draft) -> None:
        """The roles a question names, set side by side at its level (their average without one): which earns
        more, or that their figures overlap (a range holding the other's figure decides nothing)."""
        result = self.call(draft, "rank", dimension="role", order=order, level=s.level, limit=50)
        rows = [row for row in result.rows if row["role"] in s.roles]
        if not result.found or len({row["role"] for row in rows}) < 2:
            self._roles(replace(s, rank=None, compare=False), draft)  # a role without a figure there: what each has
            return
        groups = group_figures("role_salaries", rows)
        figures = [f"{group[0]['role']} {self._figures.figure('role_salaries', group)}" for group in groups]
        level = result.derived.get("level")
        scope = f"In the guide's US salaries ({self._data_year()}), " + (
            "on average" if level == "Average" else at_level(level)
        )
        top, others = groups[0], [row for group in groups[1:] for row in group]
        low = min(row["value_low"] for row in top)
        high = max(row["value_high"] or row["value_low"] for row in top)
        overlap = any(
            (row["value_high"] or row["value_low"]) >= low if order == "highest" else row["value_low"] <= high
            for row in others
        )
        if overlap:
            draft.say(f"{scope} their figures overlap, so neither is clearly {order}: {'; '.join(figures)}.")
            return
        more = "more" if order == "highest" else "less"
        said = f"{scope} {figures[0]} earns {more} than {'; '.join(figures[1:])}"
        draft.say(f"{said}{self._roles_gap(groups, level, draft)}.")

    def _roles_gap(self, groups: list[list[dict[str, Any]]], level: str | None, draft: Draft) -> str:
        """': a gap of +$1,654 (+1.3%)' between two roles' figures, from the role_gap tool ("what's the gap between
        them?" after two roles' averages asked for it); nothing for more roles or figures the sources disagree on."""
        if len(groups) != 2:
            return ""
        lower, higher = sorted((group[0] for group in groups), key=lambda row: row["value_low"])
        result = self.call(draft, "role_gap", role_from=lower["role"], role_to=higher["role"], level=level or "Average")
        d = result.derived
        if not result.found or d.get("contested"):
            return ""
        high_part = f"; upper ends {signed_money(d['difference_high'])}" if "difference_high" in d else ""
        ends = " at the lower end" if high_part else ""
        return f": a gap of {_difference(d)}{ends}{high_part}"

    def _data_year(self) -> str:
        return str(self.coverage().get("salary_data_year") or "")

    # -- guide: cities, ranking, market --------------------------------------------------------

    def _city(self, s: Slots, draft: Draft) -> bool:
        """The city's figure for the role (True), or what the guide says of the city instead (False)."""
        # "SF vs Seattle?" / "is NYC or San Francisco better paid?": each city named gets its figure.
        if len(s.cities) > 1 and s.city in s.cities:
            given = [self._city(replace(s, city=city, cities=[]), draft) for city in s.cities]
            if any(given):
                draft.abstained = False  # one city without a figure does not make the others' unanswered
            if s.compare and len(s.cities) == 2 and all(given):
                self._cities_gap(s.cities, (s.roles or [None])[0], draft)
            return any(given)
        role = (s.roles or [None])[0]
        result = self.call(draft, "city_salary", city=s.city, role=role)
        rows = [r for r in result.rows if r.get("city") == s.city] or result.rows
        with_value = [r for r in rows if r.get("value") is not None]
        if with_value:
            for group in group_figures("city_salaries", with_value):
                row = group[0]
                draft.say(
                    f"In {row['city']} the guide gives {self._figures.figure('city_salaries', group)} for a "
                    f"{row['role']} ({row['note']}, {self._data_year()})."
                )
            return True
        else:
            draft.abstained = role is not None  # a figure was asked for; the note alone is not one
            note = rows[0]["note"] if rows else ""
            if rows:
                cities = ", ".join(self.coverage().get("cities_with_figures", []))
                scope = f"The guide gives salary figures only for {cities}"
                # a second city without a figure ("Chicago and Columbus?") does not repeat which cities have one
                opening = f"{scope}; for" if not any(scope in said for said in draft.parts) else "For"
                draft.say(f'{opening} {s.city} it gives no figure, only the note "{note}" {draft.cite_row(rows[0])}.')
            else:
                draft.say(f"The guide has no {role} figure for {s.city}.")
            if role and s.city and not rows:
                draft.say(self.coverage_summary(draft))
            return False

    def _cities_gap(self, cities: list[str], role: str | None, draft: Draft) -> None:
        """'what's the gap between them?' after New York's, then Seattle's pay: the difference of the two figures
        just given, from the city_gap tool (the two cited rows), with its working shown; nothing when the sources
        disagree on a figure (no single gap)."""
        result = self.call(draft, "city_gap", city_from=cities[0], city_to=cities[1], role=role)
        if result.found and result.derived.get("direction") == "down":
            result = self.call(draft, "city_gap", city_from=cities[1], city_to=cities[0], role=role)
        d = result.derived
        if not result.found or d.get("contested") or d.get("direction") not in ("up", "same"):
            return
        pct = signed_pct(d.get("percent_change"))
        draft.say(
            f"{d['city_to']} pays {article(str(d['role']))} {d['role']} {money(d['difference'])} more than "
            f"{d['city_from']} ({money(d['to_value'])} − {money(d['from_value'])}; {pct})."
        )

    def _rank(self, s: Slots, draft: Draft) -> None:
        order = s.rank or "highest"
        if len(s.roles) > 1 and s.rank_dimension in (None, "role") and not s.city:
            self._rank_named_roles(s, order, draft)  # "who earns more, AI engineers or data scientists?"
            return
        dimension = s.rank_dimension or ("city" if s.city else "level" if s.roles and not s.level else "role")
        role = (s.roles or [None])[0]
        if dimension == "level" and role is None:
            role = "AI Engineer"
        result = self.call(draft, "rank", dimension=dimension, order=order, level=s.level, role=role)
        if not result.found:
            self.abstain(draft, f"I can't rank that: {result.note}.")
            return
        table = "city_salaries" if dimension == "city" else "role_salaries"
        groups = group_figures(table, result.rows)
        leaders = possible_leaders(groups, dimension, result.derived.get("compared", "value_low"), order)
        figures = [f"{group[0][dimension]} {self._figures.figure(table, group)}" for group in groups]
        if dimension == "city":
            roles = ", ".join(dict.fromkeys(str(row["role"]) for row in result.rows if row.get("role")))
            scope = f"By the guide's city figures ({roles}, {self._data_year()}), "
        else:
            where = (
                at_level(str(result.derived.get("level")))
                if dimension == "role"
                else f"for a {result.derived.get('role')}"
            )
            scope = f"In the guide's US salaries ({self._data_year()}) {where}, "
        if len(leaders) > 1:
            # A contested figure could change which one leads: no single winner, every candidate shown.
            draft.say(
                f"{scope}which is {order} depends on which source is right, because the sources disagree on a "
                f"figure: {' or '.join(leaders)} could be the {order}. The figures: {'; '.join(figures)}."
            )
        else:
            top = f"{groups[0][0][dimension]} at {self._figures.figure(table, groups[0])}"
            then = ", then " if dimension == "city" else ", followed by "
            rest = "; ".join(figures[1:])
            draft.say(f"{scope}the {order} is {top}" + (f"{then}{rest}" if rest else "") + ".")
        missing = result.derived.get("roles_without_level") or []
        if missing:
            draft.say(f"The guide gives no {result.derived.get('level')} figure for {', '.join(missing)}.")


def at_level(level: str) -> str:
    """ "at Entry Level" / "at the Mid-Career level": a level named with its own "Level" is not said twice."""
    return f"at {level}" if level.lower().endswith("level") else f"at the {level} level"


def _difference(derived: dict[str, Any]) -> str:
    """A gap tool's difference at the lower ends, with its percentage: "+$12,919 (+13.5%)"."""
    return f"{signed_money(derived['difference_low'])} ({signed_pct(derived.get('percent_change'))})"


def _levels_asked(s: Slots, level: str) -> list[str]:
    """The levels a figure question names, the one it leads with first: "AI researcher entry salary and late career
    salary" asks both, not the first alone; "average and mid-career pay" asks the average too (the slots keep the
    average apart from the levels)."""
    return list(dict.fromkeys([level, *s.levels]))
