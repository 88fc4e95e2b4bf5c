"""Acronyms as the documents define them: 'machine learning (ML)', 'MLOps (Machine Learning Operations)', the
'large language models' (LLMs); read from the corpus at load, so a new document brings its own. The other
names of a term that the documents never spell out (initials of a repeated term) are other_names.py's.
"""

from __future__ import annotations

import re

# "words (ACRO)" and "ACRO (Words)": the words may be hyphenated ("retrieval-augmented generation (RAG)")
# or quoted ("the 'large language models' (LLMs)").
QUOTES = "'‘’\"“”"
_BEFORE_PAREN = re.compile(rf"((?:[{QUOTES}]?[A-Za-z][\w-]*[{QUOTES}]?\s+){{1,5}})\(([A-Z][A-Za-z]{{1,7}})\)")
_AFTER_PAREN = re.compile(r"\b([A-Z][A-Za-z]{1,7})\s+\(([A-Z][\w -]{3,60}?)\)")


def acronyms(texts: list[str]) -> dict[str, str]:
    """Acronym -> expansion as the documents write them ('machine learning (ML)', 'MLOps (Machine
    Learning Operations)'), lower-cased; read from the corpus at load, so a new document brings its own."""
    found: dict[str, str] = {}
    for text in texts:
        for words, acronym in _BEFORE_PAREN.findall(text):
            expansion = _expansion_before(words.split(), [c for c in acronym if c.isupper()])
            if expansion:
                found.setdefault(_singular(acronym.lower()), expansion)
        for acronym, expansion in _AFTER_PAREN.findall(text):
            capitals = [c for c in acronym if c.isupper()]
            words = expansion.split()
            if len(words) == len(capitals) and all(
                w[0].lower() == c.lower() for w, c in zip(words, capitals, strict=True)
            ):
                found.setdefault(_singular(acronym.lower()), expansion.lower())
    return found


def _expansion_before(words: list[str], capitals: list[str]) -> str:
    """The last words before "(ACRO)" whose initials spell the acronym's capitals, or ''.

    Each part of a hyphenated word gives an initial ("retrieval-augmented" -> R, A). A word may also give
    two capitals ("Variational Autoencoders (VAEs)": auto-Encoder), so failing an exact spelling, the
    initials need only start the acronym, with one capital to spare.
    """
    words = [w.strip(QUOTES) for w in words]
    wanted = [c.lower() for c in capitals]
    for spare in (0, 1):
        for n in range(1, len(words) + 1):
            candidate = words[-n:]
            initials = [part[0].lower() for w in candidate for part in w.split("-") if part]
            if len(initials) >= 2 and len(initials) + spare == len(wanted) and wanted[: len(initials)] == initials:
                return " ".join(candidate).lower()
    return ""


def expansion_of(name: str, expansions: dict[str, str] | None) -> str:
    """The documents' expansion of an acronym ('MLOps' / 'mlops' -> 'machine learning operations'), or ''."""
    key = name.strip().lower()
    return (expansions or {}).get(key) or (expansions or {}).get(_singular(key)) or ""


def _singular(acronym: str) -> str:
    return acronym[:-1] if len(acronym) > 2 and acronym.endswith("s") and acronym[-2].isalpha() else acronym
