"""Market figures found sentence by sentence: a keyword that says what the sentence is about, plus a number.

Each metric is one `MarketPattern`; the sentence is kept as the figure's description. Matching is by
meaning-bearing words, never by line number, so the figures survive edits that move them around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.statistics.records import MarketFigure
from assistant.statistics.text import MONEY, ParsedDoc, parse_amount, sentence_spans

_PERCENT = r"\d+(?:\.\d+)?%"


@dataclass(frozen=True)
class MarketPattern:
    """A sentence about `metric` contains `keyword`; `figure` captures the number as group 'raw'."""

    metric: str
    keyword: re.Pattern[str]
    figure: re.Pattern[str]
    unit: str


MARKET_PATTERNS: tuple[MarketPattern, ...] = (
    MarketPattern(
        "job_postings_growth",
        re.compile(r"\bjob postings\b", re.I),
        re.compile(rf"\bincreased by (?P<raw>{_PERCENT})", re.I),
        "percent",
    ),
    MarketPattern(
        "enterprises_using_ai",
        re.compile(r"\benterprises\b.*\b(?:using|use|adopt)", re.I),
        re.compile(rf"(?P<raw>{_PERCENT}) of enterprises\b", re.I),
        "percent",
    ),
    MarketPattern(
        "organizations_retraining",
        re.compile(r"\bretrain", re.I),
        re.compile(rf"(?P<raw>{_PERCENT}) of organi[sz]ations\b", re.I),
        "percent",
    ),
    MarketPattern(
        "ml_expert_average_salary",
        re.compile(r"\baverage salary for (?:machine learning|ML|AI)\b", re.I),
        re.compile(rf"\baverage salary for [^.$]*?\bis (?:approximately |about |around )?(?P<raw>{MONEY})", re.I),
        "USD",
    ),
    MarketPattern(
        "ml_expert_salary_premium",
        re.compile(r"\bsalary\b.*\bhigher than\b", re.I),
        re.compile(rf"(?P<raw>{_PERCENT}) higher than\b", re.I),
        "percent",
    ),
)


def extract_market_figures(doc: ParsedDoc) -> list[MarketFigure]:
    """Every sentence of the document checked against every market pattern."""
    figures: list[MarketFigure] = []
    for line in doc.body:
        for start, end in sentence_spans(line.text):
            sentence = line.text[start:end].strip()
            for pattern in MARKET_PATTERNS:
                if not pattern.keyword.search(sentence):
                    continue
                match = pattern.figure.search(sentence)
                if match:
                    raw = match.group("raw")
                    value = float(raw.rstrip("%")) if pattern.unit == "percent" else parse_amount(raw)
                    figures.append(
                        MarketFigure(
                            pattern.metric,
                            value,
                            pattern.unit,
                            sentence,
                            raw,
                            doc.doc_id,
                            line.number,
                            line.section,
                        )
                    )
    return figures
