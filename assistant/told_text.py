"""What a reply said before, as a later answer looks for the documents' sentences in it: "go on" says none of them
again (answer_documents.py), a follow-up asking something new of the last answer leads with a sentence it did not say
(asked_anew.py), and a list given whole is not given again (said_subjects.py). One reading of the stored text
(lower case, single spaces, no [n] citation markers) and of a sentence found in it, for all three."""

from __future__ import annotations

from assistant.draft import without_markers


def as_told(told: str) -> str:
    """What was said before (a reply's text) as said_in compares it: lower case, single spaces, no [n] markers."""
    return " ".join(without_markers(told).lower().split())


def bare(sentence: str) -> str:
    """A sentence as it is looked for in what was told: lower case, single spaces, without its closing stop."""
    return " ".join(sentence.lower().split()).rstrip(" .;:")


def said_in(sentence: str, told_text: str) -> bool:
    """Whether `sentence` (a unit of a passage) is among what was said before (`told_text`, as_told of a reply's
    text): compared without case, spacing or the closing stop."""
    text = bare(sentence)
    return bool(text) and text in told_text
