"""A question that asks how to make pay higher ("what would help raise that?" after a salary, "how can a data
scientist increase their pay?", "what can I do to earn more than that?"). It names pay, or points at a pay figure,
but asks what to do: the documents' advice on raising pay answers it (Career Advancement, the factors of pay),
never the figure again. Before this, such questions were read as figures (the same salary came back) or, with
"that number", as how the figure is measured. The words are data (stats/vocabulary.toml [raising])."""

from __future__ import annotations

import re
from functools import cache

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import section, word_list


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    raw = section("raising")
    discourse = [str(w) for w in (section("yes_no").get("discourse") or [])]
    openings = [str(w).lower() for w in raw.get("openings") or []]
    verbs = [str(w).lower() for w in raw.get("verbs") or []]
    never = re.compile(r"$^")
    if not openings or not verbs:
        return never, never, never
    lead = rf"(?:(?:{longest_first(discourse)})\W+)*" if discourse else ""
    opening = re.compile(rf"^\W*{lead}(?:{longest_first(openings)})\b", re.IGNORECASE)
    verb = re.compile(rf"\b(?:{longest_first(verbs)})\b", re.IGNORECASE)
    pay = [w for w in word_list("salary_words") if " " not in w]
    # "how do salaries increase with experience?": pay as the verb's subject asks how it moves, not what to do
    subject = re.compile(rf"\b(?:{longest_first(pay)})\s+$", re.IGNORECASE) if pay else never
    return opening, verb, subject


def asks_to_raise_pay(text: str) -> bool:
    """'What would help raise that?', 'how could someone push that number up?': means of raising pay are asked.
    The caller checks that pay is named or pointed at, and that no number is asked."""
    opening, verb, subject = _patterns()
    start = opening.match(text)
    if start is None:
        return False
    found = verb.search(text, start.end())
    return found is not None and subject.search(text[: found.start()]) is None


@cache
def _pay_nouns() -> re.Pattern[str]:
    nouns = [str(w) for w in section("reasons").get("pay_nouns") or []]
    return re.compile(rf"\b(?:{longest_first(nouns)})\b", re.IGNORECASE) if nouns else re.compile(r"$^")


def raises_pointed_pay(text: str) -> bool:
    """A question asking how to raise pay that names no pay noun of its own: its "that" is the pay just given
    ("what can I do to earn more than that?"); "how do you push your earnings beyond that?" names the pay itself."""
    return asks_to_raise_pay(text) and _pay_nouns().search(text) is None


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


# The documents' words for raising pay (vocabulary.toml [raising] documents_words), searched with a raising question
RAISING_WORDS = " ".join(str(w) for w in section("raising").get("documents_words") or [])
