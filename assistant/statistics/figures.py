"""Catch-all: every numeric figure token of every document line, so any number in the corpus is a row.

Money ("$4,500", "$50,000+"), percentages ("8.5%"), scaled numbers ("175 billion", "5k+"), counts with
their noun ("10 offers") and plain numbers; four-digit numbers from 1900 to 2100 count as years.
"""

from __future__ import annotations

import re

from assistant.statistics.records import DocumentFigure
from assistant.statistics.text import ParsedDoc, sentence_at, strip_markers

_TOKEN = re.compile(
    r"""
    (?<![\w$.,])                               # not the tail of a word or of another number
    (?P<currency>\$)?
    (?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?
    (?P<thousands>k\b)?
    (?P<percent>%)?
    (?P<plus>\+)?
    (?:\s(?P<scale>thousand|million|billion|trillion)\b)?
    (?:\s(?P<noun>offers?|proposals?|years?|times)\b)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MAX_CONTEXT = 400


def extract_document_figures(doc: ParsedDoc) -> list[DocumentFigure]:
    """One row per figure token, citing its line and character offset, with its sentence as context."""
    figures: list[DocumentFigure] = []
    for line in doc.body:
        for match in _TOKEN.finditer(line.original):
            raw = match.group(0)
            context = strip_markers(sentence_at(line.original, match.start()))[:_MAX_CONTEXT]
            figures.append(
                DocumentFigure(
                    doc.doc_id,
                    line.number,
                    match.start(),
                    raw,
                    _value(match),
                    _unit(match),
                    context,
                    line.section,
                )
            )
    return figures


def _value(match: re.Match[str]) -> float:
    value = float(match.group("number").replace(",", "") + (match.group("decimals") or ""))
    if match.group("thousands"):
        value *= 1e3
    if match.group("scale"):
        value *= _SCALES[match.group("scale").lower()]
    return value


def _unit(match: re.Match[str]) -> str:
    if match.group("currency"):
        return "USD"
    if match.group("percent"):
        return "percent"
    if match.group("noun"):
        noun = match.group("noun").lower()
        return noun if noun.endswith("s") else noun + "s"
    plain = not any(match.group(name) for name in ("decimals", "thousands", "plus", "scale"))
    number = match.group("number")
    if plain and len(number) == 4 and 1900 <= int(number) <= 2100:
        return "year"
    return "number"
