"""What "they" / "them" stands for after a list of things the documents gave for a role ("which soft skills matter
for ML engineers?" then "why are they important?", "how do I learn them?"): the listed things, not the role. Before
this, the role was put in ("why are Machine Learning Engineer important?") and its career-path line came back; the
stored topic also carried the role's words, which pulled the same line. The words are data (stats/vocabulary.toml
[references] thing_predicates, [paths] cues)."""

from __future__ import annotations

import re
from functools import cache

from assistant.phrase_match import longest_first, phrase_pattern
from assistant.pointed_items import roles_of
from assistant.sessions import Turn
from assistant.understanding import Slots
from assistant.vocabulary_words import section, table

_SUBJECT = re.compile(r"\b(?:they|their|they're)\b", re.IGNORECASE)
_OBJECT = re.compile(r"\b(?:them|those|these)\b", re.IGNORECASE)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    never = re.compile(r"$^")
    things = [str(w) for w in section("references").get("thing_predicates") or []]
    paths = [str(w) for w in section("paths").get("cues") or []]
    thing = re.compile(rf"\b(?:{longest_first(things)})\b", re.IGNORECASE) if things else never
    path = re.compile(rf"\b(?:{longest_first(paths)})\b", re.IGNORECASE) if paths else never
    return thing, path


def points_at_listed_things(text: str, own: Slots, previous: Turn | None) -> bool:
    """Whether "they"/"them" in `text` stands for the things the last answer listed, not the role it was about."""
    if previous is None or previous.route not in ("documents", "both") or previous.slots.get("kind") != "list":
        return False
    if own.roles or own.unknown_role or not previous.slots.get("roles"):
        return False
    thing, path = _patterns()
    if _SUBJECT.search(text):
        return thing.search(text) is not None  # "why are they important?", not "what do they earn?"
    return _OBJECT.search(text) is not None and path.search(text) is None  # "how do I learn them?"


def without_roles(topic: str, roles: list[str]) -> str:
    """The topic with the names of `roles` taken out ("soft skills matter ML engineers Machine Learning Engineer" ->
    "soft skills matter"): the list's things are what is pointed at, the role only what they were for."""
    names = table("roles")
    for role in roles:
        for phrase in sorted({role.lower(), *names.get(role, ())}, key=len, reverse=True):
            topic = re.sub(phrase_pattern(phrase).pattern, " ", topic, flags=re.IGNORECASE)
    return " ".join(topic.split())


def roles_before(text: str, own: Slots, before: Turn | None) -> list[str]:
    """The roles a person pronoun of `text` may stand for: the turn before's, unless it was out of scope or "they"
    stands for the things it listed ("why are they important?" after the soft skills for ML engineers)."""
    if before is None or before.route == "out_of_scope" or points_at_listed_things(text, own, before):
        return []
    return roles_of(before.slots)
