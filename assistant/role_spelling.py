"""A role named by its short form ("DS", "MLE"; stats/vocabulary.toml [roles]) spelled out in a documents query:
the documents write "Data Scientist", and a two- or three-letter token lies near nothing in the embedding space
("how high can a DS climb?" found no passage, "how high can a data scientist climb?" finds the career path)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from assistant.vocabulary_words import section

SHORT_FORM = 4  # at most this many letters, one word: an initialism, not a word of its own ("robotics")


@cache
def _short_forms() -> dict[str, re.Pattern[str]]:
    """Each role -> its one-word short forms as a whole-word pattern (none: a pattern that matches nothing)."""
    out: dict[str, re.Pattern[str]] = {}
    for role, names in section("roles").items():
        short = [str(n) for n in names if " " not in str(n) and len(str(n)) <= SHORT_FORM and str(n).isalpha()]
        if short:
            out[role] = re.compile(rf"\b(?:{'|'.join(re.escape(s) for s in short)})s?\b", re.IGNORECASE)
    return out


def roles_spelled_out(text: str, roles: Iterable[str]) -> str:
    """`text` with each of `roles` named by a short form written as the role's own name."""
    for role in roles:
        pattern = _short_forms().get(role)
        if pattern is not None:
            text = pattern.sub(role, text)
    return text
