"""Routers, one per resource; `error_responses` documents the shared error shape per status code."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from api.schemas import ErrorBody

_ERROR_TEXT = {
    400: "Bad input: empty message, invalid JSON (including nesting deeper than 32 levels), non-UTF-8 body, "
    "unknown value.",
    401: "Missing or invalid API key / admin token.",
    404: "Not found (or the endpoint is switched off).",
    409: "Conflict: a reindex is already running.",
    413: "Message longer than the limit, or body over the size limit.",
    415: "The body is not JSON: send `Content-Type: application/json`.",
    422: "Wrong field types or missing fields.",
    429: "Rate limit exceeded; see the Retry-After header.",
    503: "The index and statistics are still loading.",
}


def error_responses(*status_codes: int, shape: type[BaseModel] = ErrorBody) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the given error statuses, all with the ErrorBody shape (or `shape`:
    /v1 answers in OpenAI's)."""
    return {code: {"model": shape, "description": _ERROR_TEXT[code]} for code in status_codes}
