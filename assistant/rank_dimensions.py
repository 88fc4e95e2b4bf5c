"""What a ranking ranks by its own words: cities, roles or levels ("which cities pay the most?", "which job pays
best?", "at what stage do salaries peak?")."""

from __future__ import annotations

import re


def rank_dimension(text: str, without_levels: str | None = None) -> str | None:
    """What a ranking ranks by the words of `text`: cities, roles or levels ("which cities ...")."""
    if re.search(r"\b(?:cit(?:y|ies)|location|place|where)\b", text):
        return "city"
    if re.search(r"\b(?:roles?|jobs?|positions?|titles?|professions?|occupations?)\b", without_levels or text):
        return "role"
    if re.search(r"\b(?:levels?|stage|seniority|experience|career stage)\b", without_levels or text):
        return "level"
    return None
