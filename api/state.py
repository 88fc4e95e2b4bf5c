"""What one app instance shares between requests: settings, the assistant once loaded, limiter, metrics.

Every worker serves the build data/CURRENT names: a watcher thread (assistant.builds.BuildWatcher) notices
a new pointer within a fraction of a second, whoever wrote it (the CLI, another worker's reindex), and
reloads; the old build keeps serving until the new one is loaded.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anyio import CapacityLimiter

from api.metrics import ServiceMetrics
from api.ratelimit import RateLimiter
from assistant.builds import BuildWatcher
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
    limiter: RateLimiter  # shared across workers unless ASSISTANT_SHARED_STATE=memory (api/ratelimit.py)
    ask_limiter: CapacityLimiter
    started_at: int = field(default_factory=lambda: int(time.time()))
    assistant: Assistant | None = None
    load_error: str | None = None
    reindex_lock: threading.Lock = field(default_factory=threading.Lock)
    serving_lock: threading.Lock = field(default_factory=threading.Lock)
    factory: AssistantFactory | None = None
    watcher: BuildWatcher | None = None

    def require_assistant(self) -> Assistant:
        """The loaded assistant, or IndexNotReady (503) while it is loading or if loading failed."""
        if self.assistant is not None:
            return self.assistant
        if self.load_error is not None:
            raise IndexNotReady(f"the assistant failed to load: {self.load_error}")
        raise IndexNotReady("the assistant is still loading its index and statistics; retry shortly")

    def load(self, factory: AssistantFactory) -> None:
        """Build the assistant (in a background thread, so startup does not wait), then watch data/CURRENT."""
        self.factory = factory
        watcher = BuildWatcher(self.settings, self._serve_current)  # the pointer as it was before loading
        with self.serving_lock:
            self._load()
        self.watcher = watcher.start()

    def refresh(self) -> None:
        """Serve the build data/CURRENT names now: load the assistant if none is loaded, else reload it."""
        self._serve_current()
        if self.assistant is None:
            raise IndexNotReady(f"the assistant failed to load: {self.load_error or 'no factory to build it'}")

    def _serve_current(self) -> None:
        with self.serving_lock:  # the watcher and a reindex never load at the same time
            if self.assistant is not None:
                self.assistant.reload()
            elif self.factory is not None:
                self._load()

    def _load(self) -> None:
        assert self.factory is not None
        started = time.perf_counter()
        try:
            self.assistant = self.factory(self.settings)
        except Exception as exc:  # reported through /readyz; the process keeps serving /healthz
            log.exception("loading the assistant failed")
            self.load_error = f"{type(exc).__name__}: {exc}"
            return
        self.load_error = None
        log.info("assistant loaded in %.1f s", time.perf_counter() - started)


class LazyAssistant:
    """Stands in for the assistant before it is loaded (for routers built at app creation, e.g. Slack)."""

    def __init__(self, state: ServiceState) -> None:
        self._state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state.require_assistant(), name)
