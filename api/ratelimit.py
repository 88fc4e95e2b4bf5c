"""Per-client token buckets: `rate_per_minute` requests a minute, bursts up to the same number.

`SharedTokenBucketLimiter` keeps the buckets in the shared state (assistant/shared_state.py), so the limit
holds across all workers and hosts; `TokenBucketLimiter` keeps them in this process (ASSISTANT_SHARED_STATE
=memory). Both bound their bucket tables; `limiter_for(settings, state)` picks one.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from assistant.settings import Settings
from assistant.shared_state import SharedState


class RateLimiter(Protocol):
    rate_per_minute: int

    @property
    def enabled(self) -> bool: ...

    def check(self, client: str) -> int | None: ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    """Not thread-safe by design: it is only called from the event loop (an async dependency)."""

    def __init__(self, rate_per_minute: int, max_clients: int = 10_000) -> None:
        self.rate_per_minute = rate_per_minute
        self.capacity = float(rate_per_minute)
        self.refill_per_second = rate_per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.rate_per_minute > 0

    def check(self, client: str, now: float | None = None) -> int | None:
        """Take one token for `client`; None if allowed, else the seconds to wait before retrying."""
        if not self.enabled:
            return None
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = _Bucket(self.capacity, now)
            self._buckets[client] = bucket
            if len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(client)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.refill_per_second)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return max(1, math.ceil((1.0 - bucket.tokens) / self.refill_per_second))


class SharedTokenBucketLimiter:
    """The same buckets in the shared state: each check is one atomic read-refill-take on the store."""

    def __init__(self, state: SharedState, rate_per_minute: int) -> None:
        self.rate_per_minute = rate_per_minute
        self._state = state

    @property
    def enabled(self) -> bool:
        return self.rate_per_minute > 0

    def check(self, client: str) -> int | None:
        if not self.enabled:
            return None
        # The rate is part of the key: after a change of limit, no worker reads buckets filled under the old one.
        wait = self._state.take_token(
            f"{self.rate_per_minute}:{client}", float(self.rate_per_minute), self.rate_per_minute / 60.0
        )
        return None if wait is None else max(1, math.ceil(wait))


def limiter_for(settings: Settings, state: SharedState | None) -> RateLimiter:
    if state is None:
        return TokenBucketLimiter(settings.rate_limit_per_minute)
    return SharedTokenBucketLimiter(state, settings.rate_limit_per_minute)
