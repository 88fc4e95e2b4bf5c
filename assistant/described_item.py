"""An item of the list the last answer gave, named by what it is about rather than by its place or its own words:
"the one about people working alongside AI" after the industry trends is "Human-AI Collaboration". The item whose
label lies nearest the description, when it is clearly nearer than the next one (pointed_items.listed_item)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import section

# The nearest label must lie at least this near the description, and this much nearer than the next label: a
# description near none of them (or as near two) names no item.
# (labels alone: "people working alongside AI" lies 0.64 from "Human-AI Collaboration", 0.60 from "Increasing Demand
# for AI and ML Professionals"; "chatbots" 0.43 from "Multimodal AI and Virtual Agents", 0.39 from the next)
NEAREST_FLOOR = 0.40
NEAREST_MARGIN = 0.04


@lru_cache(maxsize=1)
def _described() -> re.Pattern[str]:
    """'the one about X', 'the part on X', 'the bit that talks about X': [references] item_nouns, then what the
    item is about, up to the end of the clause."""
    nouns = longest_first([str(n) for n in section("references").get("item_nouns") or ["one", "ones"]])
    return re.compile(
        rf"\bthe\s+(?:{nouns})\s+(?:that\s+(?:is|was|talks?|talked|says?|said)\s+)?(?:about|on|regarding|covering|"
        rf"with|for)\s+(?P<about>[^?.!,;:()\-–—]+)",
        re.IGNORECASE,
    )


def described_item(text: str, items: list[str], embed: Callable[[str], list[float]]) -> str | None:
    """The follow-up with the described item's label in place of its description ("the one about people working
    alongside AI - expand on that" -> "Human-AI Collaboration - expand on that"); None when it describes none, or
    none of the items is clearly the one described."""
    found = _described().search(text)
    if found is None or len(items) < 2:
        return None
    about = np.asarray(embed(found.group("about").strip()), dtype=np.float32)
    labels = np.asarray([embed(item) for item in items], dtype=np.float32)
    sims = labels @ about / (np.linalg.norm(labels, axis=1) * np.linalg.norm(about) + 1e-9)
    order = np.argsort(-sims)
    best, second = float(sims[order[0]]), float(sims[order[1]])
    if best < NEAREST_FLOOR or best - second < NEAREST_MARGIN:
        return None
    end = found.start("about") + len(found.group("about").rstrip())  # "... alongside AI - expand": keep the space
    return f"{text[: found.start()]}{items[int(order[0])]}{text[end:]}"
