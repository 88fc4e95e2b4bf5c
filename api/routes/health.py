"""GET /healthz (alive), GET /readyz (index and statistics loaded), GET /metrics (Prometheus)."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import OpsDep, OpsDetailsDep, ServiceDep
from api.routes import error_responses
from api.schemas import HealthStatus, ReadyStatus
from assistant.errors import IndexNotReady

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthStatus)
async def healthz() -> HealthStatus:
    """Liveness: 200 whenever the process answers HTTP, even while the index is loading or damaged."""
    return HealthStatus(status="ok")


@router.get(
    "/readyz",
    response_model=ReadyStatus,
    response_model_exclude_none=True,
    responses=error_responses(401, 429, 503),
)
async def readyz(service: ServiceDep, details: OpsDetailsDep) -> ReadyStatus:
    """Readiness: 200 once a verified build is loaded, 503 until then (details need the API key when
    ASSISTANT_PROTECT_OPS is on)."""
    try:
        assistant = service.require_assistant()
        if not assistant.ready():
            raise IndexNotReady("the index or the statistics are not loaded; run the ingest (assistant ingest)")
    except IndexNotReady:
        if details:
            raise
        raise IndexNotReady("not ready") from None
    if not details:
        return ReadyStatus(status="ready")
    try:
        fingerprints = assistant.fingerprints()
    except OSError as error:  # the build's files went away under us (removed by hand): not ready, not a 500
        raise IndexNotReady(f"the loaded build's files are unreadable ({error}); run `assistant ingest`") from error
    return ReadyStatus(status="ready", fingerprints=public_fingerprints(fingerprints))


def public_fingerprints(fingerprints: dict[str, Any]) -> dict[str, Any]:
    """The build fingerprints without file system paths (the model's location is the server's business)."""
    return {
        name: value
        for name, value in fingerprints.items()
        if not (isinstance(value, str) and (PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()))
    }


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {"description": "Prometheus text format.", "content": {CONTENT_TYPE_LATEST: {}}},
        **error_responses(401, 429),
    },
)
async def metrics(service: ServiceDep, _ops: OpsDep) -> Response:
    """Prometheus metrics: request latency by route, answers by route, abstentions, errors by code."""
    return Response(service.metrics.render(), media_type=CONTENT_TYPE_LATEST)
