"""The OpenAPI document, made to match what this server (with these settings) actually enforces.

FastAPI derives the document from the routes; some truths depend on settings and cross-cutting guards
it cannot see: the message length limit, whether an API key is configured at all (no key: no security
requirement), whether the admin endpoints exist (only with an admin token), what the ops endpoints need
under ASSISTANT_PROTECT_OPS, and the errors the body guard (api/middleware.py) and the rate limiter
answer before a route runs.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.routes import error_responses
from assistant.settings import Settings

CLIENT_SCHEMES = ("ApiKey", "ApiKeyHeader")
# Answered by the body guard for any body-taking JSON endpoint, and by the guards of protected ones.
_BODY_ERRORS = (400, 413, 415, 422)
_GUARD_ERRORS = (401, 429)
_OPTIONAL_AUTH_PATHS = {"/readyz"}  # anyone gets the bare status; the key adds details


def install_openapi(app: FastAPI, settings: Settings) -> None:
    """Replace `app.openapi` with a generator that corrects FastAPI's document once, then caches it."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            app.openapi_schema = truthful(document, settings)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def truthful(document: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Adjust FastAPI's document to these settings (see the module docstring)."""
    schemas = document.get("components", {}).get("schemas", {})
    message = schemas.get("ChatRequest", {}).get("properties", {}).get("message")
    if message is not None:
        message["maxLength"] = settings.max_message_chars
    if settings.admin_token is None:
        # Without a token the admin endpoints do not exist (404 for anyone): nothing to document.
        paths = document.get("paths", {})
        for path in [path for path in paths if path.startswith("/admin/")]:
            del paths[path]
    shared_errors = error_responses(*_BODY_ERRORS, *_GUARD_ERRORS)
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            _fix_security(operation, path, settings)
            needed = [*_BODY_ERRORS] if _takes_json(operation) else []
            if operation.get("security"):
                needed += _GUARD_ERRORS
            for status in needed:
                operation.setdefault("responses", {}).setdefault(str(status), _response(shared_errors[status]))
    _drop_unused_schemes(document)
    return document


def _fix_security(operation: dict[str, Any], path: str, settings: Settings) -> None:
    requirements = operation.get("security")
    if not requirements:
        return
    names = {name for requirement in requirements for name in requirement}
    if not names & set(CLIENT_SCHEMES):
        return  # the admin token: required whenever the endpoint exists
    protected_ops = path in ("/readyz", "/metrics")
    if settings.api_key is None or (protected_ops and not settings.protect_ops):
        del operation["security"]  # nothing to send: the endpoint is open
        return
    operation["security"] = [{name: []} for name in CLIENT_SCHEMES]
    if path in _OPTIONAL_AUTH_PATHS:
        operation["security"].append({})


def _takes_json(operation: dict[str, Any]) -> bool:
    return "application/json" in operation.get("requestBody", {}).get("content", {})


def _response(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": entry["description"],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }


def _drop_unused_schemes(document: dict[str, Any]) -> None:
    used = {
        name
        for operations in document.get("paths", {}).values()
        for operation in operations.values()
        for requirement in operation.get("security", [])
        for name in requirement
    }
    schemes = document.get("components", {}).get("securitySchemes", {})
    for name in [name for name in schemes if name not in used]:
        del schemes[name]
