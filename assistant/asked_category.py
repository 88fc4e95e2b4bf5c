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
from collections.abc import Callable

# "which <up to three words> <auxiliary>": the kind chosen among is the last word before the verb ("which vector
# database is best" -> database). Only an auxiliary after it: a main verb ("which soft skills matter") would make the
# verb look like the kind. Only "which": "what stuff / what topics should I learn" ask what to know, any of which
# the documents' lists may be; "which" asks for members of the kind named.
_AUXILIARY = r"(?:is|are|was|were|should|shall|do|does|did|can|could|would|will|has|have|had)"
# no verb or person among the kind's words, nor "one(s)", which stands for a kind named before ("which ones ...")
_WORD = rf"(?!(?:{_AUXILIARY}|i|you|we|they|it|one|ones)\b)[a-z][a-z'-]*"
_CHOSEN = re.compile(rf"\bwhich\s+((?:{_WORD}\s+){{0,2}}{_WORD})\s+{_AUXILIARY}\b", re.IGNORECASE)


def compound_of(word: str, written: Callable[[str], bool]) -> bool:
    """The word is two `written` words of four letters or more put together ("coursework" = course + work,
    "database" = data + base): a written thing in another shape, as OtherNames reads a compound."""
    return any(written(word[:cut]) and written(word[cut:]) for cut in range(4, len(word) - 3))


def chosen_kinds(query: str) -> list[str]:
    """The kinds of thing "which X <auxiliary> ..." asks to choose among, as typed ("website", "database")."""
    return [found.group(1).split()[-1] for found in _CHOSEN.finditer(query)]


# "Which X is / are (the) best ...": the documents are asked to rank the X ("which bootcamp is the best one to join").
_BEST_ASKED = re.compile(
    rf"\bwhich\s+(?:{_WORD}\s+){{1,3}}(?:is|are)\s+(?:the\s+)?(?:best|top|greatest|ideal)\b", re.IGNORECASE
)
# A sentence ranks when it says which lead ("Major tech hubs ... continue to lead", "the highest", "top companies").
_RANKS = re.compile(r"\b(?:best|top|highest|leads?|leading|most|premier|popular|preferred|recommended)\b", re.I)
# ... or it names members of the kind: a capitalised word inside a sentence ("frameworks like TensorFlow, PyTorch");
# an acronym ("AI") names no member, and a label before a colon is the unit's own heading.
_MEMBER = re.compile(r"(?<=[\w,;)]\s)[A-Z][a-z]+")
_LABEL = re.compile(r"^[^:]{1,60}:\s+")


def best_unranked(query: str, sentence: str) -> bool:
    """`query` asks which X is best, and `sentence` neither ranks anything nor names any X: it mentions the kind
    ("Participation in online courses or bootcamps") without choosing among its members."""
    if not _BEST_ASKED.search(query):
        return False
    said = _LABEL.sub("", sentence)
    return not _RANKS.search(said) and not _MEMBER.search(said)
