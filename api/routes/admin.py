"""POST /admin/reindex: rebuild index and statistics atomically, then reload; off without an admin token."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import AdminDep, AssistantDep, ServiceDep
from api.errors import ReindexInProgress
from api.routes import error_responses
from api.schemas import ReindexReport
from assistant.ingest import IngestReport, run_ingest
from assistant.pipeline import Assistant
from assistant.settings import Settings

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/reindex", response_model=ReindexReport, responses=error_responses(401, 404, 409, 503))
async def reindex(_admin: AdminDep, service: ServiceDep, assistant: AssistantDep) -> ReindexReport:
    """Rebuild the index and statistics from the corpus (atomic), then reload the assistant; one at a time."""
    # A threading lock (not asyncio) so the test suite and other threads can hold it too.
    if not service.reindex_lock.acquire(blocking=False):
        raise ReindexInProgress("a reindex is already running; wait for it to finish")
    try:
        report = await run_in_threadpool(_rebuild_and_reload, service.settings, assistant)
    finally:
        service.reindex_lock.release()
    return ReindexReport.model_validate(report.model_dump(mode="json"))


def _rebuild_and_reload(settings: Settings, assistant: Assistant) -> IngestReport:
    report = run_ingest(settings, progress=False)
    assistant.reload()
    return report
