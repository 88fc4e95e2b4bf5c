"""Finding the vocabulary's phrases in a question: whole words, plurals accepted ("ML engineers", "top-paying
companies"), and the key of a synonym table whose phrase comes first. Shared by the question's understanding
(assistant/understanding.py) and the masking of entities for the kind vote (assistant/question_kinds.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Where a phrase may start: not inside a word. Written once before an alternation of many phrases, so a search
# tries the alternatives only where a word starts (inside a word it fails at once): the same matches as the
# alternation of whole-phrase patterns, at a tenth to a twentieth of the cost.
_WORD_START = r"(?<![a-z0-9])"


def longest_first(words: Iterable[object]) -> str:
    """The words as one regex alternation, escaped, longest first (so "machine learning engineer" is tried before
    "machine learning" at the same place)."""
    return "|".join(re.escape(w) for w in sorted((str(w) for w in words), key=len, reverse=True))


def spaced_first(words: Iterable[object]) -> str:
    """As longest_first, a phrase's words apart by any whitespace ("come out" also across a line break)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted((str(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-word match that also accepts a plural ('ML engineers', 'top-paying companies')."""
    return re.compile(_WORD_START + _phrase_rest(phrase))


def _phrase_rest(phrase: str) -> str:
    """The phrase's pattern after its word start: the phrase, a plural ending, then no more of the word."""
    stem = re.escape(phrase)
    if phrase.endswith("y"):
        stem = re.escape(phrase[:-1]) + "(?:y|ies)"
    return rf"{stem}(?:s|es)?(?![a-z0-9])"


def _alternation(rests: list[str], capture: bool = False) -> re.Pattern[str]:
    """The phrases' patterns as one, their common word start written once (each alternative its own group when
    `capture`: which one matched then names the phrase)."""
    return re.compile(_WORD_START + "(?:" + "|".join(f"({r})" if capture else f"(?:{r})" for r in rests) + ")")


def is_literal(phrase: str) -> bool:
    """'/month', '$': matched as plain text, not as a whole word."""
    return phrase.startswith("/") or not phrase[0].isalnum()


def has_phrase(text: str, phrase: str) -> bool:
    if is_literal(phrase):
        return phrase in text
    return phrase_pattern(phrase).search(text) is not None


Table = dict[str, tuple[str, ...]]
TableItems = tuple[tuple[str, tuple[str, ...]], ...]


def first_key(text: str, table: Table) -> str | None:
    """Canonical key whose longest synonym occurs earliest in the text (ties: the table's order)."""
    pattern, keys = _first_key_pattern(tuple(table.items()))
    found = pattern.search(text) if pattern is not None else None
    return keys[found.lastindex - 1] if found and found.lastindex else None


def all_keys(text: str, table: Table) -> list[str]:
    """Every canonical key with a synonym in the text, by where its first synonym occurs (ties: by key)."""
    hits: list[tuple[int, str]] = []
    for key, pattern in _key_patterns(tuple(table.items())):
        found = pattern.search(text)
        if found:
            hits.append((found.start(), key))
    return [key for _, key in sorted(hits)]


# The tables are read once per build, and a question is checked against each several times: one alternation per
# table (or per key) is compiled once and searched once, instead of one search per synonym. The cache is keyed
# by the table's items, so a table built anew (another build's names) gets its own.
@lru_cache(maxsize=256)
def _first_key_pattern(items: TableItems) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """Every synonym of the table as one alternation, longest first, each its own group. A search stops at the
    earliest position where any synonym matches and takes the first alternative that matches there: the longest
    synonym at the earliest position, ties in the table's order (the sort is stable), as one search per synonym
    kept. The group that matched names the key."""
    ordered = sorted(((phrase, key) for key, phrases in items for phrase in phrases), key=lambda pair: -len(pair[0]))
    if not ordered:
        return None, ()
    pattern = _alternation([_phrase_rest(phrase) for phrase, _ in ordered], capture=True)
    return pattern, tuple(key for _, key in ordered)


@lru_cache(maxsize=256)
def _key_patterns(items: TableItems) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each key with one alternation of its synonyms: its leftmost match is the earliest of any synonym."""
    return tuple((key, _alternation([_phrase_rest(phrase) for phrase in phrases])) for key, phrases in items if phrases)


def has_any(text: str, phrases: tuple[str, ...]) -> bool:
    pattern, literals = any_pattern(phrases)
    return (pattern is not None and pattern.search(text) is not None) or any(p in text for p in literals)


@lru_cache(maxsize=1024)
def any_pattern(phrases: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One alternation for a vocabulary list (same matches as `has_phrase` on each phrase): a question is checked
    against dozens of lists of up to ~40 phrases, and one search per list costs a tenth of one per phrase."""
    literals = tuple(p for p in phrases if is_literal(p))
    words = [p for p in phrases if p not in literals]
    pattern = _alternation([_phrase_rest(p) for p in words]) if words else None
    return pattern, literals
