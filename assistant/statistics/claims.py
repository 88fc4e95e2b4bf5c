"""Ranking claims in the text: sentences that call a city, role or level the highest or lowest paid.

The names come from the figure rows already extracted (cities of city_salaries, roles and levels of
role_salaries, with the roles' abbreviations), the claim words from `stats/figure_keys.toml`; nothing about
a particular city or role is written here. A claim's subject is the nearest name of a ranked dimension
before the claim words in the same sentence (else the nearest after); a name of the dimension's comparison
group on the same line ("ML Engineer" next to a city) narrows the claim to that group.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.statistics.conflicts import rules
from assistant.statistics.records import RankingClaim
from assistant.statistics.salary_guide import AVERAGE_LEVEL, abbreviations
from assistant.statistics.text import ParsedDoc, sentence_spans

if TYPE_CHECKING:
    from assistant.statistics.extract import Extraction

_CLAUSE_BREAK = re.compile(r"[:;,()]")


def _names(extraction: Extraction) -> dict[str, dict[str, str]]:
    """Dimension -> {spelling as written (lower case): canonical name}."""
    roles = {row.role for row in extraction.role_salaries} | {
        row.role for row in extraction.city_salaries if row.role is not None
    }
    role_forms: dict[str, str] = {}
    for role in roles:
        for form in (role, *abbreviations(role)):
            role_forms[form.casefold()] = role
            role_forms[form.casefold() + "s"] = role
    levels = {row.level for row in extraction.role_salaries if row.level != AVERAGE_LEVEL}
    return {
        "city": {row.city.casefold(): row.city for row in extraction.city_salaries},
        "role": role_forms,
        "level": {level.casefold(): level for level in levels},
    }


def _mentions(text: str, forms: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of every name in `text`, longest spelling first where they overlap."""
    found: list[tuple[int, int, str]] = []
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, re.IGNORECASE):
            if not any(start < match.end() and match.start() < end for start, end, _ in found):
                found.append((match.start(), match.end(), forms[form]))
    return sorted(found)


def extract_ranking_claims(docs: list[ParsedDoc], extraction: Extraction) -> list[RankingClaim]:
    """Every sentence that ranks a known city, role or level, as rows with provenance."""
    config = rules()
    names = _names(extraction)
    ordinal = re.compile(r"\b(" + "|".join(map(re.escape, config.ordinals)) + r")\s+$", re.IGNORECASE)
    claims: list[RankingClaim] = []
    for doc in docs:
        for line in doc.body:
            for start, end in sentence_spans(line.text):
                sentence = line.text[start:end]
                for direction, words in config.claim_words.items():
                    for match in words.finditer(sentence):
                        claim = _claim(sentence, match, direction, names, config.rankings, ordinal)
                        if claim is not None:
                            claims.append(RankingClaim(*claim, doc.doc_id, line.number, line.section))
    return claims


def _claim(
    sentence: str,
    match: re.Match[str],
    direction: str,
    names: dict[str, dict[str, str]],
    rankings: dict[str, object],
    ordinal: re.Pattern[str],
) -> tuple[str, str, str, int, str | None, str] | None:
    """(dimension, subject, direction, position, within, raw) for one claim-word match, if it ranks a name."""
    candidates = []  # (distance, dimension, name)
    for dimension in rankings:
        for start, end, name in _mentions(sentence, names.get(dimension, {})):
            before = end <= match.start()
            distance = match.start() - end if before else start - match.end() + len(sentence)
            candidates.append((distance, dimension, name))
    if not candidates:
        return None
    _, dimension, subject = min(candidates)
    within_dimension = getattr(rankings[dimension], "within", None)
    within = next((name for _, _, name in _mentions(sentence, names.get(within_dimension or "", {}))), None)
    position = 1
    found = ordinal.search(sentence[: match.start()])
    if found:
        position = rules().ordinals[found.group(1).casefold()]
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, match.start())), default=0)
    clause_end = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, match.end())), len(sentence))
    raw = sentence[clause_start:clause_end].strip()
    return dimension, subject, direction, position, within, raw
