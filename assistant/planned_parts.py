"""A planned part assembled: its slots with what it leaves out taken from the part or turn before it, then its route
and the entities that sharpen its documents search (Planner.plan reads each part, then these put it together)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from assistant.figure_followups import ranked_among_named
from assistant.followups import context_roles, inherit
from assistant.models import PartKind
from assistant.part_routes import part_route, pay_alone
from assistant.planned_part import PlannedPart
from assistant.question_kinds import PlanVocabulary
from assistant.sessions import Turn
from assistant.understanding import Slots


def merged_slots(
    text: str,
    own: Slots,
    slots: Slots,
    before: Turn | None,
    years: list[int],
    earlier: PlannedPart | None,
    words: PlanVocabulary,
) -> Slots:
    """The part's slots with what it leaves out taken from the part or turn before it."""
    merged = replace(inherit(slots, before, years))  # a copy: `own` stays what the part itself says
    if earlier is not None and not merged.years and earlier.slots.years and not merged.compare:
        merged.years = list(earlier.slots.years)  # one message, one year: "in 2025 ... how many offers?"
    merged.rank_dimension = ranked_among_named(text, merged, before)
    if earlier is not None and pay_alone(merged) and (earlier.slots.roles or earlier.slots.unknown_role):
        # "what does an AI product manager do, and what's the pay like?": the pay of the role the message is about
        # (a title the tables lack is refused by name), not the overview of every salary
        merged.roles, merged.unknown_role = list(earlier.slots.roles), earlier.slots.unknown_role
    for dimension in ("level", "city"):
        # "How does that change with seniority?": every level, not the one the last answer had.
        if not getattr(own, dimension) and words.asks_across(text, dimension):
            setattr(merged, dimension, None)
            if dimension == "level":
                merged.levels = []
    return merged


# Words asking what a named thing means: "how does upstaff define ...", "what does ... stand for", "the meaning of",
# "what does X mean?" (asked at the end: "does a big offers number mean companies ...?" asks what follows from it).
_MEANING_ASKED = re.compile(
    r"\b(?:defin\w*|meaning|meant\s+by|stands?\s+for|means?(?=\s*(?:$|[?.!]|exactly|there|here|precisely)))",
    re.IGNORECASE,
)


def metric_asked(metric: str, text: str) -> bool:
    """The question asks what the metric it names means ("how does upstaff define the 'median salary expectation'
    number?"): the metric is the term asked about, not context to set aside, so the unit defining it matches its
    words. Asked how a figure of it was made ("how did they arrive at the 2025 offers total?"), it stays context;
    so does a one-word metric ("proposals"), an everyday word the documents also write in other senses ("proposal
    writing"), for which the page's method is the answer the documents have."""
    return len(metric.split()) > 1 and _MEANING_ASKED.search(text) is not None


def routed_part(
    text: str,
    kind: PartKind,
    confidence: float,
    own: Slots,
    slots: Slots,
    previous: Turn | None,
    earlier: list[PlannedPart],
    words: PlanVocabulary,
    by_role: Collection[str],
) -> PlannedPart:
    """The part with its route (part_routes.part_route) and the entities that sharpen its documents search.
    `by_role`: the kinds whose answer differs by role, which take the conversation's role as context too."""
    route, fallback = part_route(text, kind, confidence, own, slots, previous, words)
    metric = (slots.platform_metric or "").replace("_", " ").replace("all", "").strip()
    return PlannedPart(
        text=text,
        kind=kind,
        confidence=confidence,
        slots=slots,
        route=route,
        fallback=fallback,
        # Only the part's own entities sharpen the search: a role carried over from the turn before pulls in
        # that role's overview instead of the section the new question asks for ("what education ...?").
        # Entities are context, not what is asked: "as a mid-career ML engineer, how do I ...?" and a role
        # the tables lack ("an AI product manager") sharpen the search without being searched for.
        context=[
            r
            for r in [
                *own.roles,
                own.unknown_role,
                own.level if own.level != "Average" else None,
                *(context_roles(slots, previous, earlier) if kind in by_role and not own.roles else []),
                None if metric_asked(metric, text) else metric,
            ]
            if r
        ],
        context_roles=context_roles(slots, previous, earlier),
    )
