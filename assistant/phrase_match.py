"""Finding the vocabulary's phrases in a question: whole words, plurals accepted ("ML engineers", "top-paying
companies"), and the key of a synonym table whose phrase comes first. Shared by the question's understanding
(assistant/understanding.py) and the masking of entities for the kind vote (assistant/question_kinds.py)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-word match that also accepts a plural ('ML engineers', 'top-paying companies')."""
    stem = re.escape(phrase)
    if phrase.endswith("y"):
        stem = re.escape(phrase[:-1]) + "(?:y|ies)"
    return re.compile(rf"(?<![a-z0-9]){stem}(?:s|es)?(?![a-z0-9])")


def is_literal(phrase: str) -> bool:
    """'/month', '$': matched as plain text, not as a whole word."""
    return phrase.startswith("/") or not phrase[0].isalnum()


def has_phrase(text: str, phrase: str) -> bool:
    if is_literal(phrase):
        return phrase in text
    return phrase_pattern(phrase).search(text) is not None


def first_key(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """Canonical key whose longest synonym occurs earliest in the text."""
    best: tuple[int, int, str] | None = None
    for key, phrases in table.items():
        for phrase in phrases:
            found = phrase_pattern(phrase).search(text)
            if found and (best is None or (found.start(), -len(phrase)) < (best[0], best[1])):
                best = (found.start(), -len(phrase), key)
    return best[2] if best else None


def all_keys(text: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    hits: list[tuple[int, str]] = []
    for key, phrases in table.items():
        positions = [m.start() for p in phrases for m in phrase_pattern(p).finditer(text)]
        if positions:
            hits.append((min(positions), key))
    return [key for _, key in sorted(hits)]


def has_any(text: str, phrases: tuple[str, ...]) -> bool:
    pattern, literals = any_pattern(phrases)
    return (pattern is not None and pattern.search(text) is not None) or any(p in text for p in literals)


@lru_cache(maxsize=1024)
def any_pattern(phrases: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One alternation for a vocabulary list (same matches as `has_phrase` on each phrase): a question is checked
    against dozens of lists of up to ~40 phrases, and one search per list costs a tenth of one per phrase."""
    literals = tuple(p for p in phrases if is_literal(p))
    words = [p for p in phrases if p not in literals]
    pattern = re.compile("|".join(f"(?:{phrase_pattern(p).pattern})" for p in words)) if words else None
    return pattern, literals
