"""What a part's slots name and ask, read the same way by the kind rules, the router and the follow-up readers: a
figure asked (a year, a level, an amount, a ranking), something named, what only the statistics are keyed by."""

from __future__ import annotations

from assistant.understanding import Slots


def asks_for_number(s: Slots) -> bool:
    """The part asks for a figure: a year, a level, an amount, a ranking; not merely a role or a metric name."""
    return bool(
        s.years
        or s.level
        or s.levels
        or s.experience_years is not None
        or s.level_span
        or s.rank
        or s.monthly
        or (s.salary and not s.doc_topic and (not s.doc_cue or _pay_of_someone(s)))
        or s.extra_comp
        or s.companies
    )


def _pay_of_someone(s: Slots) -> bool:
    """'what's the ML engineer salary range?' asks a figure the tables hold; 'what's the pay bump for going into
    management?' names no one the figures are about, and is asked of the documents first."""
    return bool(s.roles or s.unknown_role or s.city or s.unknown_place or s.platform_population)


def names_metric(s: Slots) -> bool:
    return bool(s.platform_metric or s.market_metric or s.tools)


def names_something(s: Slots) -> bool:
    return bool(
        s.years or s.roles or s.city or s.platform_metric or s.market_metric or s.level or s.unknown_role or s.salary
    )


def keyed_by_statistics(s: Slots) -> bool:
    """What only the statistics tables are organised by: a year, the trending tools, companies' pay."""
    return bool(s.years or s.tools or s.companies or s.extra_comp)


def open_to_documents(s: Slots) -> bool:
    """Nothing in the slots that the statistics must answer for (a year, a place, a role they lack)."""
    return not (
        s.years
        or s.unknown_role
        or s.unknown_place
        or s.prediction
        or s.level
        or s.unknown_level
        or s.city
        or s.experience_years is not None
    )
