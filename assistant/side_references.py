"""A request asked of two things named earlier in the same message: "supervised vs unsupervised learning, and give
an example of each", "overfitting vs underfitting - what's the difference and how do I avoid both", "regression and
classification models - name an algorithm for either". "each", "both", "either" ([references] side_references)
stand for the two sides, so the request is asked of each side in a part of its own (one search cannot find an
example of supervised learning AND one of unsupervised learning); a request that sets the two side by side ("which
of the two is better?") is asked once, of both named. Across turns the follow-up readers do this (followups.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.passage_units import comparison_sides
from assistant.phrase_match import longest_first
from assistant.text_terms import STOPWORDS, terms
from assistant.vocabulary_words import section

_WORDS = [str(w) for w in section("references").get("side_references") or []]
_REFERENCE = re.compile(rf"(?<![\w'-])(?:{longest_first(_WORDS) or '(?!)'})(?![\w'-])", re.IGNORECASE)
# A request about the two together: asked once, of both ("how do the two differ?", "which of the two pays more?")
_SIDE_BY_SIDE = re.compile(
    r"\b(?:between|differ\w*|compar\w*|vs\.?|versus|better|worse|which|common|similar\w*|same|relat\w*)\b",
    re.IGNORECASE,
)
# The words that open a question before what it is about ("what do ... do", "explain ...", "tell me about ...")
_OPENING = re.compile(
    r"^\W*(?:(?:please|pls|plz)\s+)?(?:(?:tell\s+me\s+about|explain|describe|define|compare)\s+"
    r"|(?:what|how|why|which|who|where|when)(?:'s|s)?\s+(?:(?:is|are|do|does|did|can|should|would)\s+)?)?"
    r"(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
_JOINED = re.compile(r"\s+(?:and|&|or|vs\.?|versus)\s+", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[:;–—]\s+|\s+--?\s+|,\s+")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]s?")  # "ML", "GANs": no noun of the other side is shared with it
_SIDE_WORDS = 4  # words a side may have: a term, not a clause


def asked_of_each(parts: list[str], asks: Callable[[str], str | bool]) -> list[str]:
    """Each part that refers to two sides ("give an example of each") asked of each side, the sides named in the
    part before its question ("A vs B, an example of each") or in an earlier part of the message that is no
    figure's request ("what's the pay of A and B"'s "both" is the roles', which the planner resolves)."""
    out: list[str] = []
    for i, part in enumerate(parts):
        out.extend(_of_each(part, parts[:i], asks) or [part])
    return out


def _of_each(part: str, earlier: list[str], asks: Callable[[str], str | bool]) -> list[str]:
    reference = _reference_in(part)
    if reference is None:
        return []
    question, sides, kept = part, None, []
    boundaries = list(_SEPARATOR.finditer(part[: reference.start()]))
    if boundaries:  # "A vs B - name an algorithm for either": the sides before the question
        first, last = boundaries[0], boundaries[-1]
        sides = sides_of(part[: first.start()])
        if sides is not None:
            question = part[last.end() :]
            # "A vs B, whats the difference, and how do I prevent both": what is asked between them stays asked
            kept = [part[: last.start()]] if terms(part[first.end() : last.start()]) else []
    for before in reversed(earlier):
        if sides is not None:
            break
        if asks(before) != "statistics":
            sides = sides_of(before)
    if sides is None:
        sides = _two_asked_before(earlier, asks)
    if sides is None:
        return []
    found = _reference_in(question)
    if found is None:
        return []
    head, tail = question[: found.start()], question[found.end() :]
    if _SIDE_BY_SIDE.search(question):
        return [*kept, f"{head}{sides[0]} and {sides[1]}{tail}"]  # "which of the two is better?": both at once
    return [*kept, *(f"{head}{side}{tail}" for side in sides)]


def _two_asked_before(earlier: list[str], asks: Callable[[str], str | bool]) -> tuple[str, str] | None:
    """The topics of the two parts just before, each asked of one thing ("what are GANs and VAEs and which of the
    two is better": "what are GANs", "what are VAEs"; "what do ML engineers do, what do data scientists do, and how
    do the two differ"), neither a figure's request."""
    if len(earlier) < 2 or any(asks(p) == "statistics" for p in earlier[-2:]):
        return None
    topics = []
    for part in earlier[-2:]:
        words = _topic_words(part)
        topic = " ".join(words)
        if not (0 < len(words) <= _SIDE_WORDS and terms(topic)) or _JOINED.search(topic) or _SEPARATOR.search(topic):
            return None
        topics.append(topic)
    return topics[0], topics[1]


def _reference_in(text: str) -> re.Match[str] | None:
    """The last word standing for the two sides; a one-word one only where no noun of its own follows ("both
    years", "each candidate" name their own; "each of them", "each one", "each used" do not)."""
    found = None
    for match in _REFERENCE.finditer(text):
        if " " not in match.group(0):
            after = re.match(r"\s*([\w'-]+)", text[match.end() :])
            word = after.group(1).lower() if after is not None else ""
            if word and word not in STOPWORDS and not (len(word) >= 4 and word.endswith("ed")):
                continue  # "where is each used": a participle after it, no noun
        found = match
    return found


def sides_of(text: str) -> tuple[str, str] | None:
    """The two things a phrase names: compared ("A vs B", "difference between A and B") or joined ("A and B
    models"); a noun both share goes with each ("supervised vs unsupervised learning": supervised learning)."""
    sides = comparison_sides(text)
    if sides is None:
        halves = _JOINED.split(" ".join(_topic_words(text)))
        if len(halves) != 2:
            return None
        sides = (halves[0], halves[1])
    left, right = (s.strip(" ,;:-") for s in sides)
    if not all(0 < len(s.split()) <= _SIDE_WORDS and terms(s) for s in (left, right)):
        return None
    if len(left.split()) == 1 and len(right.split()) > 1 and not _ACRONYM.fullmatch(left):
        left = f"{left} {right.split()[-1]}"  # the noun both share
    return left, right


def _topic_words(text: str) -> list[str]:
    """The words a question is about: its opening ("what do", "explain") and closing stopwords aside ("what do A
    and B models do": the verb's auxiliary)."""
    words = _OPENING.sub("", text.strip().rstrip("?.! "), count=1).split()
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    return words
