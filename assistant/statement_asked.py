"""Whether the question after a statement asks about the statement itself, so that it is searched with it.

A statement about the asker is context, not what is searched ("I have 3 years of experience, what should I learn
next?" asks what to learn). But a question that points back at the statement ("our pilot worked as a POC but rolling
it out company-wide has been a nightmare. is that a known challenge?"), that only asks what the documents say
("we keep losing track of which dataset trained which model. what does the guide advise?"), or whose statement is
its own situation clause ("before I start training a model, what should I pin down first?"), or a leading phrase
naming the side of the topic asked ("on the governance side, what should AI teams put in place ...?", "I care a lot
about responsible AI. is that a real career opportunity?") asks about what the statement says: without it the search
reads "is that a known challenge?" and finds nothing that answers.
"""

from __future__ import annotations

import re

from assistant.phrase_match import longest_first
from assistant.text_terms import terms
from assistant.vocabulary_words import word_list

# "is *that* gap something the guide talks about?", "do other teams hit *this* too?": a demonstrative points at
# what was just said (unlike "it", which is as often a dummy: "is it worth learning Rust?").
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those)\b", re.IGNORECASE)
_SITUATION = re.compile(rf"^\W*(?:{longest_first(list(word_list('situation_openers')))})\b", re.IGNORECASE)
# The words that ask what the documents say or name them ("what does the guide advise?", "is it mentioned?"): a
# question of these words alone has no topic of its own.
ABOUT_SOURCES = frozenset(t for w in [*word_list("about_the_documents"), *word_list("source_words")] for t in terms(w))
_OWN_WORDS = 1  # a question with at most this many words of its own, the documents' words set aside, is topicless


def asks_of_statement(statement: str, question: str) -> bool:
    """The question after `statement` asks about what the statement says (see the module docstring)."""
    # a phrase naming something ("on the governance side", "before I start training"), not a year alone ("In 2024")
    if _SITUATION.match(statement) and any(t.isalpha() for t in terms(_SITUATION.sub("", statement))):
        return True
    if _DEMONSTRATIVE.search(question):
        return True
    return len(set(terms(question)) - ABOUT_SOURCES) <= _OWN_WORDS
