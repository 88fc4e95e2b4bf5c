"""What one app instance shares between requests: settings, the assistant once loaded, limiter, metrics."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anyio import CapacityLimiter

from api.metrics import ServiceMetrics
from api.ratelimit import TokenBucketLimiter
from assistant.errors import IndexNotReady
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

log = logging.getLogger(__name__)

AssistantFactory = Callable[[Settings], "Assistant"]


@dataclass
class ServiceState:
    """Held on `app.state.service`; the assistant slot is filled once by the loader thread."""

    settings: Settings
    metrics: ServiceMetrics
    limiter: TokenBucketLimiter
    ask_limiter: CapacityLimiter
    started_at: int = field(default_factory=lambda: int(time.time()))
    assistant: Assistant | None = None
    load_error: str | None = None
    reindex_lock: threading.Lock = field(default_factory=threading.Lock)

    def require_assistant(self) -> Assistant:
        """The loaded assistant, or IndexNotReady (503) while it is loading or if loading failed."""
        if self.assistant is not None:
            return self.assistant
        if self.load_error is not None:
            raise IndexNotReady(f"the assistant failed to load: {self.load_error}")
        raise IndexNotReady("the assistant is still loading its index and statistics; retry shortly")

    def load(self, factory: AssistantFactory) -> None:
        """Build the assistant (runs in a background thread so startup does not wait for it)."""
        started = time.perf_counter()
        try:
            self.assistant = factory(self.settings)
        except Exception as exc:  # reported through /readyz; the process keeps serving /healthz
            log.exception("loading the assistant failed")
            self.load_error = f"{type(exc).__name__}: {exc}"
            return
        log.info("assistant loaded in %.1f s", time.perf_counter() - started)


class LazyAssistant:
    """Stands in for the assistant before it is loaded (for routers built at app creation, e.g. Slack)."""

    def __init__(self, state: ServiceState) -> None:
        self._state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state.require_assistant(), name)
