"""What a follow-up points at in what was said: an item of the last answer's list, by its place ("the third
one") or its own words ("the bias one", "the deployment part"); a few of a kind of thing ("name a few of them":
its examples); a role by its place among those the conversation asked about ("the first one", "the other one").
followups.py and planning.py put these in place of the pointer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from assistant.described_item import described_item
from assistant.phrase_match import longest_first
from assistant.sessions import Turn
from assistant.slot_reading import names_something
from assistant.text_terms import terms
from assistant.understanding import Slots
from assistant.vocabulary_words import section


def _item_pattern() -> re.Pattern[str]:
    """'the product manager one', 'the ethics ones', 'the deployment part', 'the NLP bit': an item of the list (or a
    part of the topic) just given, named by its own words and then a word that only says "a piece of what you
    said" (vocabulary [references] item_nouns)."""
    nouns = [str(n) for n in section("references").get("item_nouns") or ["one", "ones"]]
    alternatives = longest_first(nouns)
    return re.compile(rf"\b(the\s+(?:[\w'/+#-]+\s+){{0,3}}[\w'/+#-]+)\s+(?:{alternatives})\b", re.IGNORECASE)


ITEM = _item_pattern()
HEAD_TOPIC_WORDS = 3  # a topic of at most this many content words is a noun phrase: its last word is its head


def item_words(text: str, noun: str = "") -> str:
    """'tell me more about the product manager one' -> '... the product manager': the item's own words are
    searched ("one", "part" are no word of it). "one(s)" stands for a noun said before: with the topic's head noun
    given ("models" after "what are generative models?"), "the discriminative ones" is "the discriminative models"
    (alone, "discriminative" found the sentence naming both kinds)."""
    found = ITEM.search(text)
    if found is None:
        return text
    said = found.group(0)[len(found.group(1)) :].strip().lower()
    head = f" {noun}" if noun and said in ("one", "ones") else ""
    return f"{text[: found.start()]}{found.group(1)}{head}{text[found.end() :]}"


def head_noun(topic: str) -> str:
    """The noun a short topic ends with ("generative models" -> "models"), which "the X ones" stands for; none for
    a longer topic (a whole question's words end with anything: "challenges in AI work")."""
    words = topic.split()
    return words[-1] if 1 < len(words) <= HEAD_TOPIC_WORDS else ""


@lru_cache(maxsize=1)
def _instances() -> re.Pattern[str]:
    """'a few of them', 'some of those': [references] instance_quantifiers before 'of' and a pronoun."""
    words = [str(w) for w in section("references").get("instance_quantifiers") or []]
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    return re.compile(rf"\b({alternatives})\s+of\s+(?:them|those|these)\b", re.IGNORECASE)


def instances_of(query: str, topic: str) -> str | None:
    """'name a few of them' after "classification models - what are they?" -> 'name a few examples of
    classification models': a few of a kind of thing are its instances, which the documents write as its examples
    (with the topic put in for "them", the definition answered again). None without such a quantifier."""
    found = _instances().search(query)
    if found is None or not topic:
        return None
    return f"{query[: found.start()]}{found.group(1)} examples of {topic}{query[found.end() :]}"


def roles_of(slots: dict[str, Any]) -> list[str]:
    """The roles a turn or part named: the tables' roles, else a title the tables lack."""
    roles = [str(r) for r in slots.get("roles") or []]
    unknown = slots.get("unknown_role")
    return roles or ([str(unknown)] if unknown else [])


def roles_for_kind(form: Slots, resolved_roles: list[str], earlier_roles: list[str], own: Slots) -> Slots:
    """The part's own reading with the role it is about, for the kind rules: the role its pronoun stands for
    ("..., and what's their average pay?"), or, for a pay request naming none, the role the part before in the
    message named ("what does a data scientist do, what's the average pay?": that role's figure, not a
    definition of pay). `earlier_roles` is empty for a message's first part."""
    carried = resolved_roles or (earlier_roles if own.salary else [])
    return replace(form, roles=carried) if carried and not form.roles else form


def names_a_dimension(own: Slots) -> bool:
    """The part names a place, a year or a level of its own: "what's it in canada?" asks the figure before there."""
    return bool(own.city or own.cities or own.unknown_place or own.years or own.level or own.unknown_level)


# A bullet of an answer: "- Label: text [3]" (the label, else the text, without its citation markers)
_BULLET = re.compile(r"^- (.+?)(?:\s*\[\d+\])*\s*$", re.MULTILINE)
LISTED_ITEMS = 12  # at most this many items of an answer are kept with its turn
_ITEM_CHARS = 100
_POSITION = {
    "first": 0,
    "second": 1,
    "third": 2,
    "fourth": 3,
    "fifth": 4,
    "sixth": 5,
    "seventh": 6,
    "last": -1,
    "final": -1,
}
_POSITION |= {"1st": 0, "2nd": 1, "3rd": 2, "4th": 3, "5th": 4, "6th": 5, "7th": 6}  # as people type them
_MIDDLE = "middle"  # the middle one of an odd number of items
# "number two" as people say it: the count words up to LISTED_ITEMS
_COUNTED = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
# "the second to last one", "the penultimate", "the last but one": the item before the last
_BEFORE_LAST = r"(?:second|next)[\s-]+(?:to|from)[\s-]+(?:the\s+)?last|penultimate|last\s+but\s+one"
# "the third one", "the second item", "the last point", "number 2", "number two": a place in the list just given
_PLACE = re.compile(
    rf"\b(?:the\s+)?({_BEFORE_LAST}|first|second|third|fourth|fifth|sixth|seventh|last|final|middle|1st|2nd|3rd|[4-7]th)"
    r"(?:\s+(?:one|item|point|bullet|option)\b|(?=\s*(?:[?.!,;]|$|(?:about|then|please|pls|again)\b)))|"
    rf"\b(?:number|no\.|#)\s*(\d{{1,2}}|{'|'.join(_COUNTED)})\b",  # "number 10": a list keeps up to LISTED_ITEMS
    re.IGNORECASE,
)


