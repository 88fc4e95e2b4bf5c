"""Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num, same event_id).
These keep a retry, or the same message arriving as two event types, from producing a second answer."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from assistant.errors import StateUnavailable
from assistant.shared_state import SharedState

logger = logging.getLogger(__name__)


class SeenKeys:
    """A thread-safe set of recently seen keys, bounded in size and in age (oldest forgotten first)."""

    def __init__(
        self, max_keys: int = 20_000, ttl_seconds: float = 3600.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_keys = max_keys
        self._ttl = ttl_seconds
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        """Record `key`; True if it was not seen within the TTL (so the caller should act on it)."""
        now = self._clock()
        with self._lock:
            while self._seen and now - next(iter(self._seen.values())) > self._ttl:
                self._seen.popitem(last=False)
            if key in self._seen:
                return False
            self._seen[key] = now
            while len(self._seen) > self._max_keys:
                self._seen.popitem(last=False)
            return True

    def __len__(self) -> int:
        return len(self._seen)


class OnceOnly(Protocol):
    def first_time(self, key: str) -> bool: ...


class SharedSeenKeys:
    """Seen keys in the shared state: a retry that reaches another worker or host is still caught, because
    the first one to record the key wins atomically (INSERT .. ON CONFLICT in SQLite, SET NX in Redis)."""

    def __init__(self, state: SharedState, ttl_seconds: float = 3600.0) -> None:
        self._state = state
        self._ttl = ttl_seconds

    def first_time(self, key: str) -> bool:
        try:
            return self._state.first_time(f"slack:{key}", self._ttl)
        except StateUnavailable as error:
            # Fail open: while the store is down a retry may be answered twice, but no question goes unanswered.
            logger.warning("slack: de-duplication unavailable, handling %s anyway: %s", key, error.message)
            return True


def seen_keys_for(state: SharedState | None) -> OnceOnly:
    return SeenKeys() if state is None else SharedSeenKeys(state)


class SkipRepeatedEvents(Middleware):
    """Acknowledge an Events API delivery whose event_id was already handled, and do nothing else.

    Runs after Bolt's signature check, so a forged request can never mark an event as seen.
    """

    def __init__(self, seen: OnceOnly) -> None:
        self.seen = seen

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse | None:
        event_id = req.body.get("event_id") if isinstance(req.body, dict) else None
        if event_id and not self.seen.first_time(f"event:{event_id}"):
            retry = req.headers.get("x-slack-retry-num", ["-"])[0] if req.headers else "-"
            logger.info("slack: skipped repeated event %s (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        return next()
