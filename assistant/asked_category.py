"""Whether the best unit can be one of the things a "which X" question asks to choose among.

"Which website should I host my portfolio on?", "which vector database is best for RAG?", "which podcast should I
follow about AI?" ask for a member of a kind of thing (a website, a database, a podcast). When the documents never
write that kind in any form, and the unit found (the portfolio bullets, the RAG trend line) is not near its word
either, the unit names the question's topic without naming any such thing: the reply would read as a choice made.
A kind the documents write ("which frameworks", "which sectors") is theirs to answer; one they write in other words
is near the unit that answers ("which up-and-coming towns" -> "Emerging tech centers in cities like Austin").
"""

from __future__ import annotations

import re

# "which/what <up to three words> <auxiliary>": the kind chosen among is the last word before the verb ("which vector
# database is best" -> database). Only an auxiliary after it: a main verb ("what soft skills matter") would make the
# verb look like the kind.
_AUXILIARY = r"(?:is|are|was|were|should|shall|do|does|did|can|could|would|will|has|have|had)"
_WORD = rf"(?!(?:{_AUXILIARY}|i|you|we|they|it)\b)[a-z][a-z'-]*"  # no verb or person in the kind's words
_CHOSEN = re.compile(rf"\b(?:which|what)\s+((?:{_WORD}\s+){{0,2}}{_WORD})\s+{_AUXILIARY}\b", re.IGNORECASE)


def chosen_kinds(query: str) -> list[str]:
    """The kinds of thing "which/what X <auxiliary> ..." asks to choose among, as typed ("website", "database")."""
    return [found.group(1).split()[-1] for found in _CHOSEN.finditer(query)]
