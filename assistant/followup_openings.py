"""How a follow-up message opens, read before it is planned: discourse markers ("no wait,", "ok,"), a clause that
only acknowledges the answer before ("alright then, ..."), a correction of the last question ("oops, experienced"),
and "same for ..." asking the last question again of something else. followups.py reads what the follow-up then
takes from the turn before it."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.kind_rules import elliptical
from assistant.phrase_match import longest_first
from assistant.sessions import Turn
from assistant.slot_reading import names_something
from assistant.understanding import FOLLOWUP_START, Vocabulary, understand
from assistant.vocabulary_words import section


@lru_cache(maxsize=1)
def discourse_opening() -> re.Pattern[str]:
    """Discourse markers opening a message ("no wait,", "oops", "sorry,"): [yes_no] discourse."""
    words = section("yes_no").get("discourse") or []
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    return re.compile(rf"^\W*(?:(?:{alternatives})\b[\s,.!:;-]*)+", re.IGNORECASE)


def without_acknowledgement(message: str, vocabulary: Vocabulary | None = None) -> str:
    """'ok, and a data scientist?', 'so what about AI researchers?': a follow-up without the discourse markers opening
    it, which change nothing it asks ([yes_no] discourse); the "and" that makes it elliptical stays ("and at entry
    level?"), and a message of markers only ("ok", "no") is left as it is. With the vocabulary, an acknowledging
    clause the markers do not list goes too (acknowledging_clause: "alright then, what about ...?")."""
    clause = acknowledging_clause(message, vocabulary) if vocabulary is not None else None
    if clause:  # "ok cool, and a data scientist?": the markers are part of the clause
        return message[clause.end() :]
    opening = discourse_opening().match(message)
    rest = message[opening.end() :] if opening else ""
    if not opening or not rest.strip():
        return message
    return f"and {rest}" if re.search(r"\band\b", opening.group(0), re.IGNORECASE) else rest


# A short clause set off by a comma, a dash or a stop before the rest of the message ("alright then, ...").
_OPENING_CLAUSE = re.compile(r"^\W*(?P<clause>[\w' ]{1,30}?)\s*(?:[,;:!.]|\s-+)\s*(?=\S)")
ACKNOWLEDGING_WORDS = 3  # an acknowledgement is a word or three ("alright", "ok cool", "got it thanks")


def acknowledging_clause(message: str, vocabulary: Vocabulary) -> re.Match[str] | None:
    """'alright, and an AI engineer?', 'ok cool, and a data scientist?', 'gotcha - what about Seattle?': a clause of a
    few words that names nothing and asks nothing, set off before a follow-up opening (FOLLOWUP_START), only
    acknowledges the answer before, whatever its words (the discourse markers cannot list every "cool", "nice",
    "perfect"). The match ends where the follow-up begins; None when the message opens otherwise ("in Seattle, what
    about AI engineers?" names a place; "why, and how?" asks)."""
    found = _OPENING_CLAUSE.match(message)
    if not found:
        return None
    clause, rest = found.group("clause"), message[found.end() :]
    if len(clause.split()) > ACKNOWLEDGING_WORDS or _ASKS.match(clause.strip()) or not FOLLOWUP_START.match(rest):
        return None
    own = understand(clause, vocabulary)
    if names_something(own) or own.unknown_level or own.unknown_place or own.doc_cue:
        return None
    return found


# A question word or auxiliary opening a clause: what follows the discourse markers is then a question of its own.
_ASKS = re.compile(
    r"(?:what|what's|whats|how|which|who|whom|whose|where|when|why|is|are|was|were|do|does|did|can|could|should|"
    r"would|will|has|have|tell|explain|give|list|show)\b"
    # ... or a statement about what was just said, asked back ("so that's 45 job openings?"): no correction
    r"|(?:that|this|it|those|these)(?:'s|’s|'re|\s+(?:is|are|was|were|means?))\b",
    re.IGNORECASE,
)


def corrected_fragment(message: str, previous: Turn | None, vocabulary: Vocabulary) -> str | None:
    """'no wait, AI engineers', 'oops, experienced', 'sorry - 2025' after a question: discourse markers and then
    only what the last question should have been about is a correction without "I meant": the last question asked
    again of what it names, read as "what about AI engineers?". None unless the rest, once the markers go, is an
    ellipsis that names something ("wait, why?" names nothing; "no, what do they do?" is a question of its own)."""
    again = same_question_of(message, previous)  # "same for robotics engineers?": no marker, the same reading
    if again:
        return again
    opening = discourse_opening().match(message)
    if previous is None or opening is None or FOLLOWUP_START.match(message):
        return None  # "and for robotics engineers?", "also, what about Seattle?" are follow-ups as they stand
    rest = message[opening.end() :].strip(" ?.!")
    if not rest or _ASKS.match(rest):
        return None  # "so what's the median in 2025?", "wait, is that yearly?": a question of its own
    own = understand(rest, vocabulary)
    named = names_something(own) or own.unknown_role or own.unknown_level or own.unknown_place
    return f"what about {rest}?" if named and elliptical(rest, own) else None


@lru_cache(maxsize=1)
def _same_question() -> re.Pattern[str]:
    words = [str(w) for w in section("references").get("same_question") or []]
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    return re.compile(rf"^\W*(?:{alternatives})\s+(?P<rest>\S.*)$", re.IGNORECASE)


def same_question_of(message: str, previous: Turn | None) -> str | None:
    """'same for robotics engineers?' after a data scientist's mid-career pay -> 'what about robotics engineers?':
    the last question asked again of what follows ([references] same_question); None without a turn before."""
    found = _same_question().match(message)
    return f"what about {found.group('rest')}" if found and previous is not None else None
