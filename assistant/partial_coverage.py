"""One part that names several values of one dimension, some covered and some not ("ML engineer salary in New
York and in Berlin", "the median in 2023 and 2025", "ML pay in SF vs Toronto"): the covered values are answered
and the others are said to be uncovered, in the same reply, instead of refusing the whole part for one of them
or leaving the uncovered one unmentioned. The places are the vocabulary's (stats/vocabulary.toml other_places);
the covered years are the statistics' own (the coverage tool)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.phrase_match import has_phrase
from assistant.understanding import OTHER_PLACES, Slots


@dataclass
class Uncovered:
    """What a part names beside what the statistics cover: the part with only the covered values, and the rest."""

    covered: Slots
    years: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    guide_years: bool = False  # the years are the guide's salaries' (else the platform's)

    def places_note(self) -> str:
        """The sentence that says which places the sources have no figures for ("... for Berlin."), or ""."""
        if not self.places:
            return ""
        listed = self.places[0] if len(self.places) == 1 else f"{', '.join(self.places[:-1])} or {self.places[-1]}"
        return f"The sources have no figures for {listed}."


def uncovered_alongside(s: Slots, coverage: dict[str, Any]) -> Uncovered | None:
    """The part's uncovered years or places named beside covered ones, or None when there are none (or when none
    of the values named is covered: the part's own refusal says that)."""
    years, guide = _years_beside(s, coverage)
    places = _places_beside(s)
    if not (years or places):
        return None
    # The covered part is read again as asked, without the uncovered values (so it finds none of them again)
    text = s.corrected or ""
    for place in places:
        text = re.sub(rf"\b{re.escape(place)}\b", " ", text, flags=re.IGNORECASE)
    for year in years:
        text = re.sub(rf"\b{year}\b", " ", text)
    covered = replace(s, years=[y for y in s.years if y not in years], corrected=text)
    return Uncovered(covered=covered, years=years, places=places, guide_years=guide)


# "how much did it grow from 2023 to 2024?", "2023 vs 2024": two years as the ends of one change or comparison
_YEAR = r"(?:19|20)\d\d"
_ENDS = re.compile(
    rf"\b(?:from|between)\s+{_YEAR}\s+(?:to|and|until|till|through|thru|-)\s+{_YEAR}\b"
    rf"|\b{_YEAR}\s*(?:-|–|—|to|vs\.?|versus)\s*{_YEAR}\b",
    re.IGNORECASE,
)


def _years_beside(s: Slots, coverage: dict[str, Any]) -> tuple[list[int], bool]:
    """The years asked that the figures asked for lack, beside one they have; and whether those are the guide's."""
    if len(s.years) < 2 or s.market_metric or s.tools or s.companies or s.extra_comp:
        return [], False  # a market figure's years are its own span ("from early 2023 to early 2024"), not a choice
    if _ENDS.search(s.corrected or ""):
        # a change from a year the data lacks is no change it can give: the covered year's change to another year
        # answers a question not asked (the part's own refusal names the years covered)
        return [], False
    guide = bool(s.roles or s.city or s.level) and not s.platform_metric
    if not (guide or s.platform_metric or s.salary):
        return [], False
    have = set(coverage.get("salary_data_years" if guide else "platform_years", []))
    missing = [y for y in s.years if y not in have]
    return (missing if len(missing) < len(s.years) else []), guide


def _places_beside(s: Slots) -> list[str]:
    """Places the data has no figures for, named in a part that also names a city it has ("in SF and Toronto")."""
    if not s.city:
        return []
    text = f" {(s.corrected or '').lower()} "
    return [p.title() if len(p) > 3 else p.upper() for p in OTHER_PLACES if has_phrase(text, p)]
