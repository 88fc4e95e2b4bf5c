"""GET /stats and GET /stats/{table}: read-only statistics tables with their provenance, no chat needed."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep, guard_client
from api.routes import error_responses
from api.schemas import StatsRows, StatsTables
from assistant.statistics.conflicts import contests, contradicted_claims, mark_contested

router = APIRouter(prefix="/stats", tags=["statistics"], dependencies=[Depends(guard_client)])


@router.get("", response_model=StatsTables, responses=error_responses(401, 429, 503))
async def list_tables(assistant: AssistantDep) -> StatsTables:
    """List the statistics tables."""
    store = assistant.stats
    tables, contested, claims = await run_in_threadpool(
        lambda: (store.tables(), contests(store), contradicted_claims(store))
    )
    return StatsTables(tables=tables, contested=contested, contradicted_claims=claims)


@router.get("/{table}", response_model=StatsRows, responses=error_responses(400, 401, 404, 422, 429, 503))
async def table_rows(table: str, request: Request, assistant: AssistantDep) -> StatsRows:
    """Rows of one table; filter with `?column=value` query parameters (whitelisted columns only)."""
    filters = dict(request.query_params)
    store = assistant.stats
    rows = await run_in_threadpool(store.rows, table, filters)
    contested = await run_in_threadpool(mark_contested, store, table, rows)  # flags the competing rows
    return StatsRows(table=table, filters=filters, count=len(rows), rows=rows, contested=contested)
