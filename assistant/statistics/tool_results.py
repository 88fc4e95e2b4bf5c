"""A statistics tool's result, and the two ways the tools build one besides found rows: a value outside the
data (`not_found`, with a note naming what is covered) and a ranking (`ranking_result`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from assistant.statistics.derived import rank_rows
from assistant.statistics.tool_queries import Row


class ToolResult(BaseModel):
    """One tool call's outcome, as recorded in a reply's tool_calls."""

    tool: str
    arguments: dict[str, Any]
    found: bool
    rows: list[dict[str, Any]] = Field(default_factory=list)
    derived: dict[str, Any] = Field(default_factory=dict)
    note: str = ""
    # Figures the rows state with different values in different documents (each with its competing rows),
    # and ranking claims of the text that the rows' figures contradict: the answer must report both sides.
    contested: list[dict[str, Any]] = Field(default_factory=list)
    contradicted_claims: list[dict[str, Any]] = Field(default_factory=list)


def ranking_result(
    args: dict[str, Any],
    rows: list[Row],
    dimension: str,
    order: str,
    compared: str,
    limit: int,
    extra: dict[str, Any],
) -> ToolResult:
    """Rows sorted on `compared`, the top `limit` kept, with a compact ranking in `derived`."""
    ranked, ranking = rank_rows(rows, dimension, order, compared, limit)
    derived = {"dimension": dimension, "order": order, "compared": compared, "ranking": ranking, **extra}
    note = "" if ranked else f"no {dimension} has a figure to rank"
    return ToolResult(tool="rank", arguments=args, found=bool(ranked), rows=ranked, derived=derived, note=note)


def not_found(tool: str, arguments: dict[str, Any], note: str) -> ToolResult:
    return ToolResult(tool=tool, arguments=arguments, found=False, note=note)
