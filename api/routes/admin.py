"""POST /admin/reindex: rebuild index and statistics atomically, then serve it; off without an admin token."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import AdminDep, ServiceDep
from api.routes import error_responses
from api.schemas import ReindexReport
from api.state import ServiceState
from assistant.errors import IngestRunning
from assistant.ingest import IngestReport, run_ingest

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/reindex", response_model=ReindexReport, responses=error_responses(401, 404, 409, 503))
async def reindex(_admin: AdminDep, service: ServiceDep) -> ReindexReport:
    """Rebuild the index and statistics from the corpus (atomic; repairs a damaged build), then serve it."""
    # Works with nothing loaded (no build yet, or a damaged one): that is when a rebuild is needed most.
    # The threading lock answers this worker's second caller at once; the ingest's file lock answers
    # everyone else's (other workers, the CLI) with the same 409.
    if not service.reindex_lock.acquire(blocking=False):
        raise IngestRunning("an ingest is already running on this data directory; wait for it to finish")
    try:
        report = await run_in_threadpool(_rebuild_and_serve, service)
    finally:
        service.reindex_lock.release()
    return ReindexReport.model_validate(report.model_dump(mode="json"))


def _rebuild_and_serve(service: ServiceState) -> IngestReport:
    report = run_ingest(service.settings, progress=False)
    service.refresh()
    return report
