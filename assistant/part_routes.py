"""Where a planned part goes: a figure the statistics hold to their tools, every other kind to the documents.

The planner (assistant/planning.py) decides a part's kind and slots; this module decides its route from them, and
the route to try when that one does not answer (only when the kind's vote was unsure, below LOW_CONFIDENCE).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from assistant.kind_rules import asks_for_number, keyed_by_statistics, names_metric, open_to_documents
from assistant.models import PartKind
from assistant.question_kinds import PlanVocabulary
from assistant.sessions import Turn
from assistant.understanding import Slots

PartRoute = Literal["statistics", "documents", "smalltalk"]
LOW_CONFIDENCE = 0.5  # below this share of the vote, the other route is tried when the first one fails

_ADDRESSES_DATA = re.compile(r"\b(?:you|your|data|statistics|stats|figures|cover|covered|sources?)\b", re.I)


def part_route(
    text: str,
    kind: PartKind,
    confidence: float,
    own: Slots,
    slots: Slots,
    previous: Turn | None,
    words: PlanVocabulary,
) -> tuple[PartRoute, PartRoute | None]:
    """Where the part goes and where it goes next if that fails: figures the statistics hold to the tools,
    everything else to the documents. `own` is what the part itself says, `slots` that with what it leaves out
    taken from before."""
    # "Which cities do you have figures for?" asks about the data; "which cities lead in AI jobs?" does not.
    # ... and so does "and which cities?" after "which roles does the guide cover?".
    asked_coverage = previous is not None and bool(previous.slots.get("coverage"))
    about_data = slots.coverage and (_ADDRESSES_DATA.search(text) is not None or asked_coverage)
    stats_signal = slots.has_stats() or about_data
    route: PartRoute
    fallback: PartRoute | None = None
    if kind == "smalltalk":
        route = "smalltalk"
    elif about_data and own.coverage and not own.doc_cue:
        route = "statistics"  # "which years do your statistics cover?": the data's own extent
    elif kind == "figure" and stats_signal and confidence < LOW_CONFIDENCE and own.doc_cue and open_to_documents(slots):
        route, fallback = "documents", "statistics"  # "what factors influence salaries?": unsure, words first
    elif kind == "figure" and stats_signal and confidence < LOW_CONFIDENCE and words.asks_what_drives(text):
        route, fallback = "documents", "statistics"  # "what are the salary factors in San Francisco?"
    elif kind == "figure" and stats_signal:
        route = "statistics"
        fallback = "documents" if confidence < LOW_CONFIDENCE and open_to_documents(slots) else None
    elif kind == "method" and own.years and (names_metric(own) or own.method):
        # "does the 2024 median count people with no offers?": how the year's figure is made, which its page's
        # method section says; its value is not what is asked. So with no figure named: "how are the 2024 salary
        # stats calculated?" (a method word asked of the year's statistics).
        route, fallback = "documents", "statistics"
    elif stats_signal and (
        keyed_by_statistics(own if kind in ("list", "figure") else replace(own, tools=False))
        or (slots.followup and (slots.tools or slots.companies))
    ):
        # "Which tools were trending in 2025?": a list the statistics hold (by year, tools, companies).
        route, fallback = "statistics", "documents"
    else:
        route = "documents"
        numeric = asks_for_number(own) or names_metric(own) or words.asks_for_number(text)
        fallback = "statistics" if confidence < LOW_CONFIDENCE and stats_signal and numeric else None
    return route, fallback
