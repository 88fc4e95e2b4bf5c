"""What a follow-up does to the last question, read from the nearest labelled forms (stats/followup_forms.yaml)
rather than from its exact words: "switch that to robotics engineers" lies near "swap that for this job" once its
entities are masked, so it asks the last question again of what it names; "how far apart are they?" lies near
"what's the gap?", so it asks the difference of the two figures just given. A form far from every example, or
nearer the `other` forms, is read as its words say (the planner's rules)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from assistant.embeddings import embedded_texts
from assistant.phrase_match import phrase_pattern
from assistant.question_kinds import generic_form
from assistant.settings import PROJECT_ROOT
from assistant.understanding import Slots, Vocabulary

log = logging.getLogger(__name__)

FOLLOWUP_FORMS_PATH = PROJECT_ROOT / "stats" / "followup_forms.yaml"
# A form this near its nearest example is read as that example's group. Below it, the nearest example is as often
# of another group. (0.8: "switch that to this job" - "swap that for this job" 0.86; "what does this job earn
# then?" - "now do this job" 0.62.)
FORM_NEAR = 0.8
AGAIN_OF, GAP = "again_of", "gap"


@dataclass(frozen=True)
class FollowupForms:
    labels: tuple[str, ...]
    matrix: np.ndarray | None

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
        return cls(tuple(labels), embedded_texts([generic_form(t) for t in texts], embeddings, cache_dir, "followup"))

    def form_of(self, generic_vector: list[float] | np.ndarray) -> str | None:
        """The group of the nearest labelled form when it is at least FORM_NEAR alike (the message's masked vector,
        as the planner embedded it), else None."""
        if self.matrix is None:
            return None
        sims = self.matrix @ np.asarray(generic_vector, dtype=np.float32)
        best = int(np.argmax(sims))
        return self.labels[best] if float(sims[best]) >= FORM_NEAR else None


def masked_form(text: str, vocabulary: Vocabulary) -> str:
    """The message as the forms are written: generic_form's masks, and a level named as "this level"."""
    masked = generic_form(text)
    for phrases in vocabulary.levels.values():
        for phrase in sorted(phrases, key=len, reverse=True):
            masked = phrase_pattern(phrase).sub("this level", masked)
    return masked


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
