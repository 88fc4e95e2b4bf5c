"""From understood slots to a grounded answer: plan the statistics tool calls, run them, compose the text.

The composer is deterministic. It writes figures as the sources write them (the rows' `raw` text), gives
their context (year, sample size, what the figure measures), numbers its citations, and says so when two
sources differ in kind or contradict each other instead of blending them. An empty tool result becomes an
abstention that says what the data does cover.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from typing import Any

from assistant.answer_figures import FigureWriter, cite_all, claim_called, source_notes
from assistant.answer_platform import PlatformAnswers
from assistant.answer_salaries import GuideSalaryAnswers
from assistant.asked_measure import figure_unstated
from assistant.draft import Draft
from assistant.models import ToolCall
from assistant.partial_coverage import Uncovered, uncovered_alongside
from assistant.retrieval import source_span
from assistant.statistics.conflicts import contradicted_claims, group_figures, split_values
from assistant.statistics.store import StatsStore
from assistant.statistics.tools import StatsTools, ToolResult
from assistant.text_terms import split_sentences
from assistant.unasked_figures import other_figure_asked, price_asked, share_of_dollars
from assistant.understanding import Slots

MEMO_SIZE = 4096


def _mentioned(draft: Draft, place: str) -> str:
    """Where the documents name a place they give no figure for ("Major tech hubs like ... Boston ..."), quoted
    and cited, so the refusal still says what the sources do say about it; "" when they never name it."""
    named = re.compile(rf"(?<![A-Za-z]){re.escape(place)}(?![A-Za-z])", re.IGNORECASE)
    for doc_id, doc in draft.documents.items():
        for number, line in enumerate(doc.lines, start=1):
            if line.lstrip().startswith("#") or not named.search(line):
                continue
            sentence = next((s for s in split_sentences(line) if named.search(s)), line.strip())
            marker = draft.cite_row({"doc_id": doc_id, "line": number, "raw": sentence})
            ending = "" if sentence.endswith((".", "!", "?")) else "."
            return f" The sources mention it, but with no salary figure {marker}: “{sentence}”{ending}"
    return ""


class StatisticsAnswerer(GuideSalaryAnswers, PlatformAnswers):
    """Plans and runs the statistics tool calls for one question and writes the statistics part."""

    def __init__(self, tools: StatsTools, store: StatsStore) -> None:
        self._tools = tools
        self._store = store
        self._memo: dict[tuple[str, str], tuple[ToolResult, dict[str, Any]]] = {}
        self._memo_lock = threading.Lock()
        self._coverage: dict[str, Any] | None = None
        self._local = threading.local()  # the FigureWriter of the answer this thread is writing

    def coverage(self) -> dict[str, Any]:
        if self._coverage is None:
            result = self._tools.run("coverage", {})
            self._coverage_dump = result.model_dump()
            self._coverage = result.derived
        return self._coverage

    def forget_results(self) -> None:
        """Drop memoised tool results (coverage is build metadata, computed once at load, and stays)."""
        with self._memo_lock:
            self._memo.clear()

    def call(self, draft: Draft, tool: str, **arguments: Any) -> ToolResult:
        """Run a tool, memoised: a build's statistics never change, and DuckDB round trips add up."""
        key = (tool, json.dumps(arguments, sort_keys=True, default=str))
        with self._memo_lock:
            cached = self._memo.get(key)
        if cached is None:
            result = self._tools.run(tool, arguments)
            cached = (result, result.model_dump())
            with self._memo_lock:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.pop(next(iter(self._memo)))
                self._memo[key] = cached
        result, dumped = cached
        draft.tool_calls.append(ToolCall(tool=tool, arguments=arguments, result=dumped))
        draft.results.append(result)
        return result

    # -- what the data covers ------------------------------------------------------------------

    def coverage_summary(self, draft: Draft) -> str:
        c = self.coverage()
        draft.tool_calls.append(ToolCall(tool="coverage", arguments={}, result=self._coverage_dump))
        return source_notes()["coverage"].format(
            platform_years=", ".join(str(y) for y in c.get("platform_years", [])),
            salary_year=c.get("salary_data_year"),
            roles=", ".join(c.get("roles", [])),
            levels=", ".join(lv for lv in c.get("levels", []) if lv != "Average"),
            cities=", ".join(c.get("cities_with_figures", [])),
        )

    def abstain(self, draft: Draft, reason: str) -> None:
        draft.abstained = True
        draft.say(reason)
        draft.say(self.coverage_summary(draft))

    # -- the plan ------------------------------------------------------------------------------

    def answer(self, s: Slots, draft: Draft) -> None:
        """Write the statistics part; figures the sources state differently are never chosen silently."""
        self._local.writer = FigureWriter(draft)
        try:
            self._answer(s, draft)
            self._local.writer.report()
        finally:
            self._local.writer = None

    def note_quoted_claims(self, draft: Draft) -> None:
        """A documents answer that quotes a ranking claim the figures contradict ("San Francisco: Highest
        overall") says so, as a statistics answer touching it does: the quote alone would state a ranking the
        sources' own figures do not bear out."""
        said = " ".join(draft.parts)  # what the answer says now (a statistics part rolled back noted nothing)
        quoted = [
            claim
            for claim in contradicted_claims(self._store)
            if claim_called(claim) not in said and _quoted(draft, claim["claim"])
        ]
        FigureWriter(draft).say_claims(quoted)

    @property
    def _figures(self) -> FigureWriter:
        return self._local.writer

    def _answer(self, s: Slots, draft: Draft) -> None:
        cov = self.coverage()
        beside = uncovered_alongside(s, cov)
        if beside:  # "ML engineer pay in New York and in Berlin": New York's figures, and Berlin said to have none
            self._answer(beside.covered, draft)
            if not draft.abstained:
                self._say_uncovered(beside, draft)
            return
        if s.coverage and not s.roles and not s.years and s.platform_metric in (None, "all"):
            draft.say(self.coverage_summary(draft))
            return
        if s.unknown_place and (s.salary or s.rank or s.roles or s.platform_metric):
            self.abstain(
                draft,
                f"I have no salary data for {s.unknown_place}.{_mentioned(draft, s.unknown_place)} "
                + source_notes()["place_not_covered"],
            )
            return
        if s.unknown_role and (s.salary or s.rank or s.level or s.platform_metric or s.experience_years):
            self.abstain(
                draft,
                f"I have no salary data for {_plural(s.unknown_role)}: " + source_notes()["role_not_covered"],
            )
            return
        wants_platform = bool(s.platform_metric) or (
            (s.salary or s.compare)
            and not s.tools  # "trending tools in 2025 vs 2024, what changed?": the lists, not the headline figures
            and not s.roles
            and not s.city
            and not s.level
            and not s.market_metric
            and not s.companies
            and not s.extra_comp
            and (s.platform_population or bool(s.years))
        )
        unstated = (
            f"no {s.unstated_period} pay figures: " + source_notes()["period_not_covered"]
            if s.unstated_period and s.salary
            else f"no figures in {s.unstated_currency}: " + source_notes()["currency_not_covered"]
            if s.unstated_currency and (s.salary or s.platform_metric or s.market_metric or s.roles)
            else None
        )
        if unstated:
            # "what's the hourly rate for a data scientist?", "... in euros?": no source states one and nothing
            # converts it; say so, then give what they do state
            draft.say(f"The sources give {unstated}")
            self._answer(replace(s, unstated_period=None, unstated_currency=None), draft)
            draft.abstained = True
            return
        if s.prediction and (wants_platform or s.salary):
            self.abstain(draft, "I don't make forecasts: I can only report the figures in the sources.")
            return
        if other_figure_asked(s):  # "what percent of ML engineers work remotely": not their pay
            who = s.roles[0] + "s" if s.roles else s.city
            self.abstain(draft, source_notes()["figure_not_given"].format(who=who))
            return
        if price_asked(s):  # "how much does Google AutoML cost?": Google's salaries are no price of its tools
            self.abstain(draft, source_notes()["price_not_given"])
            return
        if share_of_dollars(s):  # "the average bonus percentage": no percentage stated; the dollars are
            draft.say(source_notes()["share_not_given"])
            self._answer(replace(s, corrected=""), draft)
            draft.abstained = True
            return
        if wants_platform:
            self._platform(s, draft)
            if (s.roles or s.market_metric) and not draft.abstained:
                # "How does the 2025 median compare with ML engineer salaries?": both, kept apart.
                if s.roles:
                    self._roles(replace(s, compare=False, years=[]), draft)
                else:
                    self._market(s, draft)
                draft.say(source_notes()["kinds_differ"])
            return
        if s.market_metric and not s.roles:
            self._market(s, draft)
            return
        if s.tools:
            self._tools_list(s, draft)
            return
        if s.companies or s.extra_comp:
            if s.companies and s.roles:
                # "what do ML engineers make at top companies?": the role's rows (a level's own top-company
                # figure shows where the guide gives one), then the guide's line on the companies.
                self._roles(replace(s, companies=False), draft)
            if s.companies:
                self._quote(draft, "company_salaries", "The guide says:", s.corrected or "")
            if s.extra_comp:
                self._quote(draft, "extra_compensation", "On top of base salary, the guide says:", s.corrected or "")
            return
        if (
            s.years
            and any(y not in cov.get("salary_data_years", []) for y in s.years)
            and (s.roles or s.city or s.level)
        ):
            years = ", ".join(str(y) for y in cov.get("salary_data_years", []))
            self.abstain(
                draft,
                f"The guide's US salaries are for {years} only; I have no role or city salaries for other years.",
            )
            return
        if s.rank:
            self._rank(s, draft)
            return
        if s.city:
            self._city(s, draft)
            return
        if s.roles or s.level or s.experience_years is not None:
            self._roles(s, draft)
            if s.market_metric and s.roles and not draft.abstained:
                self._market(s, draft)  # "is the ML engineer average above the average tech salary?": both
            return
        if s.salary:
            self._overview(draft)
            return
        self.abstain(draft, "I couldn't tell which figure you are asking about.")

    def _say_uncovered(self, beside: Uncovered, draft: Draft) -> None:
        """After the covered values' figures: the places and years asked beside them that have none (a platform
        year through its tool, whose note says which years it has; the guide's year from its coverage)."""
        if beside.places:
            draft.echo(beside.places_note())  # the asker's own place names
        if beside.years and beside.guide_years:
            years = ", ".join(str(y) for y in self.coverage().get("salary_data_years", []))
            draft.say(f"The guide's US salaries are for {years} only; I have no role or city salaries for other years.")
            return
        for year in beside.years:
            metric = beside.covered.platform_metric or "median_salary_expectation"
            result = self.call(
                draft, "platform_stat", metric="median_salary_expectation" if metric == "all" else metric, year=year
            )
            draft.say(f"I have no platform statistics for {year}: {result.note}.")

    # -- guide: roles and levels ---------------------------------------------------------------

    def _market(self, s: Slots, draft: Draft) -> None:
        result = self.call(draft, "market_figure", metric=s.market_metric)
        if not result.found:
            self.abstain(draft, f"I have no such market figure: {result.note}.")
            return
        missing = [figure_unstated(s.corrected or "", row["description"]) for row in result.rows]
        if missing and all(missing):
            # "how many AI job postings were there in 2021?": the postings' figure is a growth in percent, no count
            self.abstain(draft, f"I have no such market figure: the sources give no {missing[0]}.")
            return
        for group in group_figures("market_figures", result.rows):
            for values in split_values("market_figures", group):
                draft.say(f"{values[0]['description'].lstrip('- ').strip()} {cite_all(draft, values)}")

    def _tools_list(self, s: Slots, draft: Draft) -> None:
        """Each year's list asked ("... in 2025 vs 2024?"), or every list; a year with none is said, the rest given."""
        missing: list[str] = []
        for year in list(dict.fromkeys(s.years)) or [None]:
            result = self.call(draft, "trending_tools", year=year)
            if not result.found:
                missing.append(result.note)
                continue
            by_year: dict[int, list[dict[str, Any]]] = {}
            for row in result.rows:
                by_year.setdefault(row["year"], []).append(row)
            for tool_year, rows in by_year.items():
                names = ", ".join(dict.fromkeys(r["tool"] for r in rows))
                pages = list({r["doc_id"]: r for r in reversed(rows)}.values())[::-1]  # first row of each page
                draft.say(
                    f"The {tool_year} page lists {len(set(r['tool'] for r in rows))} distinct trending AI and "
                    f"Machine Learning tech & tools: {names} {cite_all(draft, pages)}."
                )
                draft.years.append(tool_year)
        if missing and not draft.years:
            self.abstain(draft, f"I have no trending-tools list for that: {'; '.join(missing)}.")
        elif missing:
            # the tool's note: "no trending-tools list for 2024 (...)"
            draft.say(f"The sources have {'; '.join(missing)}.")

    def _quote(self, draft: Draft, tool: str, lead: str, asked: str = "") -> None:
        """Quote the guide's own line for a one-row table (companies, extra compensation), unless it does not state
        the measure `asked` ("how long do stock options take to vest?": the line gives dollars a year, no time)."""
        result = self.call(draft, tool)
        lines = [draft.documents[row["doc_id"]].line(row["line"]) for row in result.rows]
        missing = [figure_unstated(asked, line) for line in lines] if asked else []
        if result.found and missing and all(missing):
            self.abstain(draft, f"The sources give no {missing[0]} for that.")
            return
        if result.found:
            # The first figure's line, once per distinct value (sources that disagree are both quoted).
            for values in self._figures.alternatives(tool, group_figures(tool, result.rows)[0]):
                row = values[0]
                line = draft.documents[row["doc_id"]].line(row["line"]).lstrip("- ").strip()
                draft.say(f"{lead} {line} {cite_all(draft, values)}.")

    def _overview(self, draft: Draft) -> None:
        """'How much do AI people earn?': both kinds of figure, kept apart."""
        latest = (self.coverage().get("platform_years") or [None])[-1]
        platform = self.call(draft, "platform_stat", metric="median_salary_expectation", year=latest)
        ranked = self.call(draft, "rank", dimension="role", order="highest", level="Average")
        if platform.found:
            draft.say(
                f"The sources have two kinds of salary figure. On the job platform, the median salary "
                f"expectation for AI and Machine Learning developers in {latest} was "
                f"{self._figures.figure('platform_stats', platform.rows)}."
            )
            draft.years.append(int(latest))
        if ranked.found:
            roles = "; ".join(
                f"{group[0]['role']} {self._figures.figure('role_salaries', group)}"
                for group in group_figures("role_salaries", ranked.rows)
            )
            draft.say(f"The career guide's US average base salaries ({self._data_year()}) are: {roles}.")
        draft.say(source_notes()["kinds_differ"])


def _quoted(draft: Draft, row: dict[str, Any]) -> bool:
    """Whether a passage citation of the draft quotes the claim's line (its document, its line, its words)."""
    for citation in draft.citations:
        doc, first, last = source_span(citation.source)
        if doc != row["doc_id"] or citation.score is None or str(row["raw"]).lower() not in citation.snippet.lower():
            continue
        if first <= int(row["line"]) <= last:
            return True
    return False


def _plural(title: str) -> str:
    """'Heads of AI' for a title named by its field ("Head of AI"), else the title with an s ("Java Developers")."""
    noun, of, field = title.partition(" of ")
    return f"{noun}s{of}{field}" if of else f"{title}s"
