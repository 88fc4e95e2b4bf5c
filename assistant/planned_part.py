"""A planned part of a message (what it asks, where it goes) and small readings the planner makes of a part."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.asked_anew import NewAsk
from assistant.models import PartKind
from assistant.part_routes import PartRoute
from assistant.understanding import Slots


@dataclass
class PlannedPart:
    """One part of a message: what it asks (kind, slots), where it goes, and how sure the planner is."""

    text: str
    kind: PartKind
    confidence: float
    slots: Slots
    route: PartRoute
    fallback: PartRoute | None  # tried when the route does not answer (low confidence only)
    context: list[str] = field(default_factory=list)  # the part's own entities, to sharpen a documents search
    context_roles: list[str] = field(default_factory=list)  # roles the conversation is about (for the plan)
    query: str = ""  # the part's own words, typos fixed, for the documents search
    generic: str = ""  # the part with its entities masked, as the kind vote embedded it (a cached vector)
    earlier: str = ""  # the last turn's question, for a follow-up naming nothing of its own (a second search)
    told: str = ""  # what the turns before said of the topic, for "go on": not said again (sessions keep it)
    said: str = ""  # the list a pointing follow-up asks something new of ("how do I learn those?"): not given again
    anew: NewAsk | None = None  # the last answer, asked something new of ("why is that one so costly?"): asked_anew.py

    def entities(self) -> dict[str, Any]:
        s = self.slots
        found: dict[str, Any] = {
            "years": s.years,
            "roles": s.roles or ([s.unknown_role] if s.unknown_role else []) or self.context_roles,
            "level": s.level or s.unknown_level,
            "city": s.city or s.unknown_place,
            "topic": s.platform_metric or s.market_metric,
        }
        return {k: v for k, v in found.items() if v}


_ADDRESSED = re.compile(r"\b(?:you|your|yours|yourself|u)\b", re.IGNORECASE)  # "who are you?", "can u help"
_QUESTION = re.compile(r"\?\s*$|^\W*(?:what|what's|whats|how|why|is|are|was|were|does|do|did|can|could)\b", re.I)


def asks_of_the_answer(text: str, previous_kind: str) -> bool:
    """A question after an answer ("what's the catch?") that is not addressed to the assistant."""
    asked_before = previous_kind not in ("", "smalltalk", "other")
    return asked_before and _QUESTION.search(text) is not None and _ADDRESSED.search(text) is None
