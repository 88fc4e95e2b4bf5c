"""GET /healthz (alive), GET /readyz (index and statistics loaded), GET /metrics (Prometheus)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import ServiceDep
from api.routes import error_responses
from api.schemas import HealthStatus, ReadyStatus
from assistant.errors import IndexNotReady

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthStatus)
async def healthz() -> HealthStatus:
    """Liveness: 200 whenever the process answers HTTP, even while the index is loading."""
    return HealthStatus(status="ok")


@router.get("/readyz", response_model=ReadyStatus, responses=error_responses(503))
async def readyz(service: ServiceDep) -> ReadyStatus:
    """Readiness: 200 once the index and statistics are loaded, 503 until then."""
    assistant = service.require_assistant()
    if not assistant.ready():
        raise IndexNotReady("the index or the statistics are not loaded; run the ingest (assistant ingest)")
    return ReadyStatus(status="ready", fingerprints=assistant.fingerprints())


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"description": "Prometheus text format.", "content": {CONTENT_TYPE_LATEST: {}}}},
)
async def metrics(service: ServiceDep) -> Response:
    """Prometheus metrics: request latency by route, answers by route, abstentions, errors by code."""
    return Response(service.metrics.render(), media_type=CONTENT_TYPE_LATEST)
