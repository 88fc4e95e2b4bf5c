"""Follow-ups about the figures just given: "is that the same as job openings?" (what the figure counts,
`asks_of_figure`), "how much extra is that?" (the figure named before, `names_a_figure`), "which is higher?" and "is
that more than a data scientist gets?" (two figures side by side, `side_by_side`), "which one pays best?" among the
roles named (`ranked_among_named`), "what's the range across levels?" (`span_pointed_at`), "and the second one?"
after a ranking (`ranked_again`), the same list asked again (`same_list_again`), and a new role set beside the
figure given ("how do data scientists measure up?": `sets_beside`, `only_compares`). The planner calls these;
followups.py holds what every follow-up inherits."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.pointed_items import roles_of
from assistant.question_kinds import PlanVocabulary, generic_form
from assistant.rank_dimensions import rank_dimension
from assistant.sessions import Turn
from assistant.slot_reading import names_something
from assistant.text_terms import terms
from assistant.understanding import COMPARE_WORDS, Slots, Vocabulary
from assistant.vocabulary_words import section

if TYPE_CHECKING:
    pass

from assistant.followup_openings import discourse_opening
from assistant.followups import MORE, REFERS_BACK, between_the_two

# A yes/no question whose subject points at what was just said: "is that ...?", "does this ...?", "was it ...?"
# ... or whose subject is the figure itself, said again ("is 59 a lot?", "are 45 offers many?"), or a statement asked
# back ("so that's 45 job openings?", "that means 59 vacancies?")
_POINTER_SUBJECT = re.compile(
    r"(?:(?:is|was|are|were|does|did|do|would|could|can|will|has)\s+(?:that|this|it|those|these|\d[\d,.]*)\b"
    r"|(?:that|this|it)(?:'s|’s|\s+is|\s+was|\s+means?)\s)(?!\s*ones?\b)",
    re.I,
)


def asks_of_figure(text: str, own: Slots, before: Turn | None) -> bool:
    """'is that the same as job openings?', 'ok, is that how many vacancies there were?', 'does that mean there were
    59 open positions?' after a platform figure: a yes/no question whose subject is that figure asks what the figure
    is or counts (its method), even when it names another measure to set it against ("job openings") or says "how
    many". Not when it names what a new figure would be of ("was it higher in 2024?", "is that more than a data
    scientist gets?") or its period ("is that per month?", which the figure's own answer states)."""
    if before is None or not before.slots.get("platform_metric"):
        return False
    opening = discourse_opening().match(text)
    rest = text[opening.end() :] if opening else text.strip()
    if _POINTER_SUBJECT.match(rest) is None:
        return False
    return not (
        own.years
        or own.year_relative
        or own.roles
        or own.unknown_role
        or own.level
        or own.compare
        or own.monthly
        or own.city
    )


_FIGURE_SAID_AGAIN = re.compile(
    r"^(?P<lead>\W*(?:(?:so|ok|okay|wait)\W+)?)(?:(?P<verb>is|was|are|were)\s+\d[\d,.]*|(?:that|this|it)(?:'s|’s|\s+is))",
    re.I,
)


def figure_as_pointer(text: str) -> str:
    """A question about the figure just given that says the figure again as its subject, asked as a question about
    "that": "is 59 a lot?" -> "is that a lot?", "so that's 45 job openings?" -> "so is that 45 job openings?". The
    number said again is no new word to search for (it matched no sentence of the method), the pointer is."""
    found = _FIGURE_SAID_AGAIN.match(text)
    if not found:
        return text
    said = (found.group("verb") or "is").lower()
    verb = {"are": "is", "were": "was"}.get(said, said)
    return f"{found.group('lead')}{verb} that{text[found.end() :]}"


def same_list_again(text: str, own: Slots, before: Turn | None, words: PlanVocabulary) -> Slots | None:
    """'Is PyTorch one of them?' after the trending tools, 'do they include Meta?' after the top companies: the
    same list of the statistics, asked again; None when the part points at no such list or names a topic."""
    listed = before is not None and (before.slots.get("tools") or before.slots.get("companies"))
    if before is None or before.route != "statistics" or not listed:
        return None
    if not words.pronoun.search(text) or names_something(own) or own.doc_cue or own.method:
        return None
    tools, companies = bool(before.slots.get("tools")), bool(before.slots.get("companies"))
    return replace(own, followup=True, tools=tools, companies=companies)


