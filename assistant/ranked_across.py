"""A ranking asked with the verb and its rank word apart: "which city pays ML engineers best?", "which role pays
new hires worst?" (the rank lists match only the words together: "pays best"). The verbs and the rank words are
the vocabulary's (stats/vocabulary.toml rank_verbs, rank_after_object_high / _low)."""

from __future__ import annotations

import re

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import word_list

_OBJECT_WORDS = 4  # "pays [machine learning engineers] best": words between the verb and its rank word
_BEING = r"(?:is|are|was|were|be|been|being|'s)"


def _apart(verbs: tuple[str, ...], ranks: tuple[str, ...]) -> re.Pattern[str]:
    if not verbs or not ranks:
        return re.compile(r"(?!)")
    # the object is words only: no punctuation between ("pays well, best of all ..." is no ranking of the pay), and
    # no verb of being ("the pay is best explained by ...": "pay" the noun, its verb after it)
    word = rf"(?:\s+(?!{_BEING}\b)[\w'-]+)"
    return re.compile(
        rf"\b(?:{longest_first(list(verbs))}){word}{{1,{_OBJECT_WORDS}}}?\s+(?:{longest_first(list(ranks))})\b",
        re.IGNORECASE,
    )


_HIGH = _apart(word_list("rank_verbs"), word_list("rank_after_object_high"))
_LOW = _apart(word_list("rank_verbs"), word_list("rank_after_object_low"))


def rank_across_object(text: str) -> str | None:
    """'highest' or 'lowest' when a pay verb's rank word follows its object, else None."""
    if _HIGH.search(text):
        return "highest"
    return "lowest" if _LOW.search(text) else None
