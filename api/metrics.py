"""Prometheus metrics, one registry per app (so several apps in one process, e.g. tests, do not clash).

With several uvicorn workers each process exposes its own counters; a scraper sums them per instance, or
prometheus_client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR) can aggregate them if ever needed.
"""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.models import Reply

_LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ServiceMetrics:
    """The service's counters and histograms."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.request_seconds = Histogram(
            "assistant_http_request_duration_seconds",
            "HTTP request latency by method and route path template.",
            ["method", "path"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.responses = Counter(
            "assistant_http_responses",
            "HTTP responses by method, route path template and status code.",
            ["method", "path", "status"],
            registry=self.registry,
        )
        self.answers = Counter("assistant_answers", "Answers given, by route.", ["route"], registry=self.registry)
        self.abstentions = Counter(
            "assistant_abstentions", "Answers where the assistant abstained.", registry=self.registry
        )
        self.errors = Counter("assistant_errors", "Error responses by error code.", ["code"], registry=self.registry)

    def count_reply(self, reply: Reply) -> None:
        self.answers.labels(route=reply.route).inc()
        if reply.abstained:
            self.abstentions.inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


def route_template(scope: Scope) -> str:
    """The matched route's path template ('/stats/{table}'), so label values stay bounded."""
    route = scope.get("route")
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    if path:
        return str(path)
    if str(scope.get("path", "")).startswith("/static/"):
        return "/static"
    return "unmatched"


class MetricsMiddleware:
    """Pure ASGI middleware timing every HTTP request (cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        recorded = False

        def record() -> None:
            nonlocal recorded
            recorded = True
            path, method = route_template(scope), scope["method"]
            elapsed = time.perf_counter() - started
            self.metrics.request_seconds.labels(method=method, path=path).observe(elapsed)
            self.metrics.responses.labels(method=method, path=path, status=str(status)).inc()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                record()  # before the last byte leaves, so a client that reads /metrics next sees it
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            if not recorded:
                record()
