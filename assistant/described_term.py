"""Whether the best unit says what a question describes instead of naming ("that retrieval trick for making generated
content more accurate" -> "retrieval-augmented generation (RAG) for enhanced content accuracy").

A definition asked of a term the documents never write is refused (answer_refusals._undefined_term): the units that
share its words are about something else ("transfer learning" vs "style transfer"). A description is no term: more
words than a name has (answer_refusals.NAME_WORDS), most of them content words. When the unit found holds most of
them, in some form ("accurate" / "accuracy", "generated" / "generation"), it says the described thing in its own
words; a unit holding one or two of them ("image generation" for "those image models that start from static") is a
neighbour, and the question stays refused. The unit must hold the words itself: the gate never passes a unit the
scorer chose for other reasons.
"""

from __future__ import annotations

from assistant.text_terms import terms

HELD_SHARE = 2 / 3  # of the description's words the unit must hold: a neighbour holds one or two of five or six
LEAST_HELD = 3  # ... and at least this many: two words together are a name's, the undefined-term gate's question
FORM_PREFIX = 6  # letters two forms of one word share at least ("accurat" / "accuracy"; not "general" / "generic")


def _same_word(asked: str, said: str) -> bool:
    if asked == said:
        return True
    shortest = min(len(asked), len(said))
    return shortest >= FORM_PREFIX and asked[:FORM_PREFIX] == said[:FORM_PREFIX]


def describes(words: list[str], sentence: str, name_words: int) -> bool:
    """`words` (a description's terms, longer than a name of `name_words` words) are held by `sentence`, most of
    them (HELD_SHARE, at least LEAST_HELD), each as written or in another form of the word."""
    if len(words) <= name_words:
        return False
    said = set(terms(sentence))
    held = [w for w in words if any(_same_word(w, s) for s in said)]
    return len(held) >= LEAST_HELD and len(held) >= HELD_SHARE * len(words)