def figure_pointed(text: str, own: Slots, before: Turn | None) -> tuple[Slots, str, bool]:
    """What a part pointing back at the figure before asks about it ("does that include every candidate?", "what
    does that number measure?", "is that the same as job openings?"): its slots as the kind rules read them (the
    platform figure named in them), the figure's name as search context ("offers total", or ""), and whether it
    asks what the platform figure is or counts (asks_of_figure)."""
    points_back = before is not None and not names_something(own) and REFERS_BACK.search(text) is not None
    of_figure = asks_of_figure(text, own, before)
    if before is None or not (points_back or of_figure):
        return own, "", False
    metric = before.slots.get("platform_metric")
    form = replace(own, platform_metric=str(metric), market_metric=None) if metric else own
    topic = metric or before.slots.get("market_metric")
    return form, str(topic).replace("_", " ") if topic and topic != "all" else "", of_figure


def names_a_figure(turn: Turn) -> bool:
    """Whether a turn named one figure a pointing "how much ...?" asks again: a platform metric ("what are
    proposals?"), the extras on top of pay ("do AI jobs pay bonuses?") or the top companies' pay."""
    return any(turn.slots.get(k) for k in ("platform_metric", "extra_comp", "companies"))


def side_by_side(
    text: str,
    own: Slots,
    kind: str,
    previous_kind: str,
    roles: tuple[str, ...],
    levels: tuple[str, ...],
    words: PlanVocabulary,
    years: list[int] | None = None,
    asked_gap: bool = False,
    cities: tuple[str, ...] = (),
) -> tuple[list[str], list[str], list[int], list[str]] | None:
    """(roles, levels, years, cities) of the two figures a choice between the two sets side by side ("which is
    higher?", "what's the difference between the two?"): the last two roles the conversation asked about, else,
    after two cities' figures ("NYC ML engineer pay", "and Seattle?"; `cities` holds the conversation's cities when
    the figure just given was a city's), those two cities, else, after two levels of one role ("data scientist entry
    salary", "and mid-career?"), those two levels, else the last two years asked; None when the part is no such
    choice or the conversation had no two figures to choose between."""
    if not (kind == "figure" or (kind == "comparison" and previous_kind == "figure")):
        return None
    # ... or "how much more is that?": a comparison pointing back at the figures just given, naming none of its own
    compares = own.compare or MORE.search(text) is not None
    # ... or "what's the difference?": a comparison asking nothing else chooses between the two figures just given
    # ... naming at most the two roles just asked ("how much more do the data scientists get?")
    new_roles = [r for r in own.roles if r not in roles[-2:]]
    pointing = (
        compares
        and (REFERS_BACK.search(text) is not None or only_compares(text, own))
        and not (new_roles or own.unknown_role or own.level or own.city)
    )
    if not (between_the_two(text, own, words) or pointing or asked_gap):  # asked_gap: a gap's form (followup_forms)
        return None
    if len(roles) >= 2:
        return list(roles[-2:]), [], [], []
    if len(cities) >= 2 and previous_kind == "figure" and not own.city:
        return [], [], [], list(cities[-2:])
    if len(levels) >= 2 and previous_kind == "figure" and not own.level:
        return [], list(levels[-2:]), [], []
    asked_years = list(dict.fromkeys(years or []))  # "which year had more?" after the 2024 and 2025 offers
    if len(asked_years) >= 2 and previous_kind == "figure" and not own.years:
        return [], [], sorted(asked_years[-2:]), []
    return None


def set_side_by_side(slots: Slots, pair: tuple[list[str], list[str], list[int], list[str]]) -> Slots:
    """The part's slots asking the two figures of `pair` (side_by_side) side by side."""
    roles, levels, years, cities = pair
    roles, years = roles or slots.roles, years or slots.years
    level, levels = (levels[-1], levels) if levels else (slots.level, slots.levels)
    city, cities = (cities[-1], cities) if cities else (slots.city, slots.cities)
    return replace(slots, compare=True, roles=roles, levels=levels, level=level, years=years, city=city, cities=cities)


