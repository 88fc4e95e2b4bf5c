"""Extractors for the job-platform page template "... Developer Salary in YYYY".

The page shows labelled headline figures ("Total:" then "45" on the next line, or on the same line) and
may list "Trending ... tools in YYYY". The year always comes from the page's own title, so a new year's
page of the same template adds rows without code changes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.statistics.records import PlatformStat, TrendingTool
from assistant.statistics.text import BodyLine, ParsedDoc, parse_amount

_PAGE_YEAR = re.compile(r"\bSalary in (?P<year>\d{4})\s*$", re.IGNORECASE)
_BARE_FIGURE = re.compile(r"^(?P<raw>\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$?\d+(?:\.\d+)?)$")
_TOOLS_HEADING = re.compile(r"^Trending\b.*\btools in (?P<year>\d{4})\s*$", re.IGNORECASE)
_LONGEST_TOOL_NAME = 80  # a longer line is prose, not a list item


@dataclass(frozen=True)
class HeadlineLabel:
    """A labelled headline figure of the platform page and what it measures."""

    pattern: re.Pattern[str]
    metric: str
    unit: str


HEADLINE_LABELS: tuple[HeadlineLabel, ...] = (
    HeadlineLabel(re.compile(r"^Total:\s*(?P<rest>.*)$", re.I), "offers_total", "offers"),
    HeadlineLabel(
        re.compile(r"^Median Salary Expectations?:\s*(?P<rest>.*)$", re.I), "median_salary_expectation", "USD"
    ),
    HeadlineLabel(re.compile(r"^Proposals:\s*(?P<rest>.*)$", re.I), "proposals", "proposals"),
)


def page_year(doc: ParsedDoc) -> int | None:
    """Year of a platform page, from its title or else from its title line in the text."""
    match = _PAGE_YEAR.search(doc.title)
    if match:
        return int(match.group("year"))
    for line in doc.body:
        match = _PAGE_YEAR.search(line.text)
        if match:
            return int(match.group("year"))
    return None


def extract_platform_stats(doc: ParsedDoc) -> list[PlatformStat]:
    """Headline figures of a platform page: the first figure after each label, on its line or the next."""
    year = page_year(doc)
    if year is None:
        return []
    stats: list[PlatformStat] = []
    seen: set[str] = set()
    for position, line in enumerate(doc.body):
        for label in HEADLINE_LABELS:
            match = label.pattern.match(line.text)
            if not match or label.metric in seen:
                continue
            figure_line = line
            figure_text = match.group("rest").strip()
            if not figure_text:
                following = next(doc.nonblank_after(position), None)
                if following is None:
                    continue
                figure_line, figure_text = following[1], following[1].text
            figure = _BARE_FIGURE.match(figure_text)
            if not figure:
                continue
            seen.add(label.metric)
            raw = figure.group("raw")
            stats.append(
                PlatformStat(
                    year,
                    label.metric,
                    parse_amount(raw),
                    label.unit,
                    raw,
                    doc.doc_id,
                    figure_line.number,
                    figure_line.section,
                )
            )
    return stats


def extract_trending_tools(doc: ParsedDoc) -> list[TrendingTool]:
    """The list under "Trending ... tools in YYYY", one row per distinct name with its mention count."""
    tools: list[TrendingTool] = []
    for position, line in enumerate(doc.body):
        heading = _TOOLS_HEADING.match(line.text)
        if not heading:
            continue
        items = _list_after(doc, position)
        counts = Counter(item.text.casefold() for item in items)
        listed: set[str] = set()
        for item in items:
            key = item.text.casefold()
            if key not in listed:
                listed.add(key)
                tools.append(
                    TrendingTool(
                        int(heading.group("year")),
                        item.text,
                        counts[key],
                        item.text,
                        doc.doc_id,
                        item.number,
                        item.section,
                    )
                )
    return tools


def _list_after(doc: ParsedDoc, position: int) -> list[BodyLine]:
    """The block of short consecutive lines after a heading; a blank line, heading or prose ends it."""
    items: list[BodyLine] = []
    for line in doc.body[position + 1 :]:
        if not line.text:
            if items:
                break
            continue
        if line.heading_level is not None or len(line.text) > _LONGEST_TOOL_NAME:
            break
        items.append(line)
    return items
