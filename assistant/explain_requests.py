"""A request to explain a thing, in the shapes people ask it besides "what is X": "can you explain X", "could you
describe X", "tell me about X", a bare "X?". The gates that refuse a term the documents never write or a rare word
no sentence means (answer_refusals._undefined_term, never_said.unsaid) read these as "what is X?", so a passage
that merely shares a word ("style transfer" for "transfer learning") does not answer them either.
The polite openings are the vocabulary's (stats/vocabulary.toml [yes_no] requests and discourse words)."""

from __future__ import annotations

import re

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import section

_YES_NO = section("yes_no")
# "so can you please ...", "ok could you ...": discourse words, then a polite request, then "please"
_OPENING = re.compile(
    rf"^\s*(?:(?:{longest_first(_YES_NO.get('discourse') or []) or '(?!)'})\b[\s,!]*)*"
    rf"(?:(?:{longest_first(_YES_NO.get('requests') or []) or '(?!)'})\b\s*)?(?:please\b\s*)?",
    re.IGNORECASE,
)
# What a request asks to be explained, after its opening: the thing named is what follows these words.
_EXPLAIN = re.compile(
    r"^(?:explain|describe|define|tell\s+me\s+about|"
    r"give\s+me\s+an?\s+(?:overview|explanation|definition|intro(?:duction)?)\s+(?:of|to)|walk\s+me\s+through)\s+",
    re.IGNORECASE,
)
# A bare term asked about ("transfer learning?"): two or three words and a question mark, nothing else.
_BARE = re.compile(r"^\s*([a-z][\w+#./-]*(?:\s+[a-z][\w+#./-]*){1,2})\s*\?+\s*$", re.IGNORECASE)


def as_definition(question: str) -> str:
    """The question as "what is X?" when it asks to explain X in another shape; else the question as asked."""
    rest = _OPENING.sub("", question, count=1)
    asked = _EXPLAIN.match(rest)
    if asked:
        return f"what is {rest[asked.end() :]}"
    bare = _BARE.match(question)
    if bare and not _OPENING.match(question).group(0).strip():
        return f"what is {bare.group(1)}?"
    return question
