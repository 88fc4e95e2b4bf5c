"""Per-client token buckets: `rate_per_minute` requests a minute, bursts up to the same number.

Buckets live in this process (one per worker); a shared limiter for several workers would sit behind the
same `check()` call. The bucket table is bounded: the least recently seen clients are dropped first.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass


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