# "which pays best ...?", "which one is highest?": "which" with no noun of its own picks among what was named
_BARE_WHICH = re.compile(
    r"^\W*(?:and\s+)?which(?:\s+(?:one|ones|of them|of those))?\s+(?:pays?|earns?|is|are|has|have|offers?)\b", re.I
)


def ranked_among_named(text: str, merged: Slots, before: Turn | None) -> str | None:
    """What a ranking ranks: its own dimension, else, for "which pays best for ML engineers?" after "what cities
    are the AI hotspots?", the things the turn before named (a bare "which" picks among them)."""
    if merged.rank and not (merged.rank_dimension or merged.city) and before and _BARE_WHICH.match(text):
        return rank_dimension(before.message.lower()) or merged.rank_dimension
    return merged.rank_dimension


_LEVEL_WORD = re.compile(r"\blevels?\b", re.IGNORECASE)


def span_pointed_at(own: Slots, text: str, before: Turn | None) -> Slots:
    """'how many years is that?' asks a level's year range only when "that" points at a level: after a
    question about becoming a data scientist, "how long does that take?" asks no level's span."""
    if not own.level_span or own.level or own.unknown_level or _LEVEL_WORD.search(text):
        return own
    if before is not None and before.slots.get("level"):
        return own
    return replace(own, level_span=False)


_ORDINAL = re.compile(r"\b(?:first|second|third|fourth|fifth|last|next)(?:\s+one)?\b", re.IGNORECASE)


def ranked_again(text: str, own: Slots, before: Turn | None, previous_kind: str) -> Slots | None:
    """'and what about the second one?' after "which city pays ML engineers the most?": the same ranking again
    (its answer names every item in order); None unless an ordinal points into the ranking just given."""
    if before is None or previous_kind != "figure" or not before.slots.get("rank") or names_something(own):
        return None
    if _ORDINAL.search(text) is None:
        return None
    rank, dimension = str(before.slots["rank"]), before.slots.get("rank_dimension")
    return replace(own, followup=True, rank=rank, rank_dimension=str(dimension) if dimension else None)


def sets_beside(text: str, own: Slots, before: Turn | None, previous_kind: str, vocabulary: Vocabulary) -> list[str]:
    """The roles of the figure the turn before gave, when this part sets a new role beside it ("is that more than
    a data scientist?", "how do they compare to an AI engineer at the same level?"); else nothing."""
    if before is None or previous_kind != "figure" or before.route != "statistics" or own.method:
        return []
    earlier = [r for r in roles_of(before.slots) if r in vocabulary.roles]
    new = [r for r in own.roles if r not in earlier]
    if len(own.roles) > 1 and not set(earlier) - set(own.roles):
        # "data scientist pay + how do data scientists differ from ML engineers": the part names both sides itself;
        # nothing is set beside the figure before, and its own words say what it compares.
        return []
    # "how do data scientists measure up?": nothing asked but the comparison points back as much as "that" does;
    # "is a data scientist paid more at that level?": a comparative word sets the new role beside as "than" would
    compares = own.compare or MORE.search(text) is not None
    if not (earlier and new and compares and (REFERS_BACK.search(text) or only_compares(text, own))):
        return []
    return earlier


def only_compares(text: str, own: Slots) -> bool:
    """'how do data scientists measure up?', 'how does New York stack up?': a comparison that names its new side
    (a role, a place, a level, a year) and asks nothing else: set beside the figure just given, it asks that figure
    of the new side too."""
    named = {own.unknown_role or "": "this job", own.unknown_place or "": "this city"}
    rest = re.sub(r"\b(?:this job|this city|this level|that year)\b", " ", generic_form(text, named))
    return bool(own.compare) and not set(terms(rest)) - _comparing_terms()


@lru_cache(maxsize=1)
def _comparing_terms() -> frozenset[str]:
    """The terms of the words that ask to set two things side by side ([words] compare_words) or how big a number is
    ([figures] asks_for_number: "how big is the jump?")."""
    number = [str(w) for w in section("figures").get("asks_for_number") or []]
    # ... and what the figures are of ("how much more do they get?"): pay's own verbs ask nothing new
    pay = [str(w) for w in section("words").get("salary_words") or []] + ["get", "gets"]
    return frozenset(t for w in [*COMPARE_WORDS, *number, *pay] for t in terms(w))
