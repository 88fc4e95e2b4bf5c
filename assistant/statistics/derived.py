"""Figures computed from statistics rows: changes between years, gaps between levels, monthly amounts,
rankings. Each takes rows as the tools select them; none chooses between rows that disagree (the tools pass
one row per candidate value and report every candidate).
"""

from __future__ import annotations

import math
from typing import Any

Row = dict[str, Any]


def rank_rows(
    rows: list[Row], dimension: str, order: str, compared: str, limit: int
) -> tuple[list[Row], list[dict[str, Any]]]:
    """Rows sorted on `compared`, the top `limit` entities kept, and a compact ranking.

    An entity stated by several documents has several rows: the limit counts entities, not rows, and the
    ranking lists each of its distinct values (two when the sources disagree) under its first position.
    """
    ordered = sorted(rows, key=lambda row: row[compared], reverse=order == "highest")
    positions: dict[tuple[Any, Any], int] = {}
    for row in ordered:
        positions.setdefault((row[dimension], row["role"]), len(positions) + 1)
    ranked = [row for row in ordered if positions[(row[dimension], row["role"])] <= limit]
    entries = {
        (row[dimension], row["role"], number(row[compared])): positions[(row[dimension], row["role"])] for row in ranked
    }
    ranking = [
        {"rank": rank, dimension: name, "role": role, "value": value} for (name, role, value), rank in entries.items()
    ]
    return ranked, ranking


def values_by_year(rows: list[Row]) -> dict[int, Any]:
    """Year -> value, or -> the list of values when the sources disagree on that year's figure."""
    values: dict[int, list[int | float]] = {}
    for row in rows:
        values.setdefault(row["year"], [])
        if number(row["value"]) not in values[row["year"]]:
            values[row["year"]].append(number(row["value"]))
    return {year: found[0] if len(found) == 1 else found for year, found in values.items()}


def gap(start: Row, end: Row) -> dict[str, Any]:
    """Gap between two role salary rows: low ends (and high ends when both are ranges)."""
    difference_low = end["value_low"] - start["value_low"]
    gap: dict[str, Any] = {
        "from_value": number(start["value_low"]),
        "to_value": number(end["value_low"]),
        "difference_low": number(difference_low),
        "percent_change": round(difference_low / start["value_low"] * 100, 1),
    }
    if start["value_high"] is not None and end["value_high"] is not None:
        gap["difference_high"] = number(end["value_high"] - start["value_high"])
    return gap


def monthly_figures(row: Row) -> dict[str, Any]:
    figures = {"monthly_low": monthly(row["value_low"])}
    if row["value_high"] is not None:
        figures["monthly_high"] = monthly(row["value_high"])
    if row["top_company_value"] is not None:
        figures["monthly_top_company"] = monthly(row["top_company_value"])
    return figures


def change(start_row: Row, end_row: Row) -> dict[str, Any]:
    """Difference and percent change from one row's value to another's."""
    start, end = start_row["value"], end_row["value"]
    difference = end - start
    return {
        "from_value": number(start),
        "to_value": number(end),
        "difference": number(difference),
        "percent_change": round(difference / start * 100, 1) if start else None,
        "direction": "up" if difference > 0 else "down" if difference < 0 else "same",
    }


def number(value: float) -> int | float:
    """A figure without float noise: whole numbers as int."""
    rounded = round(float(value), 6)
    return int(rounded) if rounded.is_integer() else rounded


def monthly(annual: float) -> int:
    """Annual / 12 rounded half up to whole dollars."""
    return math.floor(annual / 12 + 0.5)
