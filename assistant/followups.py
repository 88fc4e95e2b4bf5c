"""Follow-ups: what a question leaves out is taken from the turn before it ("and in 2024?", "what about
Seattle?", "how much did it change?"), so the planner can answer it as if it were asked in full."""

from __future__ import annotations

from dataclasses import replace

from assistant.sessions import Turn
from assistant.understanding import Slots, rank_dimension


def inherit(current: Slots, previous: Turn | None, history_years: list[int]) -> Slots:
    """Fill what a follow-up leaves out from the previous turn ("and in 2024?", "how much did it change?")."""
    if previous is None or previous.route in ("out_of_scope", "invalid"):
        return current
    before = previous.slots
    own_topic = (
        current.platform_metric
        or current.roles
        or current.market_metric
        or current.tools
        or current.companies
        or current.extra_comp
        or current.coverage
        or current.unknown_role
    )
    is_followup = current.followup or (
        not own_topic
        and (
            current.years
            or current.compare
            or current.level
            or current.city
            or current.year_relative
            or current.monthly
            or current.experience_years is not None
        )
    )
    if not is_followup or (current.doc_cue and not own_topic and not current.compare and not current.years):
        return current
    merged = replace(current)
    if current.year_relative and not current.years and previous.years:
        merged.years = [previous.years[-1] + current.year_relative]
    if merged.compare and not merged.years and len(set(history_years)) >= 2:
        distinct = list(dict.fromkeys(history_years))
        merged.years = sorted(distinct[-2:])
    if not own_topic:
        merged.platform_metric = before.get("platform_metric")
        merged.market_metric = before.get("market_metric")
        merged.platform_population = bool(before.get("platform_population"))
        if not merged.roles and not merged.city:
            merged.roles = list(before.get("roles") or [])
        if not merged.roles and merged.city and before.get("roles"):
            merged.roles = list(before.get("roles") or [])
        if not merged.level and merged.experience_years is None and not merged.unknown_level:
            merged.level = before.get("level")
        if not merged.salary:
            merged.salary = bool(before.get("salary"))
        if not merged.monthly and not merged.compare:
            merged.monthly = bool(before.get("monthly"))
        if before.get("rank_dimension") and (merged.rank_word or merged.rank) and not merged.rank_dimension:
            # "Which city pays the most?" then "and the least?": the same ranking, the other end.
            merged.rank = merged.rank or merged.rank_word
            merged.rank_dimension = before.get("rank_dimension")
        elif merged.rank and merged.salary and not (merged.rank_dimension or merged.roles or merged.city):
            # "Which cities lead in AI jobs?" then "and which pay the most?": "which" are the things asked before.
            merged.rank_dimension = rank_dimension(previous.message.lower())
        merged.doc_cue = False
    if merged.compare and merged.level and before.get("level") and before.get("level") != merged.level:
        merged.levels = [before["level"], merged.level]  # "how much more at Late Career?" -> the gap
    if own_topic and merged.roles and not merged.level and merged.experience_years is None and not merged.unknown_level:
        merged.level = before.get("level")  # "and a data scientist?" keeps "mid-career"
    if not merged.years and not merged.compare and before.get("years") and merged.platform_metric:
        merged.years = list(before.get("years") or [])
    merged.followup = True
    return merged
