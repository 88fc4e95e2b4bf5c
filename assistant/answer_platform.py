"""The job platform's headline figures (median salary expectation, offers, proposals) for a year, several years
or the change between two, each median with its sample. A part of StatisticsAnswerer (mixed in), kept apart so
each module reads as one kind of answer."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.answer_figures import (
    StatisticsPart,
    amount,
    cite_all,
    per_candidate,
    signed_change,
    source_notes,
)
from assistant.draft import Draft, signed_pct
from assistant.statistics.tools import ToolResult
from assistant.text_terms import STOPWORDS, split_sentences
from assistant.understanding import Slots
from assistant.vocabulary_words import table, word_list

# The one-word names of each platform figure ("offers", "proposals") and the words that may stand before one
# without narrowing it (data: stats/vocabulary.toml).
_METRIC_NOUNS = {
    metric: tuple(p for p in phrases if " " not in p) for metric, phrases in table("platform_metrics").items()
}
# ... and the metrics' own words: "the offers total" names the total, no kind of it
_NEUTRAL = frozenset(word_list("metric_neutral")) | STOPWORDS | {w for n in _METRIC_NOUNS.values() for w in n}

METRIC_LABEL = {
    "median_salary_expectation": "median salary expectation",
    "offers_total": "total number of offers",
    "proposals": "proposals figure",
}


def narrowing_word(text: str, metric: str) -> str | None:
    """A word that narrows a platform count to one kind the pages do not count: "accepted offers", "offers were
    rejected", "remote offers" (the pages give one total per year). None for "the total number of job offers"."""
    nouns = _METRIC_NOUNS.get(metric) or ()
    if not nouns:
        return None
    names = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    for pattern in (
        rf"\b([a-z][a-z'-]+)\s+(?:{names})\b",  # "accepted offers"
        rf"\b(?:{names})\s+(?:that\s+)?(?:were|was|got|get|are|being)\s+([a-z]+ed)\b",  # "offers were rejected"
    ):
        for match in re.finditer(pattern, text.lower()):
            word = match.group(1)
            if word not in _NEUTRAL and not word.isdigit():
                return word
    return None


def _offers(row: dict[str, Any]) -> str:
    return f"{row['raw']} offers"


def _in_year(row: dict[str, Any]) -> str:
    return f"{row['raw']} in {row['year']}"


