"""The chart a reply's statistics make, built in one place from the reply's tool results (a pure function).

A salary answer that spans several levels, roles, cities or years reads better as a small chart: range bars
by level, bars by city or role, years side by side. `chart_for` finds the one dimension the returned rows
vary along (the others held constant) and turns each row into a point carrying its figure as the document
writes it and the number of the citation behind it. The chat API sends the result as `chart`, so every
client draws the same data; the web page draws it as inline SVG (api/static/app.js).

No chart when it would mislead or add nothing: fewer than two points, rows that vary along two dimensions
at once, different metrics or units mixed, or a figure the sources disagree on (the answer then gives
each value with its own citation, and a chart would have to pick one).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.models import Citation, Reply

ChartKind = Literal["range_by_level", "bars_by_city", "bars_by_role", "years"]
# The row column a chart's points differ in, and the kind of chart that draws it.
_DIMENSIONS: tuple[tuple[str, ChartKind], ...] = (
    ("level", "range_by_level"),
    ("city", "bars_by_city"),
    ("role", "bars_by_role"),
    ("year", "years"),
)
_MIN_POINTS = 2


class ChartPoint(BaseModel):
    """One bar: a label, the figure (a range when the document gives one) and its source."""

    label: str = Field(description="What the bar is: a level, city, role or year.")
    value: float = Field(description="The figure (the low end of a range).")
    low: float | None = Field(None, description="Low end of a range; null for a single figure.")
    high: float | None = Field(None, description="High end of a range; null for a single figure.")
    text: str = Field(description="The figure as the document writes it, e.g. '$120,368 - $193,263'.")
    citation: int | None = Field(None, description="Number of the citation ([n]) the figure comes from.")


class Chart(BaseModel):
    """Data for one small chart of the reply's figures, drawn by the web page and available to any client."""

    kind: ChartKind = Field(description="range_by_level, bars_by_city, bars_by_role or years.")
    title: str = Field(description="What the chart shows, in plain words.")
    unit: str = Field(description="Unit of the values, e.g. 'USD per year', 'USD', 'offers'.")
    series: list[ChartPoint] = Field(description="The bars, in the order the answer gives them.")
    summary: str = Field(description="The chart as one sentence: its text alternative.")


def chart_for(reply: Reply) -> Chart | None:
    """The chart of the reply's statistics, or None when they do not make one (see the module docstring)."""
    rows = _figure_rows(reply)
    if len(rows) < _MIN_POINTS or len({row.get("metric") for row in rows}) > 1:
        return None
    for column, kind in _DIMENSIONS:
        if not _varies_only_in(rows, column):
            continue
        labels = [str(row[column]) for row in rows]
        if len(set(labels)) < len(labels):
            return None  # the same bar twice: a contested figure
        series = [
            _point(label, row, _citation_of(row, reply.citations)) for label, row in zip(labels, rows, strict=True)
        ]
        title = _title(kind, rows[0])
        summary = f"{title}: " + "; ".join(f"{point.label} {point.text}" for point in series) + "."
        return Chart(kind=kind, title=title, unit=_unit(rows[0]), series=series, summary=summary)
    return None


def _figure_rows(reply: Reply) -> list[dict[str, Any]]:
    """Rows with a figure, from every tool result, each once (two lookups may return the same row)."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for call in reply.tool_calls:
        result = call.result if isinstance(call.result, dict) else {}
        for row in result.get("rows") or []:
            if not isinstance(row, dict) or not isinstance(row.get("value", row.get("value_low")), int | float):
                continue
            key = tuple(sorted((name, str(value)) for name, value in row.items()))
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def _varies_only_in(rows: list[dict[str, Any]], column: str) -> bool:
    """True when every row has `column`, and the other dimensions and the unit are the same in all rows."""
    if any(row.get(column) in (None, "") for row in rows):
        return False
    others = [name for name, _ in _DIMENSIONS if name != column] + ["unit", "period", "market"]
    return all(len({str(row.get(name)) for row in rows}) == 1 for name in others)


def _citation_of(row: dict[str, Any], citations: list[Citation]) -> int | None:
    """The citation whose source covers the row's line: 'doc.md:12' or a passage 'doc.md:10-15'."""
    line = row.get("line")
    for citation in citations:
        document, _, lines = citation.source.rpartition(":")
        first, _, last = lines.partition("-")
        if document != row.get("doc_id") or not first.isdigit() or not isinstance(line, int):
            continue
        if int(first) <= line <= int(last if last.isdigit() else first):
            return citation.id
    return None


def _point(label: str, row: dict[str, Any], citation: int | None) -> ChartPoint:
    low, high = row.get("value_low"), row.get("value_high")
    value = row["value"] if isinstance(row.get("value"), int | float) else low
    text = str(row.get("raw") or value)
    if high is None:
        return ChartPoint(label=label, value=value, text=text, citation=citation)
    return ChartPoint(label=label, value=value, low=low, high=high, text=text, citation=citation)


def _unit(row: dict[str, Any]) -> str:
    unit = str(row.get("unit") or "USD")
    return f"{unit} per {row['period']}" if row.get("period") else unit


def _title(kind: ChartKind, row: dict[str, Any]) -> str:
    where = ", ".join(str(row[name]) for name in ("market", "data_year") if row.get(name))
    scope = f" ({where})" if where else ""
    if kind == "range_by_level":
        return f"{row.get('role', 'Salary')} salary by experience level{scope}"
    if kind == "bars_by_city":
        return f"{row.get('role', 'Salary')} salary by city{scope}"
    if kind == "bars_by_role":
        level = f" at the {row['level']} level" if row.get("level") else ""
        return f"Salary by role{level}{scope}"
    metric = str(row.get("metric") or "value").replace("_", " ")
    return f"{metric[:1].upper()}{metric[1:]} by year"
