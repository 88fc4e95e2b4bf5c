"""The claim a yes/no question puts ("can generative models do classification too, or is classifying purely a
discriminative model thing?": generative models do classification), so the sentence that confirms or denies it
leads the answer, not one on the contrary the asker offers as the other possibility, nor one on the topic only.

The claim is the yes/no clause up to an alternative clause of its own ("..., or is it ...", "... or just talk"),
with the phrase it points back to when one is set off before it ("grouping data points into clusters - is that
supervised or unsupervised learning?": the grouping is what is asked of; the two options are the comparison's sides,
which answer_scoring.py reads apart). General English about how yes/no questions are put; nothing of the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text_terms import found_in, terms

_AUX = r"(?:can|could|is|are|does|do|did|should|would|will|has|have|was|were)"
# The yes/no clause: its auxiliary opening the message or following a phrase set off by a dash, colon or comma
# (not "you" or "there": "can you explain ...", "are there ..." ask for a topic, not over a claim).
_CLAUSE = re.compile(
    rf"(?:^|\s[-–—]\s*|[:;,.?!]\s+)\W*(?:(?:so|and|but|ok|okay|well)\s+)?{_AUX}\s+(?!you\b|u\b|there\b|i\b)", re.I
)
# "..., or is classifying purely ...", "... or just talk", "... or is it all code": the other possibility, said as a
# clause of its own (not "supervised or unsupervised learning": two options of one clause).
_ALTERNATIVE = re.compile(rf",?\s+or\s+(?:{_AUX}|just|only|rather|merely|simply|purely)\b.*$", re.I | re.S)
_POINTER = re.compile(r"\b(?:that|this|it)\b", re.I)
# Words that shade how the claim is put, not what it is ("can they classify *too*?", "is it *really* ...").
_SHADING = frozenset(["too", "also", "even", "really", "actually", "just", "ever", "always", "still", "then", "either"])


@dataclass(frozen=True)
class Claim:
    held: frozenset[str]  # the claim's terms: a sentence holding all of them (subject and predicate) speaks to it
    contrary: frozenset[str]  # the terms only the alternative clause says (not the claim's words)

    def held_by(self, said: set[str], section: str) -> bool:
        """The unit saying `said`, under `section`, holds every word of the claim, subject and predicate (a share
        of them by weight let "AI skills are sought after ..." hold "AI jobs care about writing skills"). Its own
        heading counts ("Unsupervised Learning"), not the one above it (naming both sides of "generative vs
        discriminative")."""
        own = set(terms(section.rsplit(" > ", 1)[-1]))
        return bool(self.held) and found_in(set(self.held), said | own) == self.held


NO_CLAIM = Claim(frozenset(), frozenset())


def claim_of(query: str, options: set[str], topical: set[str]) -> Claim:
    """The claim of a yes/no question; `options` are the terms of the sides it asks to choose between (set apart:
    which side holds is what is asked), `topical` the question's terms that say what it is about (a frame word,
    "thing", "need", is no part of a claim). NO_CLAIM for any other question, and for a claim about something
    named elsewhere ("is that a real opportunity?" of the turn before)."""
    found = _CLAUSE.search(query)
    if found is None:
        return NO_CLAIM
    before, clause = query[: found.start()].strip(" -–—:;,"), query[found.end() :]
    alternative = _ALTERNATIVE.search(clause)
    said = clause[: alternative.start()] if alternative else clause
    if _POINTER.search(said):
        if not before:
            return NO_CLAIM  # what "that" is comes from elsewhere: the claim is not in the question's words
        said = f"{before} {said}"  # "grouping data points into clusters - is that ...": the phrase is the subject
    claimed = set(terms(" ".join(w for w in said.split() if w.lower().strip(",.?!") not in _SHADING))) - options
    contrary = set(terms(alternative.group(0))) - claimed - options if alternative else set()
    return Claim(frozenset(claimed & topical), frozenset(contrary))
