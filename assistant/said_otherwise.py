"""Whether a unit says what the question asks in the documents' own words for it (stats/search_synonyms.toml).

A casual question shares no word with the line that answers it and lies far from it as a whole: "our pilot was a hit
but taking it company-wide keeps stalling, is that a common challenge?" -> "Scaling AI solutions from proof-of-concept
to enterprise-wide implementation" (cosine 0.14). The vocabulary knows "pilot" as the documents' proof-of-concept and
"company-wide" as their enterprise-wide; a unit holding the documents' words for TWO different things the question
says says it in other words. One is chance: a word as common as the documents' "challenges" (for "problems") stands
in many lines that answer nothing.
"""

from __future__ import annotations

from assistant.lexical import Synonyms
from assistant.statement_asked import ABOUT_SOURCES
from assistant.text_terms import found_in, terms

SAID_OTHERWISE = 2  # different phrases of the question whose documents' words the unit holds


def said_otherwise(synonyms: Synonyms, query: str, sentence: str, heading: str = "") -> bool:
    """The unit's `sentence` holds the documents' words for SAID_OTHERWISE different phrases of `query`, words the
    question itself does not write (its own words are matched elsewhere)."""
    said = set(terms(sentence))
    asked = set(terms(query))
    found: set[frozenset[str]] = set()
    for _, *alternatives in synonyms.groups(query):
        held = [alt for alt in alternatives if alt and alt <= said and not alt <= asked]
        found.update(held[:1])
    if len(found) >= SAID_OTHERWISE:
        return True
    return bool(found) and _all_said(synonyms, query, said | set(terms(heading)))


def _all_said(synonyms: Synonyms, query: str, said: set[str]) -> bool:
    """Every word of the question that is no frame ("thing", "usual") nor about the documents ("guide") is in the
    unit or its heading, as written or in the documents' words for it: "is slowness a usual thing?" ->
    "Managing the time-intensive nature of model training" (slowness: time-intensive)."""
    asked = set(terms(query)) - synonyms.frame - ABOUT_SOURCES
    covered = found_in(asked, said)
    for own, alternatives in synonyms.held(query):
        if any(alt and alt <= said for alt in alternatives):
            covered |= own
    return bool(asked) and asked <= covered
