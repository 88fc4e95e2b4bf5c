"""Request-body guard: size limit (413) and UTF-8 check (400) before any JSON parsing happens.

Pure ASGI: the Content-Length header is checked first, then the body is read with a cap (which also
covers chunked uploads that send no length), checked once, and replayed to the app.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import InvalidEncoding, PayloadTooLarge, error_json
from api.metrics import ServiceMetrics

DEFAULT_MAX_BODY_BYTES = 64 * 1024
_BODY_METHODS = {"POST", "PUT", "PATCH"}


class BodyGuardMiddleware:
    """Reject oversized bodies with 413 and non-UTF-8 text bodies with 400, in the API's error shape."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes

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
        if _is_text(headers.get(b"content-type")):
            try:
                bytes(body).decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = body[exc.start]
                message = f"request body is not valid UTF-8: byte 0x{bad:02x} at position {exc.start}"
                await self._reject(send, InvalidEncoding(message))
                return
        await self.app(scope, _replay(bytes(body), receive), send)

    def _too_large_message(self, received: str) -> str:
        return f"request body is too large: {received}, the limit is {self.max_body_bytes} bytes"

    async def _reject(self, send: Send, error: PayloadTooLarge | InvalidEncoding) -> None:
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
