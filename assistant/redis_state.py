"""The shared state on Redis, for several hosts (`ASSISTANT_REDIS_URL`): the same contract as the SQLite file of
shared_state.py (sessions, once-only keys, token buckets), through the official `redis` client."""

from __future__ import annotations

import time
from typing import Any

from assistant.errors import StateUnavailable
from assistant.sessions import SessionState
from assistant.shared_state import MAX_TURNS, trim_interval

# Token bucket in one atomic step on the server. Numbers go back as strings: Redis truncates Lua numbers.
_TAKE_TOKEN = """
local capacity, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(stored[1])
if tokens == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + math.max(0, now - tonumber(stored[2])) * rate)
end
local wait = ''
if tokens >= 1 then tokens = tokens - 1 else wait = tostring((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return wait
"""

# Keep an index (sorted by last write) next to keys that expire on their own, and drop the oldest past the bound.
_TRIM_INDEX = """
local bound = tonumber(ARGV[1])
local excess = redis.call('ZCARD', KEYS[1]) - bound
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
  for _, name in ipairs(oldest) do redis.call('DEL', ARGV[2] .. name) end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
end
return excess
"""


class RedisSharedState:
    """Redis for several hosts: sessions as JSON strings with an idle TTL, SET NX for once-only keys, and
    a Lua token bucket. Keys carry `prefix` so one Redis can serve several deployments."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "assistant:",
        max_sessions: int = 10_000,
        session_ttl_seconds: float = 3600,
        max_keys: int = 20_000,
        max_turns: int = MAX_TURNS,
        client: Any = None,
    ) -> None:
        import redis  # imported here: only deployments that set ASSISTANT_REDIS_URL need the client

        self._errors: tuple[type[BaseException], ...] = (redis.RedisError,)
        self._redis = client or redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._url_for_errors = _without_password(url)
        self._prefix = prefix
        self._max_sessions = max_sessions
        self._ttl = session_ttl_seconds
        self._max_keys = max_keys
        self._max_turns = max_turns
        self._writes = {"session": 0, "seen": 0}
        self._take = self._redis.register_script(_TAKE_TOKEN)
        self._trim = self._redis.register_script(_TRIM_INDEX)

    def _call(self, what: str, action: Any) -> Any:
        try:
            return action()
        except self._errors as exc:
            raise StateUnavailable(f"the shared state at {self._url_for_errors} failed ({what}): {exc}") from exc

    def ping(self) -> None:
        self._call("ping", self._redis.ping)

    def _key(self, kind: str, name: str) -> str:
        return f"{self._prefix}{kind}:{name}"

    def _maybe_trim(self, kind: str, bound: int) -> None:
        self._writes[kind] += 1
        if self._writes[kind] % trim_interval(bound) == 0:
            self._trim(keys=[self._key("index", kind)], args=[bound, f"{self._prefix}{kind}:"])

    def get(self, session_id: str) -> SessionState | None:
        payload = self._call("get session", lambda: self._redis.get(self._key("session", session_id)))
        return None if payload is None else SessionState.model_validate_json(payload)

    def save(self, state: SessionState) -> None:
        state.turns = state.turns[-self._max_turns :]
        payload = state.model_dump_json()

        def write() -> None:
            pipe = self._redis.pipeline(transaction=True)
            pipe.set(self._key("session", state.session_id), payload, px=int(self._ttl * 1000))
            pipe.zadd(self._key("index", "session"), {state.session_id: time.time()})
            pipe.execute()
            self._maybe_trim("session", self._max_sessions)

        self._call("save session", write)

    def __len__(self) -> int:
        return int(self._call("count", lambda: self._redis.zcard(self._key("index", "session"))))

    def first_time(self, key: str, ttl_seconds: float) -> bool:
        def write() -> bool:
            created = self._redis.set(self._key("seen", key), b"1", nx=True, px=max(1, int(ttl_seconds * 1000)))
            if created:
                self._redis.zadd(self._key("index", "seen"), {key: time.time()})
                self._maybe_trim("seen", self._max_keys)
            return bool(created)

        return bool(self._call("once-only key", write))

    def take_token(self, bucket: str, capacity: float, refill_per_second: float) -> float | None:
        wait = self._call(
            "rate limit",
            lambda: self._take(keys=[self._key("bucket", bucket)], args=[capacity, refill_per_second, time.time()]),
        )
        return float(wait) if wait else None

    def close(self) -> None:
        self._redis.close()


def _without_password(url: str) -> str:
    """The URL for error messages: a password must never reach a log or a reply."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
