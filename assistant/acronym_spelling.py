"""A unit that writes out what an acronym stands for names the acronym: "Natural language processing" (an item of
In-Demand Skills) says "NLP" for "is NLP an in-demand skill?". The documents write "NLP" elsewhere, so the question
is not rewritten into the expansion (never_said.read_acronyms reads only acronyms the documents never write); the
unit's terms are read both ways instead. The expansions are the documents' own (acronyms.py), so a new document
brings its own.
"""

from __future__ import annotations


def spelled_acronyms(said: list[str], spelled: dict[str, tuple[str, ...]]) -> set[str]:
    """The acronyms whose expansion's terms stand in a row among the unit's terms `said` (in order):
    "natural language processing" -> {"nlp"}. A row, not a scatter: "learning" and "machine" apart are not "ML"."""
    if not said:
        return set()
    row = " " + " ".join(said) + " "
    return {a for a, expansion in spelled.items() if f" {' '.join(expansion)} " in row}
