"""One JSON error shape for every 4xx/5xx, produced by one exception handler.

Domain errors (`assistant.errors.AssistantError`, which know their status and code), FastAPI's request
validation errors, Starlette's HTTP exceptions and unexpected exceptions all become
`{"error": {"code": ..., "message": ..., "details": ...}}`; a stack trace never reaches the client.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from assistant.errors import AssistantError, InvalidInput, RateLimited

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    503: "unavailable",
}


class PayloadTooLarge(AssistantError):
    """The request body is larger than the server accepts (checked before parsing)."""

    status_code = 413
    code = "payload_too_large"


class InvalidEncoding(AssistantError):
    """The request body is not UTF-8 text."""

    status_code = 400
    code = "invalid_encoding"


class UnsupportedMediaType(InvalidInput):
    """A request body that is not JSON sent to an endpoint that only reads JSON."""

    status_code = 415
    code = "unsupported_media_type"


class InvalidJson(InvalidInput):
    """A JSON body the server will not parse (checked before parsing, e.g. nesting too deep)."""

    code = "invalid_json"


# An absolute POSIX path of two or more parts, not inside a URL ("http://host/a/b" is left alone).
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~])(?:/[^\s/'\"`,;:()<>\[\]{}]+){2,}/?")


def redact_paths(message: str) -> str:
    """'no index in /srv/app/data: ...' -> 'no index in .../data: ...'. The core's messages name paths for
    the operator (CLI, server log); a client learns nothing from them but the server's layout."""
    return _ABSOLUTE_PATH.sub(lambda match: ".../" + match.group(0).rstrip("/").rsplit("/", 1)[-1], message)


def http_error_code(status: int) -> str:
    """The error code for a bare HTTP status ('not_found' for 404)."""
    return _HTTP_CODES.get(status, f"http_{status}")


def error_json(code: str, message: str, details: Any = None) -> bytes:
    """Serialise the error shape (shared with the ASGI middleware, which answers before FastAPI)."""
    return json.dumps({"error": {"code": code, "message": message, "details": details}}).encode()


def error_response(
    status_code: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> Response:
    return Response(error_json(code, message, details), status_code, headers=headers, media_type="application/json")


def _describe_validation_errors(exc: RequestValidationError) -> tuple[int, str, str, list[dict[str, Any]]]:
    """Status, code, message and JSON-safe details for a request validation failure."""
    errors = exc.errors()
    for error in errors:
        if error.get("type") == "json_invalid":
            position = error["loc"][-1] if error.get("loc") else "?"
            reason = (error.get("ctx") or {}).get("error", "malformed JSON")
            message = f"request body is not valid JSON: {reason} (at character {position})"
            return 400, "invalid_json", message, [{"loc": list(error.get("loc", ())), "msg": reason}]
    details = []
    parts = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part != "body"] or ["body"]
        field = ".".join(loc)
        received = error.get("input")
        shown = f" (got {type(received).__name__} {_short(received)})" if error.get("type") != "missing" else ""
        parts.append(f"{field}: {error.get('msg')}{shown}")
        details.append({"loc": loc, "msg": str(error.get("msg")), "type": str(error.get("type"))})
    return 422, "validation_error", "invalid request: " + "; ".join(parts), details


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def to_error_response(request: Request, exc: Exception) -> Response:
    """THE exception handler: map any exception to the error shape, and count it by code."""
    headers: dict[str, str] | None = None
    details: Any = None
    if isinstance(exc, AssistantError):
        status, code, message = exc.status_code, exc.code, redact_paths(exc.message)
        if isinstance(exc, RateLimited):
            headers = {"Retry-After": str(max(1, int(exc.retry_after_seconds)))}
    elif isinstance(exc, RequestValidationError):
        status, code, message, details = _describe_validation_errors(exc)
    elif isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        code = http_error_code(status)
        message = str(exc.detail)
        if status == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path} (see /docs)"
        elif status == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        headers = dict(exc.headers) if exc.headers else None
    else:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        status, code = 500, "internal_error"
        message = "internal server error; the details are in the server log"
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.errors.labels(code=code).inc()
    return error_response(status, code, message, details, headers)


async def handle_error(request: Request, exc: Exception) -> Response:
    return to_error_response(request, exc)


def install_error_handler(app: FastAPI) -> None:
    """Register the one handler for every exception family."""
    for family in (AssistantError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(family, handle_error)
