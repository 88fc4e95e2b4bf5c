"""Two roles pointed at together ("how do the two roles differ?", "what do both jobs involve?" after a part or turn
naming two roles): the pair is the two roles named, as "they" is ("... and how do they differ?" was already read
so), and the question is searched with both names in place of the pointer."""

from __future__ import annotations

import re
from functools import cache

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import section


@cache
def _paired() -> re.Pattern[str]:
    """A pair pointer ([references] pairs, or "both") with the noun of a role after it ("the two roles", "both
    jobs"; the nouns are those of [references] role_nouns: "the job" -> job), or the pair alone ("those two")."""
    refs = section("references")
    pairs = [str(p) for p in refs.get("pairs") or []] + ["both"]
    nouns = {str(n).split()[-1] for n in refs.get("role_nouns") or []}
    nouns |= {f"{n}s" for n in nouns}
    noun = rf"(?:\s+(?:{longest_first(nouns)}))?" if nouns else ""
    return re.compile(rf"\b(?:{longest_first(pairs)}){noun}\b", re.IGNORECASE)


def pair_put_in(text: str, roles: list[str]) -> str | None:
    """`text` with its pair pointer replaced by the first two of `roles` ("how do Data Scientist and Machine
    Learning Engineer differ?"); None when it has none or fewer than two roles were named before."""
    if len(roles) < 2:
        return None
    found = _paired().search(text)
    if found is None:
        return None
    return f"{text[: found.start()]}{roles[0]} and {roles[1]}{text[found.end() :]}"
