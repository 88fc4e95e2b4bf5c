"""How the statistics answerer writes a figure that several documents state: never one silently.

A figure is the rows of one table that share its key (`stats/figure_keys.toml`). Rows with the same value
are one figure that cites every document stating it; rows with different values are sources that disagree,
and every value is written with its own citation. Whatever contested figure or contradicted ranking claim a
tool result touched and the answer did not already spell out is reported at the end of the answer.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.draft import Draft, article, money, plain, signed_money, signed_pct
from assistant.settings import PROJECT_ROOT
from assistant.statistics.conflicts import rules, split_values

SOURCE_NOTES_PATH = PROJECT_ROOT / "stats" / "source_notes.toml"


@lru_cache(maxsize=8)
def source_notes(path: Path = SOURCE_NOTES_PATH) -> dict[str, str]:
    """What answers say about the sources as a whole (stats/source_notes.toml): corpus knowledge, not code."""
    return {key: str(value) for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items()}


if TYPE_CHECKING:
    from assistant.statistics.tools import ToolResult

Row = dict[str, Any]
DISAGREE = "the sources disagree"


def cite_all(draft: Draft, rows: list[Row]) -> str:
    """Markers for every row (one per document section), e.g. "[1][2]" for one figure stated twice."""
    markers = {draft.cite_row(row) for row in rows}
    return "".join(sorted(markers, key=lambda marker: int(marker.strip("[]"))))


def contest_id(table: str, row: Row) -> tuple[str, str] | None:
    spec = rules().tables.get(table)
    if spec is None:
        return None
    return table, json.dumps(list(spec.key_of(row)), default=str)


def amount(value: float, derived: dict[str, Any]) -> str:
    """A platform figure as the page writes it: dollars for USD, a plain number otherwise."""
    return money(value) if derived.get("unit") == "USD" else plain(value)


def signed_change(difference: float, derived: dict[str, Any]) -> str:
    if derived.get("unit") == "USD":
        return signed_money(difference)
    return f"{'+' if difference > 0 else ''}{plain(difference)}"


def possible_leaders(groups: list[list[dict[str, Any]]], dimension: str, compared: str, order: str) -> list[str]:
    """Names that lead the ranking under some choice among contested values (one name when uncontested)."""
    spans = [(group[0][dimension], [row[compared] for row in group]) for group in groups]
    if all(len(set(values)) == 1 for _, values in spans):
        return [spans[0][0]]  # no contested figure: the ranking's own order decides, ties included
    leaders = []
    for name, values in spans:
        others = [other for other_name, other in spans if other_name != name]
        if order == "highest":
            leads = all(max(values) >= min(other) for other in others)
        else:
            leads = all(min(values) <= max(other) for other in others)
        if leads:
            leaders.append(name)
    return leaders or [spans[0][0]]


def per_candidate(
    candidates: list[dict[str, Any]], value: Callable[[float], str], difference: Callable[[float], str], key: str
) -> str:
    """A derived figure computed once per candidate value: "from $5,640 to $5,808 it is +$168 (+3.0%); ..."."""
    return "; ".join(
        f"from {value(c['from_value'])} to {value(c['to_value'])} it is {difference(c[key])} "
        f"({signed_pct(c.get('percent_change'))})"
        for c in candidates
    )


def unique_rows(rows: list[Row]) -> list[Row]:
    """Rows without repeats of the same document line (memoised results can list a row twice)."""
    return list({(row.get("doc_id"), row.get("line"), row.get("raw")): row for row in rows}.values())


def claim_called(claim: Row) -> str:
    """How a claim sentence names the claim ('calls San Francisco "Highest overall"'): also how an answer is
    checked for having noted it already."""
    return f'calls {claim["subject"]} "{claim["claim"]["raw"]}"'


class StatisticsPart:
    """A part of StatisticsAnswerer kept in its own module (guide salaries, platform figures): what it uses of
    the answerer, which mixes the parts in."""

    if TYPE_CHECKING:  # provided by StatisticsAnswerer

        def call(self, draft: Draft, tool: str, **arguments: Any) -> ToolResult: ...

        def abstain(self, draft: Draft, reason: str) -> None: ...

        def coverage(self) -> dict[str, Any]: ...

        @property
        def _figures(self) -> FigureWriter: ...


class FigureWriter:
    """Writes the figures of one answer and remembers which disagreements the text already spelled out."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.spelled_out: set[tuple[str, str]] = set()
        # A draft may be written by several answer() calls (one per question part): report only this one's.
        self.first_result = len(draft.results)

    def figure(self, table: str, rows: list[Row], fmt: Callable[[Row], str] = lambda row: str(row["raw"])) -> str:
        """One figure: "$5,640 [1]", "1 [1][2]" (same value, two documents) or "$5,808 [1] or $9,999 [2]"."""
        values = split_values(table, unique_rows(rows))
        if len(values) > 1:
            ident = contest_id(table, values[0][0])
            if ident is not None:
                self.spelled_out.add(ident)
        return " or ".join(f"{fmt(group[0])} {cite_all(self.draft, group)}" for group in values)

    def alternatives(self, table: str, rows: list[Row]) -> list[list[Row]]:
        """The distinct values of one figure (each a list of the rows stating it), marked as spelled out."""
        values = split_values(table, unique_rows(rows))
        if len(values) > 1 and (ident := contest_id(table, values[0][0])) is not None:
            self.spelled_out.add(ident)
        return values

    def report(self) -> None:
        """Close the answer: say plainly which figures the sources disagree on, and any contradicted claim."""
        named: list[str] = []
        seen: set[tuple[str, str]] = set()
        claims: list[Row] = []
        for result in self.draft.results[self.first_result :]:
            for contest in result.contested:
                ident = contest_id(contest["table"], contest["rows"][0])
                if ident is None or ident in seen:
                    continue
                seen.add(ident)
                if ident in self.spelled_out:
                    named.append(contest["label"])
                    continue
                values = split_values(contest["table"], contest["rows"])
                listing = "; ".join(f"{group[0]['raw']} {cite_all(self.draft, group)}" for group in values)
                self.draft.say(
                    f"Note that {DISAGREE} on {contest['label']}: {listing}. I can't tell which is right, "
                    f"so I give each value with its source."
                )
            claims.extend(result.contradicted_claims)
        if named:
            figures = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
            self.draft.say(
                f"Note that {DISAGREE} on {figures}: different documents give different values, so I give "
                f"each with its own source rather than pick one."
            )
        self.say_claims(claims)

    def say_claims(self, claims: list[Row]) -> None:
        """A sentence per contradicted claim; the same claim in several documents (a reprint) is one sentence
        citing every copy."""
        grouped: dict[tuple[Any, ...], list[Row]] = {}
        for claim in claims:
            same = (claim["dimension"], claim["subject"], claim["direction"], claim["position"], claim["within"])
            grouped.setdefault(same, []).append(claim)
        for copies in grouped.values():
            self.draft.say(self.claim_sentence(copies))

    def claim_sentence(self, copies: list[Row]) -> str:
        """A ranking claim of the text (every document stating it) and the figures that contradict it."""
        claim = copies[0]
        said, dimension = claim["claim"], claim["dimension"]
        said_rows = [copy["claim"] for copy in copies]
        doc = self.draft.documents.get(said["doc_id"])
        source = f'"{doc.title}"' if doc else said["doc_id"]
        subject = self.figure(claim["table"], claim["subject_rows"])
        ahead_rows: dict[str, list[Row]] = {}
        for row in claim["ahead_rows"]:
            ahead_rows.setdefault(row[dimension], []).append(row)
        ahead = " and ".join(f"{name} ({self.figure(claim['table'], rows)})" for name, rows in ahead_rows.items())
        comparison = "higher" if claim["direction"] == "highest" else "lower"
        within = f" for {article(claim['within'])} {claim['within']}" if claim.get("within") else ""
        return (
            f"Note that {DISAGREE}: {source} {claim_called(claim)} "
            f"{cite_all(self.draft, said_rows)}, yet its figure{within} is {subject}, while {ahead} "
            f"{'has a' if len(ahead_rows) == 1 else 'have'} {comparison} one."
        )
