"""What the last answer said, for a follow-up that points back at it to ask something new of it ("how do I learn
those?", "how do you deal with that in practice?"): after a list, the list itself is no answer to the new question,
which the same words would otherwise find again ("how do I learn those" after a
skills list searches the skills and found that list). What was said is the stored turn's "told"
(assistant/answer_message.py), which every worker holding the session reads the same."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answer_roles import asks_remedy
from assistant.pointed_items import ITEM, instances_of
from assistant.sessions import Turn
from assistant.text_terms import SENTENCE_BREAK
from assistant.told_text import as_told
from assistant.vocabulary_words import section

if TYPE_CHECKING:
    from assistant.models import PartKind
    from assistant.passage_units import Unit
    from assistant.question_kinds import PlanVocabulary
    from assistant.retrieval import Passage


def points_back(text: str, kind: PartKind, words: PlanVocabulary) -> bool:
    """Whether a part refers back: a pronoun or a pair ("them", "those two"), or a demonstrative ending its clause
    ("how do I learn that?") unless a remedy is asked ("how can we avoid that?" after the data problems: the remedy
    reading keeps the pointer, which stands for the list of problems the remedies prevent, answer_documents.py)."""
    if words.pronoun.search(text) or words.pair.search(text):
        return True
    return words.demonstrative.search(text) is not None and not asks_remedy(text, kind)


def said_before(source: Turn | None, text: str, words: PlanVocabulary) -> str:
    """What the answer to `source` said, when it was a list and the follow-up `text` points back at it to ask
    something new of it ("how do I learn those?", "how do you deal with that?"): that list is no answer to the new
    question. "" when it does not point back (then it only goes on with the topic: "and
    unsupervised?") or the answer was no list."""
    pointer = words.pronoun.search(text) or words.pair.search(text) or words.demonstrative.search(text)
    if source is None or pointer is None or pointer.group(0).lower() in _item_pointers():
        return ""  # ... "how does it work?" after a list of examples asks of one item, which the list describes
    if ITEM.search(text) or instances_of(text, "them") is not None:
        return ""  # "the third one", "name a few of them": the list's own items are asked
    if source.slots.get("kind") != "list":
        # an explanation said may hold the answer to what is asked of it next ("where is it used?" after what RL
        # is: the sentence saying what reinforcement models inform), so only a list given is not given again
        return ""
    return str(source.slots.get("told") or "")


def units_said(units: Sequence[tuple[Unit, Passage]], said: str) -> bool:
    """Whether every one of `units` (a list about to be written) is in what was `said`."""
    if not said or not units:
        return False
    told_text = as_told(said)
    return all(_quoted(unit.text, told_text) for unit, _ in units)


def _quoted(text: str, told_text: str) -> bool:
    pieces = [s for line in text.splitlines() for s in SENTENCE_BREAK.split(line.strip(" -•\t"))]
    bare = [" ".join(s.lower().split()).rstrip(" .;:") for s in pieces]
    bare = [b for b in bare if b]
    return bool(bare) and all(b in told_text for b in bare)


@lru_cache(maxsize=1)
def _item_pointers() -> frozenset[str]:
    return frozenset(str(w).lower() for w in section("references").get("item_pointers") or [])
