"""Where a planned part goes: a figure the statistics hold to their tools, every other kind to the documents.

The planner (assistant/planning.py) decides a part's kind and slots; this module decides its route from them, and
the route to try when that one does not answer (only when the kind's vote was unsure, below LOW_CONFIDENCE).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from assistant.models import PartKind
from assistant.phrase_match import longest_first
from assistant.question_kinds import PlanVocabulary
from assistant.sessions import Turn
from assistant.slot_reading import asks_for_number, keyed_by_statistics, names_metric, open_to_documents
from assistant.text_terms import terms
from assistant.understanding import Slots
from assistant.vocabulary_words import word_list

PartRoute = Literal["statistics", "documents", "smalltalk"]
LOW_CONFIDENCE = 0.5  # below this share of the vote, the other route is tried when the first one fails

# Words that ask for pay and nothing else ("how much do AI people typically make?"): what is left of a question after
# them is what it asks about (stats/vocabulary.toml lists)
_PAY_ALONE_WORDS = frozenset(
    t
    for name in ("salary_words", "ai_words", "request_frame", "metric_neutral", "closing_fillers", "pay_alone")
    for word in word_list(name)
    for t in terms(word)
)
# A salary word that names pay in every sense it has: "make", "makes" and "pays" are also other verbs ("makes bad
# calls", "pays attention to"), so a question naming pay only by them may not be about pay at all
_PAY_NOUN = re.compile(
    rf"\b(?:{longest_first(w for w in word_list('salary_words') if w not in word_list('salary_verbs'))})\b",
    re.IGNORECASE,
)
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
    if route != "smalltalk" and not about_data and pay_alone(slots) and asks_beyond_pay(text):
        # "who figures out which inputs a model should pay attention to", "does it matter for pay if I join a startup
        # or a bank": pay named with nothing the figures are keyed by, so the statistics could give only their
        # overview of both kinds of salary, which answers nothing the rest of the question asks. Only a number asked
        # of pay ("what's the pay bump for going into management?") is given the overview when the words say nothing.
        numeric = own.compare or words.asks_for_number(text) or _PAY_NOUN.search(text) is not None
        fallback = ("statistics" if route == "statistics" else fallback) if numeric else None
        route = "documents"
    return route, fallback


def pay_alone(s: Slots) -> bool:
    """Pay named, and nothing the statistics' figures are keyed by: no year, role, level, place, metric or list."""
    keyed = (
        s.years
        or s.year_relative
        or s.platform_metric
        or s.platform_population
        or s.roles
        or s.unknown_role
        or s.level
        or s.levels
        or s.unknown_level
        or s.experience_years is not None
        or s.level_span
        or s.city
        or s.unknown_place
        or s.market_metric
        or s.rank
        or s.monthly
        or s.unstated_period
        or s.unstated_currency
        or s.tools
        or s.companies
        or s.extra_comp
        or s.coverage
        or s.prediction
        or s.national
    )
    return s.salary and not keyed


def asks_beyond_pay(text: str) -> bool:
    """The question has words of its own besides asking for pay ("... pay attention to", "... a tiny startup or a
    giant bank"), not only "how much do AI people make?"."""
    return any(t not in _PAY_ALONE_WORDS for t in terms(text))
