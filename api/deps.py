"""Dependencies as `Annotated` aliases: service state, the loaded assistant, client, admin and ops guards.

All are `async def` so FastAPI runs them on the event loop rather than hopping to the threadpool.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from api.state import ServiceState
from assistant.errors import NotFound, RateLimited, Unauthorized
from assistant.pipeline import Assistant
from assistant.settings import Settings

client_bearer = HTTPBearer(
    scheme_name="ApiKey",
    description="API key (`Authorization: Bearer <key>`), required only when ASSISTANT_API_KEY is set.",
    auto_error=False,
)
client_key_header = APIKeyHeader(
    name="X-API-Key",
    scheme_name="ApiKeyHeader",
    description="The same API key in an `X-API-Key` header, for clients that cannot send a bearer token.",
    auto_error=False,
)
admin_bearer = HTTPBearer(
    scheme_name="AdminToken",
    description="Admin token (`Authorization: Bearer <token>`) from ASSISTANT_ADMIN_TOKEN.",
    auto_error=False,
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(client_bearer)]
KeyHeaderDep = Annotated[str | None, Depends(client_key_header)]


async def get_service(request: Request) -> ServiceState:
    return request.app.state.service


ServiceDep = Annotated[ServiceState, Depends(get_service)]


async def get_settings(service: ServiceDep) -> Settings:
    return service.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_assistant(service: ServiceDep) -> Assistant:
    return service.require_assistant()


AssistantDep = Annotated[Assistant, Depends(get_assistant)]


def client_key(request: Request) -> str:
    """The rate-limit key: the client's address (the socket peer, or what a trusted proxy saw; api/clients.py).

    Never the API key a request presents: a guesser could then spread wrong keys over fresh buckets."""
    return "ip:" + (request.client.host if request.client else "unknown")


def take_token(service: ServiceState, client: str) -> None:
    """Count one request against `client`'s bucket; RateLimited (429 + Retry-After) when it is empty."""
    retry_after = service.limiter.check(client)
    if retry_after is not None:
        limit = service.limiter.rate_per_minute
        raise RateLimited(
            f"rate limit exceeded: {limit} requests per minute per client; retry in {retry_after} s",
            retry_after_seconds=retry_after,
        )


def presented_key(credentials: HTTPAuthorizationCredentials | None, header_key: str | None) -> str | None:
    return credentials.credentials if credentials else header_key


def check_api_key(expected: SecretStr, presented: str | None) -> None:
    if not presented:
        raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
    if not secrets.compare_digest(presented.encode(), expected.get_secret_value().encode()):
        raise Unauthorized("the API key is not valid")


async def guard_client(request: Request, service: ServiceDep, credentials: BearerDep, header_key: KeyHeaderDep) -> str:
    """Take a rate-limit token, then check the optional API key; returns the client's limiter key.

    The token is taken first, so failed attempts count too and a throttled client learns nothing about
    whether a key is right (429 either way)."""
    client = client_key(request)
    take_token(service, client)
    if service.settings.api_key is not None:
        check_api_key(service.settings.api_key, presented_key(credentials, header_key))
    return client


ClientDep = Annotated[str, Depends(guard_client)]


async def guard_admin(
    request: Request,
    service: ServiceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(admin_bearer)],
) -> None:
    """Admin endpoints exist only when an admin token is configured, and need it as a bearer token.
    Every attempt counts against the client's rate limit, like the client endpoints."""
    take_token(service, client_key(request))
    expected = service.settings.admin_token
    if expected is None:
        raise NotFound("admin endpoints are off: set ASSISTANT_ADMIN_TOKEN to enable them")
    if credentials is None:
        raise Unauthorized("admin token required: send 'Authorization: Bearer <token>'")
    if not secrets.compare_digest(credentials.credentials.encode(), expected.get_secret_value().encode()):
        raise Unauthorized("the admin token is not valid")


AdminDep = Annotated[None, Depends(guard_admin)]


async def ops_details_allowed(
    request: Request, service: ServiceDep, credentials: BearerDep, header_key: KeyHeaderDep
) -> bool:
    """Whether this caller may see operational details (/readyz fingerprints, load errors).

    Always, unless ASSISTANT_PROTECT_OPS is on; then only with the API key. A caller without a key gets the
    bare status (load balancers' probes send none, and are not rate-limited); a wrong key is a failed
    authentication like any other: counted, then 401."""
    settings = service.settings
    if not settings.protect_ops or settings.api_key is None:
        return True
    presented = presented_key(credentials, header_key)
    if not presented:
        return False
    take_token(service, client_key(request))
    check_api_key(settings.api_key, presented)
    return True


OpsDetailsDep = Annotated[bool, Depends(ops_details_allowed)]


async def guard_ops(request: Request, service: ServiceDep, credentials: BearerDep, header_key: KeyHeaderDep) -> None:
    """/metrics: public unless ASSISTANT_PROTECT_OPS is on; then the API key is required (counted like /chat)."""
    settings = service.settings
    if not settings.protect_ops or settings.api_key is None:
        return
    take_token(service, client_key(request))
    check_api_key(settings.api_key, presented_key(credentials, header_key))


OpsDep = Annotated[None, Depends(guard_ops)]
