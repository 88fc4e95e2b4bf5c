"""The app factory: one FastAPI app over one assistant, built once at startup and shared by all requests.

Shared state: conversations (the default assistant's session store), rate-limit buckets and Slack's seen
events live in the store `open_shared_state` picks (assistant/shared_state.py): a SQLite file in the data dir
by default, Redis when ASSISTANT_REDIS_URL is set, so every worker and host sees the same state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import CapacityLimiter
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.clients import ClientAddressMiddleware, TrustedProxies, parse_trusted_proxies
from api.core_calls import default_ask_threads
from api.errors import install_error_handler
from api.metrics import MetricsMiddleware, ServiceMetrics
from api.middleware import DEFAULT_MAX_BODY_BYTES, BodyGuardMiddleware
from api.openapi import install_openapi
from api.ratelimit import limiter_for
from api.routes import admin, chat, health, openai_compat, stats
from api.routes.openai_compat import OpenAIErrorShapeMiddleware
from api.routes.web import docs_assets_dir, mount_web
from api.state import AssistantFactory, LazyAssistant, ServiceState
from assistant.pipeline import Assistant
from assistant.settings import Settings, force_offline
from assistant.shared_state import open_shared_state

log = logging.getLogger(__name__)

_DESCRIPTION = """
Grounded Q&A about AI/ML careers and salaries, answered from a fixed corpus and statistics tables.

* Every answer carries numbered citations (`[n]` in the text) and, for numbers, the table rows behind them.
* Every error has one shape: `{"error": {"code": ..., "message": ..., "details": ...}}`.
* `/chat`, `/v1`, `/stats` and `/admin` are rate-limited per client address (429 with `Retry-After`),
  failed authentication included; the client endpoints need `Authorization: Bearer <key>` (or
  `X-API-Key`) when an API key is configured.
"""

_TAGS = [
    {"name": "chat", "description": "Ask questions; follow-ups keep context through `session_id`."},
    {"name": "openai-compatible", "description": "The same assistant for OpenAI clients and chat UIs."},
    {"name": "statistics", "description": "The statistics tables as JSON, with provenance."},
    {"name": "health", "description": "Liveness, readiness and Prometheus metrics."},
    {"name": "admin", "description": "Rebuild the index; off unless an admin token is configured."},
]


def build_default_assistant(settings: Settings) -> Assistant:
    """The embedded default: the core assistant, its sessions in the shared state the settings name."""
    from assistant.pipeline import build_assistant
    from assistant.shared_state import open_session_store

    return build_assistant(settings, sessions=open_session_store(settings))


def create_app(
    settings: Settings | None = None,
    assistant: Assistant | None = None,
    *,
    assistant_factory: AssistantFactory | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ask_threads: int | None = None,
) -> FastAPI:
    """Build the app. Without `assistant`, it is built at startup in a background thread (/readyz 503 until
    then) by `assistant_factory` (default: `build_default_assistant`). The app closes only an assistant it
    built with the default factory; a given assistant or a custom factory's product is the caller's.
    `ask_threads` caps concurrent `ask()` calls (default: `default_ask_threads`, see api/core_calls.py)."""
    force_offline()
    settings = settings or Settings()
    proxies = TrustedProxies(parse_trusted_proxies(settings.trusted_proxies))
    if settings.protect_ops and settings.api_key is None:
        raise ValueError(
            "ASSISTANT_PROTECT_OPS=true puts /metrics and /readyz details behind the API key: "
            "set ASSISTANT_API_KEY too (or leave ASSISTANT_PROTECT_OPS off)"
        )
    metrics = ServiceMetrics()
    service = ServiceState(
        settings=settings,
        metrics=metrics,
        limiter=limiter_for(settings, open_shared_state(settings)),
        ask_limiter=CapacityLimiter(ask_threads or default_ask_threads(settings)),
        assistant=assistant,
    )
    factory = assistant_factory or build_default_assistant
    owns_assistant = assistant is None and assistant_factory is None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if service.assistant is None:
            loader = threading.Thread(target=service.load, args=(factory,), name="assistant-loader", daemon=True)
            loader.start()
        yield
        if owns_assistant and service.assistant is not None:
            service.assistant.close()

    docs_assets = docs_assets_dir()
    app = FastAPI(
        title="AI careers assistant",
        version="0.1.0",
        description=_DESCRIPTION,
        openapi_tags=_TAGS,
        lifespan=lifespan,
        docs_url=None if docs_assets else "/docs",
        redoc_url=None if docs_assets else "/redoc",
    )
    app.state.service = service
    app.state.metrics = metrics
    install_error_handler(app)
    for router in (chat.router, openai_compat.router, stats.router, health.router, admin.router):
        app.include_router(router)
    _include_slack(app, service)
    mount_web(app, docs_assets)
    install_openapi(app, settings)
    # Last added runs first: the client address is settled before anything logs or counts it; metrics
    # time everything, including bodies the guard rejects. Slack posts forms, everything else JSON.
    app.add_middleware(BodyGuardMiddleware, metrics=metrics, max_body_bytes=max_body_bytes, form_prefixes=("/slack/",))
    app.add_middleware(OpenAIErrorShapeMiddleware)  # outside the body guard: its /v1 errors are reshaped too
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(ClientAddressMiddleware, proxies=proxies)
    _allow_cross_origin(app, settings)
    return app


def _allow_cross_origin(app: FastAPI, settings: Settings) -> None:
    """CORS for the configured browser origins only (none by default). Outermost, so preflights and the
    error responses of every guard carry the headers a browser needs to read them."""
    origins = [origin.strip().rstrip("/") for origin in settings.cors_origins.split(",") if origin.strip()]
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "X-API-Key"],
        expose_headers=["Retry-After"],
        max_age=600,
    )


def _include_slack(app: FastAPI, service: ServiceState) -> None:
    """Mount the Slack events router when the Slack front end exists and is configured."""
    try:
        from api.slack import slack_router
    except (ImportError, AttributeError):
        return
    try:
        router = slack_router(service.settings, service.assistant or LazyAssistant(service))
    except AttributeError:
        log.exception("the Slack router could not be built; serving without it")
        return
    if router is not None:
        app.include_router(router)
