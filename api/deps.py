"""Dependencies as `Annotated` aliases: service state, the loaded assistant, client guard, admin guard.

All are `async def` so FastAPI runs them on the event loop rather than hopping to the threadpool.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.state import ServiceState
from assistant.errors import NotFound, RateLimited, Unauthorized
from assistant.pipeline import Assistant
from assistant.settings import Settings

client_bearer = HTTPBearer(
    scheme_name="ApiKey",
    description="API key (`Authorization: Bearer <key>`), required only when ASSISTANT_API_KEY is set.",
    auto_error=False,
)
admin_bearer = HTTPBearer(
    scheme_name="AdminToken",
    description="Admin token (`Authorization: Bearer <token>`) from ASSISTANT_ADMIN_TOKEN.",
    auto_error=False,
)


async def get_service(request: Request) -> ServiceState:
    return request.app.state.service


ServiceDep = Annotated[ServiceState, Depends(get_service)]


async def get_settings(service: ServiceDep) -> Settings:
    return service.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_assistant(service: ServiceDep) -> Assistant:
    return service.require_assistant()


AssistantDep = Annotated[Assistant, Depends(get_assistant)]


async def guard_client(
    request: Request,
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(client_bearer)],
) -> str:
    """Check the optional API key, then take a rate-limit token; returns the client's limiter key."""
    expected = service.settings.api_key
    presented = credentials.credentials if credentials else request.headers.get("x-api-key")
    if expected is not None:
        if not presented:
            raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>'")
        if not secrets.compare_digest(presented.encode(), expected.get_secret_value().encode()):
            raise Unauthorized("the API key is not valid")
        client = "key:" + presented
    else:
        client = "ip:" + (request.client.host if request.client else "unknown")
    retry_after = service.limiter.check(client)
    if retry_after is not None:
        limit = service.limiter.rate_per_minute
        raise RateLimited(
            f"rate limit exceeded: {limit} requests per minute per client; retry in {retry_after} s",
            retry_after_seconds=retry_after,
        )
    return client


ClientDep = Annotated[str, Depends(guard_client)]


async def guard_admin(
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(admin_bearer)],
) -> None:
    """Admin endpoints exist only when an admin token is configured, and need it as a bearer token."""
    expected = service.settings.admin_token
    if expected is None:
        raise NotFound("admin endpoints are off: set ASSISTANT_ADMIN_TOKEN to enable them")
    if credentials is None:
        raise Unauthorized("admin token required: send 'Authorization: Bearer <token>'")
    if not secrets.compare_digest(credentials.credentials.encode(), expected.get_secret_value().encode()):
        raise Unauthorized("the admin token is not valid")


AdminDep = Annotated[None, Depends(guard_admin)]
