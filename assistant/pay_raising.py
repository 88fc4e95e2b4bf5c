"""A question that asks how to raise pay ("what would help raise that?" after a salary, "how can a data scientist
increase their pay?", "as a data scientist, any tips to boost my pay?", "I want to make more money, what should I
focus on?"). It names pay, or points at a pay figure, but asks what to do: the documents' advice on raising pay
answers it (Career Advancement, the factors of pay), never the figure again. Before this, such questions were read as
figures (the same salary came back), as how the figure is measured, or refused as negotiation.

One reading: a how-to opening (the [how_to] list, the planner's too) at the start of the question or of a clause
after the asker's context, then a verb of raising; or a question word whose own verb raises pay ("which skills push
pay up?"); or the goal said first ("I want to earn more, ..."). Negotiation words keep a question out of it. The size
of a raise ("the typical yearly raise at Apple") is a figure no source gives. The words are data
(stats/vocabulary.toml [raising], [how_to])."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import section, word_list

if TYPE_CHECKING:
    from assistant.answer_documents import DocumentAnswerer
    from assistant.draft import Draft, DraftMark
    from assistant.understanding import Slots


# A "what"/"which" asks for the means when the raising verb is its own ("which skills push pay up?", "what could a
# data scientist do to earn more?"): at most this many words between them; further on, the verb belongs to something
# else ("which of the cities saw the biggest yearly increase in total offers?").
ASKS_WHAT_GAP = 6
# Where an opening may stand: the question's start, or a clause's after the asker's context ("as a data scientist,
# any tips to boost my pay?", "i work in seattle - how could i get paid more?").
_CLAUSE_START = r"(?:^|[,;:.!?]|\s[-\u2013\u2014]+\s)\W*"


@dataclass(frozen=True)
class _Reading:
    means: re.Pattern[str]  # a how-to opening, the verb anywhere after it
    asks_what: re.Pattern[str]  # "what"/"which" with the verb close after it
    verb: re.Pattern[str]
    subject: re.Pattern[str]  # pay just before the verb: how pay moves is asked ("how do salaries increase?")
    talks: re.Pattern[str]  # pay got by talking to an employer: negotiation, not what raises pay
    wanted: re.Pattern[str]  # the goal said first ("I want to earn more, ..."), a how-to opening after it


@cache
def _reading() -> _Reading:
    raw = section("raising")
    discourse = [str(w) for w in (section("yes_no").get("discourse") or [])]
    # The one list of openings that ask how to do something ([how_to], read by the planner's asks_how_to too)
    openings = [str(w).lower() for w in section("how_to").get("openings") or []]
    asks_what = [str(w).lower() for w in raw.get("asks_what") or []]
    verbs = [str(w).lower() for w in raw.get("verbs") or []]
    never = re.compile(r"$^")
    if not openings or not verbs:
        return _Reading(never, never, never, never, never, never)
    lead = rf"(?:(?:{longest_first(discourse)})\W+)*" if discourse else ""
    verb_words = rf"(?:{longest_first(verbs)})"
    means = re.compile(rf"{_CLAUSE_START}{lead}(?:{longest_first(openings)})\b", re.IGNORECASE)
    what = (
        re.compile(
            rf"{_CLAUSE_START}{lead}(?:{longest_first(asks_what)})\b(?:\W+[\w'-]+){{0,{ASKS_WHAT_GAP}}}?\W+(?P<verb>{verb_words})\b",
            re.IGNORECASE,
        )
        if asks_what
        else never
    )
    verb = re.compile(rf"\b{verb_words}\b", re.IGNORECASE)
    pay = [w for w in word_list("salary_words") if " " not in w]
    subject = re.compile(rf"\b(?:{longest_first(pay)})\s+$", re.IGNORECASE) if pay else never
    talks = [str(w) for w in raw.get("talks") or []]
    talk = re.compile(rf"\b(?:{longest_first(talks)})\b", re.IGNORECASE) if talks else never
    wants = [str(w) for w in raw.get("wants") or []]
    wanted = re.compile(rf"(?:{longest_first(wants)})\s+{verb_words}\b", re.IGNORECASE) if wants else never
    return _Reading(means, what, verb, subject, talk, wanted)


def asks_to_raise_pay(text: str) -> bool:
    """'What would help raise that?', 'how could someone push that number up?', 'any tips to boost my pay?': means of
    raising pay are asked. The caller checks that pay is named or pointed at, and that no number is asked."""
    reading = _reading()
    if reading.talks.search(text):
        return False  # "how do I negotiate a higher salary?": asked of an employer, in words the documents never give
    # "the average yearly raise", "what percent raise": the noun, not a verb of raising
    nouns = [m.span() for m in _listed("raising", "raise_nouns").finditer(text)]

    def raising_verb(start: int, end: int) -> bool:
        noun = any(a <= start and end <= b for a, b in nouns)
        return not noun and reading.subject.search(text[:start]) is None

    goal = reading.wanted.search(text)
    for opening in reading.means.finditer(text):
        if goal is not None and goal.end() <= opening.start():
            return True  # "I want to make more money as an AI engineer, what should I focus on?"
        found = reading.verb.search(text, opening.end())
        if found is not None and raising_verb(*found.span()):
            return True
        if any(a >= opening.end() for a, _ in nouns):
            return True  # "how do I land a raise?": a raise as what the means are for
    return any(raising_verb(*a.span("verb")) for a in reading.asks_what.finditer(text))


@cache
def _listed(part: str, key: str) -> re.Pattern[str]:
    """The words of a vocabulary list (stats/vocabulary.toml [part] key) as whole words; none matches nothing."""
    words = [str(w) for w in section(part).get(key) or []]
    return re.compile(rf"\b(?:{longest_first(words)})\b", re.IGNORECASE) if words else re.compile(r"$^")


def names_a_raise(text: str) -> bool:
    """'How do I get a raise as an AI researcher?': a raise is pay named, as a pay word is."""
    return _listed("raising", "raise_nouns").search(text) is not None


@cache
def _size_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = section("raising")
    size = [str(w) for w in raw.get("size_words") or []]
    raised = [str(w) for w in raw.get("raise_words") or []]
    never = re.compile(r"$^")
    if not size or not raised:
        return never, never
    return (
        re.compile(rf"(?<!\w)(?:{longest_first(size)})(?!\w)", re.IGNORECASE),
        re.compile(rf"\b(?:{longest_first(raised)})\b", re.IGNORECASE),
    )


def asks_raise_size(text: str, s: Slots) -> bool:
    """'How much of a raise do Google ML engineers get each year?', 'what's the typical yearly raise for data
    scientists?': the size of a raise is asked, a figure no table holds (they key pay by role, level, city and year;
    a rise between two of those, "the raise from entry to mid-career", is their difference and stays theirs)."""
    if s.level not in (None, "Average") or s.levels or s.years or s.city or s.cities or s.platform_metric:
        return False
    if asks_to_raise_pay(text):
        return False
    size, raised = _size_words()
    return raised.search(text) is not None and size.search(text) is not None


def names_pay(text: str) -> bool:
    """A pay noun in the text ("how can they boost the salary?", as a follow-up's query says "it")."""
    return _listed("reasons", "pay_nouns").search(text) is not None


def raises_pointed_pay(text: str) -> bool:
    """A question asking how to raise pay that names no pay noun of its own: its "that" is the pay just given
    ("what can I do to earn more than that?"); "how do you push your earnings beyond that?" names the pay itself."""
    return asks_to_raise_pay(text) and not names_pay(text)


@cache
def _roles() -> re.Pattern[str]:
    from assistant.understanding import ROLE_SYNONYMS  # the tables' role names and their synonyms (data)

    names = sorted({p for ps in ROLE_SYNONYMS.values() for p in ps}, key=len, reverse=True)
    plural = rf"(?:{'|'.join(re.escape(n) for n in names)})s?" if names else r"$^"
    return re.compile(rf"\b(?:(?:an?|the)\s+)?{plural}\b", re.IGNORECASE)


def role_unnamed(text: str) -> str:
    """A raising question's search words with its role said as "someone" ("how can a data scientist raise their
    salary?" -> "how can someone raise their salary?"): the role says who asks, and searched, its name finds the
    role's salary section before the advice on raising pay that answers it."""
    return _roles().sub("someone", text)


def raising_search(query: str) -> str:
    """The documents query of a part asking how to raise pay: its own words, its role said as "someone", and what
    raising pay is generally called (stats/vocabulary.toml [raising] search_hint). Its own words alone ("any advice
    on getting paid more?", "ways to up my income") found advice on other things (best practices, a portfolio)."""
    hint = str(section("raising").get("search_hint") or "")
    unnamed = role_unnamed(query)
    return f"{unnamed} ({hint})" if hint else unnamed


def with_pay_factors(answerer: DocumentAnswerer, draft: Draft, mark: DraftMark) -> None:
    """After the advice on raising pay, what the documents list as influencing pay ([reasons] pay_factors_query),
    unless the advice already cited it: "which skills push pay up?" is answered by a factor (specialized skills),
    "how can I earn more?" by the advice; each needs the other beside it, and no one wording tells which leads."""
    factors = str(section("reasons").get("pay_factors_query") or "")
    if not factors:
        return
    cited = {c.section for c in draft.citations[mark.citations :]}
    before = draft.mark()
    if not answerer.answer(factors, "list", draft) or {c.section for c in draft.citations[before.citations :]} <= cited:
        draft.rollback(before)
