"""Who made a thing or when it began: asked in the past tense ("who invented deep learning", "when did Keras come
out"), and stated only by a sentence that names the thing with an origin verb ("created", "founded", "released").
A sentence that mentions the thing ("frameworks like TensorFlow and PyTorch") says nothing of where it came from. The
verbs are data (vocabulary.toml [words] origin_*)."""

from __future__ import annotations

import re

from assistant.phrase_match import spaced_first
from assistant.text_terms import terms
from assistant.vocabulary_words import word_list
from assistant.word_forms import TYPED_NAME, folded

# Who made a thing or when it began, in the past tense (the verbs are data: vocabulary.toml [words] origin_*): "who
# invented deep learning", "who was Keras built by", "when did Keras come out", "what year was TensorFlow released";
# not "when is shadow deployment introduced" (a step's time, not an origin).
_ORIGIN_ASKED = re.compile(
    rf"\b(?:who|whom|(?:which|what)\s+(?:company|companies|person|people|team|firm|lab|organi[sz]ation))\b"
    rf"(?:\s+\S+){{0,6}}?\s+(?:first\s+|originally\s+|actually\s+)?(?P<who>{spaced_first(word_list('origin_who'))})\b"
    rf"|\b(?:when|what\s+year|which\s+year|since\s+when|how\s+long\s+ago)\s+(?:did|was|were|had)\b(?:\s+\S+){{0,6}}?\s+"
    rf"(?:first\s+|originally\s+)?(?P<when>{spaced_first(word_list('origin_when'))})\b",
    re.IGNORECASE,
)
# A sentence that says where something came from: who made it, when it began.
ORIGIN_STATED = re.compile(rf"\b(?:{spaced_first(word_list('origin_stated'))})\b", re.IGNORECASE)
_SOURCE_TERMS = frozenset(t for word in word_list("source_words") for t in terms(word))
# The words of an origin question that are not the thing asked about ("which company first released X").
_ORIGIN_WORDS = "year company companies person people team firm lab organization first originally actually ago long"
_ORIGIN_FRAME = frozenset(
    t for p in (*word_list("origin_who"), *word_list("origin_when"), *_ORIGIN_WORDS.split()) for t in terms(p)
)


def unstated_origin(query: str, origin_sentences: list[frozenset[str]]) -> str:
    """Who made the thing the question names, or when it began, when no sentence of the documents that names it
    says so (ORIGIN_STATED: "created", "founded", "released", ...): "the origin of deep learning" ("who invented
    deep learning", "when did Keras come out"), for the refusal to name; "" otherwise. A sentence that mentions
    the thing ("frameworks like TensorFlow and PyTorch") says nothing of where it came from."""
    asked = _ORIGIN_ASKED.search(query)
    if not asked:
        return ""
    thing = [t for t in terms(folded(query).lower()) if t not in _ORIGIN_FRAME]
    if not thing or any(set(thing) <= sentence for sentence in origin_sentences):
        return ""  # "who created it?": the thing is the turn before's, which the planner's context names
    if set(thing) & _SOURCE_TERMS:
        return ""  # "who runs the job platform": the sources' own origin, which their front matter says
    named = [w for w in TYPED_NAME.findall(query) if (found := terms(folded(w).lower())) and set(found) - _ORIGIN_FRAME]
    return f"the origin of {' '.join(named)}"  # "who was scikit-learn developed by": the origin of scikit-learn
