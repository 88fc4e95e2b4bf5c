"""Request-body guard: size limit (413), media type (415), UTF-8 (400) and JSON nesting depth (400
`invalid_json`), all before any JSON parsing happens.

Pure ASGI: the Content-Length header is checked first, then the body is read with a cap (which also
covers chunked uploads that send no length), checked once, and replayed to the app. Every body-taking
endpoint reads JSON except the ones under `form_prefixes` (Slack posts forms).
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import InvalidEncoding, InvalidJson, PayloadTooLarge, UnsupportedMediaType, error_json
from api.metrics import ServiceMetrics
from assistant.errors import AssistantError

DEFAULT_MAX_BODY_BYTES = 64 * 1024
# No request here nests deeper than a handful of levels; Python's parser would recurse ~1,000 deep first.
MAX_JSON_DEPTH = 32
_JSON_STRUCTURE = re.compile(rb'[\[\]{}"\\]')
_BODY_METHODS = {"POST", "PUT", "PATCH"}


class BodyGuardMiddleware:
    """Reject oversized bodies with 413 and non-UTF-8 text bodies with 400, in the API's error shape."""

    def __init__(
        self,
        app: ASGIApp,
        metrics: ServiceMetrics,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        form_prefixes: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes
        self.form_prefixes = form_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._reject(send, PayloadTooLarge(self._too_large_message(f"{int(declared)} bytes")))
            return
        body = bytearray()
        more_body = True
        while more_body:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more_body = message.get("more_body", False)
            if len(body) > self.max_body_bytes:
                await self._reject(send, PayloadTooLarge(self._too_large_message("more than that")))
                return
        content_type = headers.get(b"content-type")
        error = self._check(scope["path"], content_type, bytes(body))
        if error is not None:
            await self._reject(send, error)
            return
        await self.app(scope, _replay(bytes(body), receive), send)

    def _check(self, path: str, content_type: bytes | None, body: bytes) -> AssistantError | None:
        """The first thing wrong with this body, or None."""
        takes_json = not path.startswith(self.form_prefixes) if self.form_prefixes else True
        if body and takes_json and not _is_json(content_type):
            got = content_type.decode("latin-1") if content_type else "no Content-Type"
            return UnsupportedMediaType(
                f"request body must be JSON: send 'Content-Type: application/json' (got {got!r})"
            )
        if _is_text(content_type):
            try:
                body.decode("utf-8")
            except UnicodeDecodeError as exc:
                return InvalidEncoding(
                    f"request body is not valid UTF-8: byte 0x{body[exc.start]:02x} at position {exc.start}"
                )
        if _is_json(content_type) and json_depth_exceeds(body, MAX_JSON_DEPTH):
            return InvalidJson(f"request body is not valid JSON here: nested deeper than {MAX_JSON_DEPTH} levels")
        return None

    def _too_large_message(self, received: str) -> str:
        return f"request body is too large: {received}, the limit is {self.max_body_bytes} bytes"

    async def _reject(self, send: Send, error: AssistantError) -> None:
        self.metrics.errors.labels(code=error.code).inc()
        payload = error_json(error.code, error.message)
        await send(
            {
                "type": "http.response.start",
                "status": error.status_code,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def _is_text(content_type: bytes | None) -> bool:
    """JSON, text/* and unlabelled bodies must be UTF-8; other media types are left alone."""
    if not content_type:
        return True
    media = content_type.split(b";", 1)[0].strip().lower()
    return media.startswith(b"text/") or media == b"application/json" or media.endswith(b"+json")


def _is_json(content_type: bytes | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (media.startswith(b"application/") and media.endswith(b"+json"))


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether arrays/objects nest deeper than `limit` (brackets inside strings do not count)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # cannot nest that deep: the common case costs two counts
    depth = 0
    in_string = escaped = False
    for match in _JSON_STRUCTURE.finditer(body):
        char = match.group()
        if in_string:
            if escaped:
                escaped = False
            elif char == b"\\":
                # Only the character right after a backslash is escaped; _JSON_STRUCTURE skips the rest.
                escaped = match.end() < len(body) and body[match.end() : match.end() + 1] in b'[]{}"\\'
            elif char == b'"':
                in_string = False
        elif char == b'"':
            in_string = True
        elif char in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif char in (b"]", b"}"):
            depth -= 1
    return False


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive() that hands the already-read body over once, then defers to the real channel."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
