"""What a follow-up does to the last question, read from the nearest labelled forms (stats/followup_forms.yaml)
rather than from its exact words: "switch that to robotics engineers" lies near "swap that for this job" once its
entities are masked, so it asks the last question again of what it names; "how far apart are they?" lies near
"what's the gap?", so it asks the difference of the two figures just given. A form far from every example, or
nearer the `other` forms, is read as its words say (the planner's rules)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from assistant.embeddings import embedded_texts
from assistant.pay_raising import asks_to_raise_pay
from assistant.phrase_match import phrase_pattern
from assistant.pointed_items import listed_item
from assistant.question_kinds import generic_form
from assistant.sessions import Turn
from assistant.settings import PROJECT_ROOT
from assistant.understanding import Slots, Vocabulary, understand

log = logging.getLogger(__name__)

FOLLOWUP_FORMS_PATH = PROJECT_ROOT / "stats" / "followup_forms.yaml"
# A form this near its nearest example is read as that example's group. Below it, the nearest example is as often
# of another group. (0.8: "switch that to this job" - "swap that for this job" 0.86; "what does this job earn
# then?" - "now do this job" 0.62.)
FORM_NEAR = 0.8
FORM_WORDS = 8  # a follow-up of at most this many words is compared with the labelled forms
# Below FORM_NEAR the groups vote: the nearest group's best form is read when it is at least FORM_VOTE alike and
# nearer by FORM_MARGIN than the nearest `other` form (a question of its own). "by how much does it go up?" lies
# 0.63 from a gap form and 0.50 from the nearest other one; "is that high?" 0.64 from a gap form but 0.58 from
# "is that a lot?": too close to call, so read as its words say.
# Only a message naming nothing votes, and only for the groups read whole: a message naming a role, a level or a
# place has a question of its own around it ("how does that compare with an AI engineer?" lies 0.75 from "now do
# this job"), which asking the last question again of what it names would drop.
FORM_VOTE = 0.6
FORM_MARGIN = 0.15
OTHER = "other"
AGAIN_OF, GAP, MORE, EXAMPLE = "again_of", "gap", "more", "example"
VOTING = frozenset({GAP, MORE, EXAMPLE})
MORE_REQUEST = "tell me more"  # how a request for more of the topic is read (followups.asked_of_topic)
EXAMPLE_REQUEST = "give me an example"  # how a request for an instance of the topic is read


@dataclass(frozen=True)
class FollowupForms:
    labels: tuple[str, ...]
    matrix: np.ndarray | None
    texts: tuple[str, ...] = ()  # the forms as written (the unanswered examples' answered side reads them too)

    @classmethod
    def none(cls) -> FollowupForms:
        return cls((), None)

    @classmethod
    def load(
        cls, embeddings: Embeddings, path: Path = FOLLOWUP_FORMS_PATH, cache_dir: Path | None = None
    ) -> FollowupForms:
        """The labelled forms of `path`, embedded (none when it is missing or unreadable: the rules alone then)."""
        if not path.exists():
            return cls.none()
        try:
            groups = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("forms") or {}
        except yaml.YAMLError as exc:
            log.warning("follow-up forms %s unreadable, not used: %s", path, exc)
            return cls.none()
        pairs = [(str(label), str(text)) for label, texts in groups.items() for text in texts or []]
        if not pairs:
            return cls.none()
        labels, texts = zip(*pairs, strict=True)
        masked = [generic_form(t) for t in texts]
        return cls(tuple(labels), embedded_texts(masked, embeddings, cache_dir, "followup"), tuple(texts))

    def form_of(self, generic_vector: list[float] | np.ndarray, votes: bool = True) -> str | None:
        """The group of the nearest labelled form when it is at least FORM_NEAR alike (the message's masked vector,
        as the planner embedded it); else, for a message that `votes` (names nothing), the group the vote gives
        (nearest_groups); else None."""
        if self.matrix is None:
            return None
        sims = self.matrix @ np.asarray(generic_vector, dtype=np.float32)
        best = int(np.argmax(sims))
        if float(sims[best]) >= FORM_NEAR:
            return self.labels[best]
        nearest = self.nearest_groups(sims)
        if not votes or not nearest or nearest[0][0] not in VOTING:
            return None
        label, score = nearest[0]
        other = dict(nearest).get(OTHER, 0.0)
        return label if score >= FORM_VOTE and score - other >= FORM_MARGIN else None

    def read(
        self, message: str, vocabulary: Vocabulary, previous: Turn | None, embed: Callable[[str], list[float]]
    ) -> tuple[str, str | None]:
        """The message as its form reads it after `previous`, and the form's group (None: none, or no turn before):
        "switch that to robotics engineers" is the last question asked of what it names ("what about Robotics
        Engineer?"); "go on" after an explanation is "tell me more", "like what?" is "give me an example". A message
        of more than FORM_WORDS words asks something of its own."""
        if previous is None or len(message.split()) > FORM_WORDS or asks_to_raise_pay(message):
            return message, None  # "what would help raise that?" asks what to do, never the figure again or a gap
        if previous.slots.get("items") and listed_item(message, understand(message, vocabulary), previous, embed):
            # "expand on the third one" after a list of headings: more of that item (planning puts it in), not
            # more of the whole topic the list answered
            return message, None
        shape = self.form_of(embed(masked_form(message, vocabulary)), votes=names_nothing(message, vocabulary))
        if shape == AGAIN_OF:
            return named_again(understand(message, vocabulary)) or message, shape
        if shape in (MORE, EXAMPLE) and previous.route in ("documents", "both"):
            return (MORE_REQUEST if shape == MORE else EXAMPLE_REQUEST), shape
        return message, shape

    def nearest_groups(self, sims: np.ndarray) -> list[tuple[str, float]]:
        """Each group with the likeness of its nearest form, nearest first."""
        best: dict[str, float] = {}
        for label, sim in zip(self.labels, sims.tolist(), strict=True):
            best[label] = max(best.get(label, -1.0), float(sim))
        return sorted(best.items(), key=lambda item: -item[1])


# The request a `more` form is read as, said as such, of the topic just answered ("tell me more", "tell me more
# about that"): read by its words (it is also an `other` form: the rewrite's own words vote for no group).
_MORE_ITSELF = re.compile(rf"^\W*{MORE_REQUEST}(?:\s+(?:about|on)\s+(?:that|it|this|them|those))?\W*$", re.IGNORECASE)


def asks_more(message: str, shape: str | None) -> bool:
    """Whether a follow-up asks for more of the topic just answered: a `more` form ("go on", "keep going"), or the
    request they are read as ("tell me more")."""
    return shape == MORE or _MORE_ITSELF.match(message) is not None


def masked_form(text: str, vocabulary: Vocabulary) -> str:
    """The message as the forms are written: generic_form's masks, and a level named as "this level"."""
    masked = generic_form(text)
    for phrases in vocabulary.levels.values():
        for phrase in sorted(phrases, key=len, reverse=True):
            masked = phrase_pattern(phrase).sub("this level", masked)
    return masked


def names_nothing(text: str, vocabulary: Vocabulary) -> bool:
    """Whether the message names no role, place, figure, level or year (its masked form is its own words)."""
    return masked_form(text, vocabulary) == " ".join(text.lower().split())


def named_again(own: Slots) -> str | None:
    """'what about X?' for what a message names (a role, a place, a level, a year), the last question to be asked
    again of it; None when it names none of them."""
    role = (own.roles[:1] or [own.unknown_role or ""])[0]
    place = own.city or own.unknown_place
    words = [
        role,
        f"in {place}" if place else "",
        f"at {own.level}" if own.level and own.level != "Average" else "",
        f"in {own.years[0]}" if own.years else "",
    ]
    named = " ".join(w for w in words if w)
    return f"what about {named}?" if named else None
