"""The last gate before an answer leaves: every number in it must appear in the evidence.

Evidence is what the tools returned and the passages cited. Citation markers ([1]) are not figures.
Numbers are compared by value, so "$5,808" in the answer matches 5808 in a row and "+3.0%" matches 3.0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_MARKER = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    values = []
    for token in _NUMBER.findall(_MARKER.sub(" ", text)):
        cleaned = token.rstrip(".,").replace(",", "")
        if cleaned:
            values.append(float(cleaned))
    return values


def evidence_numbers(texts: Iterable[str], objects: Iterable[object]) -> set[float]:
    found: set[float] = set()
    for text in texts:
        found.update(numbers_in(text))
    for obj in objects:
        found.update(numbers_in(json.dumps(obj, default=str)))
    return found


def ungrounded_numbers(answer: str, evidence: set[float]) -> list[float]:
    """Numbers in the answer that no evidence holds (empty list = grounded)."""
    return [n for n in numbers_in(answer) if not any(abs(n - e) < 1e-6 for e in evidence)]