class PlatformAnswers(StatisticsPart):
    """The job platform's pages (platform_stats) answered for one question."""

    def _platform(self, s: Slots, draft: Draft) -> None:
        # "the headline figures": each of them; "what changed from 2024 to 2025?" names no figure: each one's change
        changes = s.platform_metric is None and s.compare and not (s.salary or s.roles or s.market_metric)
        if s.platform_metric == "all" or changes:
            for metric in self.coverage().get("platform_metrics", []):
                self._platform(replace(s, platform_metric=metric, compare=changes), draft)
                if draft.abstained:
                    return
            return
        if len(s.platform_metrics) > 1 and s.platform_metric != "all":
            for metric in s.platform_metrics:  # "2024 offers, median and proposals": each figure named, in turn
                self._platform(replace(s, platform_metric=metric, platform_metrics=[]), draft)
                if draft.abstained:
                    return
            return
        metric = s.platform_metric or "median_salary_expectation"
        label = METRIC_LABEL[metric]
        known = self.coverage().get("platform_years", [])
        years = list(dict.fromkeys(s.years))
        if s.compare and not s.roles and not s.market_metric:
            if len(years) < 2:
                years = sorted(set(years) | set(known[-2:]))[-2:] if years else known[-2:]
            year_from, year_to = sorted(years)[0], sorted(years)[-1]
            result = self.call(draft, "compare_years", metric=metric, year_from=year_from, year_to=year_to)
            if not result.found:
                self.abstain(draft, f"I can't compare those years: {result.note}.")
                return
            d = result.derived
            by_year = {y: [r for r in result.rows if r["year"] == y] for y in (year_from, year_to)}
            start, end = (self._figures.figure("platform_stats", by_year[y], _in_year) for y in (year_from, year_to))
            went = f"The {label} for AI and Machine Learning developers went from {start} to {end}"
            if d.get("contested"):
                # A change computed from a contested figure is one candidate per value, each labelled.
                changes = per_candidate(
                    d["candidates"], lambda v: amount(v, d), lambda v: signed_change(v, d), "difference"
                )
                draft.say(f"{went}. Because the sources disagree, there is no single change: {changes}.")
            else:
                draft.say(f"{went}: {signed_change(d['difference'], d)} ({signed_pct(d.get('percent_change'))}).")
            draft.years.extend([year_from, year_to])
            return
        narrowed = self._say_not_broken_down(s, metric, draft)
        targets = years or known
        found: dict[int, ToolResult] = {}
        for year in targets:
            found[year] = self.call(draft, "platform_stat", metric=metric, year=year)
            if not found[year].found:
                self.abstain(draft, f"I have no platform statistics for {year}: {found[year].note}.")
                return
        unit = " offers" if metric == "offers_total" else ""
        lines = []
        for year in targets:
            in_year = _in_year if len(targets) > 1 else (lambda r: f"{r['raw']}{unit}")
            figure = self._figures.figure("platform_stats", found[year].rows, in_year)
            sample = ""
            if metric == "median_salary_expectation":
                offers = self.call(draft, "platform_stat", metric="offers_total", year=year)
                if offers.found:
                    figure, sample = self._with_sample(found[year].rows, offers.rows, in_year)
            lines.append((year, figure, sample))
            draft.years.append(year)
        if len(lines) == 1:
            year, figure, sample = lines[0]
            what = {
                "median_salary_expectation": "the median salary expectation for AI and Machine Learning "
                "developers on the job platform was",
                "offers_total": "AI and Machine Learning developers on the job platform received a total of",
                "proposals": "the proposals figure for AI and Machine Learning developers was",
            }[metric]
            draft.say(f"In {year}, {what} {figure}{sample}.")
        else:
            pieces = [f"{figure}{sample}" for _, figure, sample in lines]
            draft.say(
                f"The {label} for AI and Machine Learning developers on the job platform was " + "; ".join(pieces) + "."
            )
        if metric == "median_salary_expectation" and s.monthly:
            draft.say("The page does not say whether this is a monthly or an annual amount.")
        if narrowed:
            self._quote_naming(narrowed, metric, found[targets[-1]].rows, draft)

    def _say_not_broken_down(self, s: Slots, metric: str, draft: Draft) -> str | None:
        """Say that the pages' figure is one for everyone when a level, a city or one kind of offer is asked
        ("how many offers did juniors get?", "how many offers were accepted?"): the total is not that count."""
        by = "experience level" if (s.level and s.level != "Average") or s.unknown_level else "city" if s.city else None
        word = narrowing_word(s.corrected or "", metric) if metric != "median_salary_expectation" else None
        if by and not s.roles:
            draft.say(source_notes()["platform_not_broken_down"].format(by=by))
        elif word:
            noun = next((n for n in _METRIC_NOUNS[metric] if n.endswith("s")), metric)
            draft.say(source_notes()["platform_count_not_given"].format(what=f"{word} {noun}"))
        return word

    def _quote_naming(self, word: str, metric: str, rows: list[dict[str, Any]], draft: Draft) -> None:
        """The page's own sentence about the narrowing word, if it has one ("We do not count accepted or rejected
        offers."): a sentence that names both the word and the figure's noun."""
        nouns = _METRIC_NOUNS.get(metric) or ()
        for doc_id in dict.fromkeys(row["doc_id"] for row in rows):
            doc = draft.documents.get(doc_id)
            for number, line in enumerate(doc.lines if doc else (), start=1):
                for sentence in split_sentences(line):
                    low = sentence.lower()
                    if re.search(rf"\b{re.escape(word)}\b", low) and any(re.search(rf"\b{n}\b", low) for n in nouns):
                        marker = draft.cite_row({"doc_id": doc_id, "line": number})
                        draft.say(f"The page says: “{sentence.strip()}” {marker}")
                        return

    def _with_sample(self, medians: list[dict[str, Any]], offers: list[dict[str, Any]], fmt: Any) -> tuple[str, str]:
        """The median and its offers count; when pages disagree, each median with its own page's count."""
        values = self._figures.alternatives("platform_stats", medians)
        if len(values) == 1:
            sample = self._figures.figure("platform_stats", offers, _offers)
            return self._figures.figure("platform_stats", medians, fmt), f", based on {sample}"
        pieces = []
        for group in values:
            pages = {row["doc_id"] for row in group}
            same_page = [row for row in offers if row["doc_id"] in pages]
            sample = f", based on {self._figures.figure('platform_stats', same_page, _offers)}" if same_page else ""
            pieces.append(f"{fmt(group[0])} {cite_all(self._figures.draft, group)}{sample}")
        if {row["doc_id"] for row in offers} <= {row["doc_id"] for row in medians}:
            self._figures.alternatives("platform_stats", offers)  # every count is written next to its median
        return ", or ".join(pieces), ""