# "the first one", "the latter", "the other one": one of the roles asked one after the other
_ROLE_PLACE = re.compile(
    r"\b(?:the\s+)?(first|second|last|other)(?:\s+(?:one|role|job)\b|(?=\s*(?:[?.!,;]|$)))", re.IGNORECASE
)
_ROLE_INDEX = {"first": 0, "second": 1, "last": -1}


def role_by_place(text: str, own: Slots, before: Turn | None, roles_asked: tuple[str, ...]) -> str | None:
    """'what about the first one at late career?' after an AI engineer's pay, then a data scientist's: the role of
    the conversation the place names (first, second, last; "the other one" is the one the last turn was not
    about). None unless two roles or more were asked, the last turn gave no list to point into and the part names
    no role of its own."""
    if before is None or len(roles_asked) < 2 or before.slots.get("items") or own.roles or own.unknown_role:
        return None
    found = _ROLE_PLACE.search(text)
    if found is None:
        return None
    place = found.group(1).lower()
    if place == "other":
        last = roles_of(before.slots)
        others = [r for r in roles_asked if r not in last]
        role = others[-1] if others else None
    else:
        index = _ROLE_INDEX[place]
        role = roles_asked[index] if -len(roles_asked) <= index < len(roles_asked) else None
    return role


def listed_items(answer: str) -> list[str]:
    """The items of a list an answer gave ("- Coding and Engineering [3]" -> "Coding and Engineering"; "- Soft
    Skills: Effective communication ... [1]" -> "Soft Skills"), kept with its turn so that "the third one" or "the
    bias one" can name one of them."""
    items = []
    for found in _BULLET.finditer(answer):
        label = found.group(1).split(": ", 1)[0].strip()
        items.append(label[:_ITEM_CHARS])
    return items[:LISTED_ITEMS] or enumerated_items(answer)


# "... into three classes: supervised learning, unsupervised learning, and reinforcement learning. [1]": a list
# written in a sentence, after a colon, its last item joined by "and"/"or"
_ENUMERATION = re.compile(r":\s+([^:.;\[\]]+?,[^:.;\[\]]+?)\s*[.;]", re.IGNORECASE)
_ENUMERATION_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)
_ENUMERATED_WORDS = 5  # an item longer than this is a clause, not a thing listed
# a piece opened by one of these is a clause ("the figures, which vary, are yearly"), not a thing listed
_CLAUSE_OPENERS = frozenset({"which", "who", "that", "are", "is", "was", "were", "be", "it", "they", "this", "these"})


def enumerated_items(answer: str) -> list[str]:
    """The things an answer listed in one sentence ("three classes: supervised learning, unsupervised learning,
    and reinforcement learning"), so that "how does the last one differ from the first one?" names two of them;
    none when the answer wrote no such list (or its pieces are clauses, not things)."""
    for found in _ENUMERATION.finditer(answer):
        listed = found.group(1)
        if not re.search(r"\b(?:and|or)\b", listed, re.IGNORECASE):
            continue
        items = [i.strip() for i in _ENUMERATION_SPLIT.split(listed) if i.strip()]
        things = all(len(i.split()) <= _ENUMERATED_WORDS and i.split()[0].lower() not in _CLAUSE_OPENERS for i in items)
        if len(items) >= 3 and things:
            return items[:LISTED_ITEMS]
    return []


def _place_index(word: str) -> int:
    """The index a place word names: "the second to last" is -2, else the word's own place."""
    return _POSITION.get(word, -2)


def _counted(number: str) -> int:
    """The index "number 3" / "number three" names (-1 for "number 0", which names none)."""
    return _COUNTED[number.lower()] if number.lower() in _COUNTED else int(number) - 1


def listed_item(
    text: str, own: Slots, before: Turn | None, embed: Callable[[str], list[float]] | None = None
) -> str | None:
    """The follow-up as asked of one item of the list the last answer gave, named by its place ("tell me about the
    third one" -> "tell me about Coding and Engineering") or by its own words ("more on the bias one please" ->
    "more on Ethical Considerations and Bias please"); None when the turn before gave no list or nothing points
    into it."""
    items = [str(i) for i in (before.slots.get("items") or [])] if before is not None else []
    if not items or names_something(own):
        return None
    places = list(_PLACE.finditer(text))
    if places:
        # "how does the last one differ from the first one?": every place named is put in
        for place in reversed(places):
            word = (place.group(1) or "").lower()
            if word == _MIDDLE and len(items) % 2 == 0:
                return None  # no middle one of an even number
            index = (len(items) // 2 if word == _MIDDLE else _place_index(word)) if word else _counted(place.group(2))
            counted = word or index >= 0  # "number 0" names no item (index -1 would be the last)
            found = items[index] if counted and -len(items) <= index < len(items) else None
            if found is None:
                return None
            text = f"{text[: place.start()]}{found}{text[place.end() :]}"
        return text
    named = ITEM.search(text)
    words = set(terms(named.group(1))) if named else set()
    matching = [i for i in items if words & set(terms(i))]
    if named and len(matching) == 1:
        return text.replace(named.group(0), matching[0])
    # "the one about people working alongside AI": the item whose label lies nearest what it is said to be about
    return described_item(text, items, embed) if embed is not None else None
