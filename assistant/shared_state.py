"""State that every worker process must see alike: conversations, once-only keys and rate-limit buckets.

`uvicorn --workers N` or several hosts put consecutive requests of one conversation (or a Slack event and
its retry) on different processes, so anything kept in a process's memory is lost or doubled. Two stores
implement `SharedState`; `open_shared_state(settings)` picks one:

* `SqliteSharedState` (the default): one WAL-mode file in the data dir, safe across the processes of one host;
* `RedisSharedState` (`ASSISTANT_REDIS_URL`): for several hosts, through the official `redis` client;
* `ASSISTANT_SHARED_STATE=memory` returns None: the callers then keep the in-process classes
  (`InMemorySessionStore`, `SeenKeys`, `TokenBucketLimiter`), right only where one process is certain.

Both stores are bounded like the in-memory ones: sessions and keys expire after their idle TTL, and the
oldest beyond the count bound are trimmed (every `trim_every` writes, so the bound may be passed by at most
that many). Times are wall-clock seconds (`time.time()`), comparable between processes and hosts.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.errors import StateUnavailable
from assistant.sessions import InMemorySessionStore, SessionState, SessionStore

if TYPE_CHECKING:
    from assistant.settings import Settings

MAX_TURNS = 20


class SharedState(SessionStore, Protocol):
    """A session store that also holds once-only keys and token buckets, shared by every process opening it."""

    def first_time(self, key: str, ttl_seconds: float) -> bool:
        """Record `key` atomically; True for exactly one caller within `ttl_seconds`, across all processes."""
        ...

    def take_token(self, bucket: str, capacity: float, refill_per_second: float) -> float | None:
        """Take one token from `bucket` atomically; None if taken, else the seconds until one is back."""
        ...

    def close(self) -> None: ...


def _trim_interval(bound: int) -> int:
    # Trimming to an exact count costs a scan of the index; doing it every ~1% of the bound keeps the table
    # within bound * 1.01 at an amortised cost of O(1) a write, and exact for the small bounds tests use.
    return max(1, bound // 100)


class SqliteSharedState:
    """One SQLite file (WAL, busy timeout) shared by the workers of one host; each write is one transaction.

    One connection per process, used under a lock: every statement is well under a millisecond, so the
    lock costs less than per-thread connections would in open files. Reopened after a fork.
    """

    def __init__(
        self,
        path: Path,
        *,
        max_sessions: int = 10_000,
        session_ttl_seconds: float = 3600,
        max_keys: int = 20_000,
        max_buckets: int = 10_000,
        max_turns: int = MAX_TURNS,
        busy_timeout_ms: int = 10_000,
    ) -> None:
        self.path = Path(path)
        self._max_sessions = max_sessions
        self._ttl = session_ttl_seconds
        self._max_keys = max_keys
        self._max_buckets = max_buckets
        self._max_turns = max_turns
        self._busy_timeout_ms = busy_timeout_ms
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._writes = {"sessions": 0, "seen": 0, "buckets": 0}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateUnavailable(f"the shared state folder {self.path.parent} cannot be made: {exc}") from exc
        self._connection()  # create the schema now, so a bad path fails at start-up, not on a request

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            try:
                conn = sqlite3.connect(
                    self.path, timeout=self._busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
                )
                conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
                conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL in WAL mode: durable against a process crash, which is what state this short-lived needs.
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.executescript(
                    """
                    CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, touched REAL NOT NULL,
                                                         state TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS sessions_touched ON sessions (touched);
                    CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL);
                    CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
                    CREATE TABLE IF NOT EXISTS buckets (key TEXT PRIMARY KEY, tokens REAL NOT NULL,
                                                        updated REAL NOT NULL, full_at REAL NOT NULL);
                    CREATE INDEX IF NOT EXISTS buckets_updated ON buckets (updated);
                    """
                )
            except sqlite3.Error as exc:
                raise StateUnavailable(
                    f"the shared state file {self.path} cannot be opened: {exc} (it holds only conversations, "
                    "seen Slack events and rate-limit buckets: stop the servers and delete it to start afresh)"
                ) from exc
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def _run(self, work: Any) -> Any:
        """Run `work(conn)` in one immediate transaction (writers queue on the busy timeout, never fail)."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = work(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                return result
            except sqlite3.Error as exc:
                raise StateUnavailable(f"the shared state file {self.path} failed: {exc}") from exc

    def _due(self, table: str, bound: int) -> bool:
        # Unlocked on purpose: a lost increment only shifts when the next trim happens.
        self._writes[table] += 1
        return self._writes[table] % _trim_interval(bound) == 0

    # -- sessions ---------------------------------------------------------------------------------

    def get(self, session_id: str) -> SessionState | None:
        now = time.time()
        with self._lock:
            try:
                row = (
                    self._connection()
                    .execute("SELECT touched, state FROM sessions WHERE id = ?", (session_id,))
                    .fetchone()
                )
            except sqlite3.Error as exc:
                raise StateUnavailable(f"the shared state file {self.path} failed: {exc}") from exc
        if row is None or now - row[0] > self._ttl:
            return None
        return SessionState.model_validate_json(row[1])

    def save(self, state: SessionState) -> None:
        state.turns = state.turns[-self._max_turns :]
        now, payload = time.time(), state.model_dump_json()
        trim = self._due("sessions", self._max_sessions)

        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO sessions (id, touched, state) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET touched = excluded.touched, state = excluded.state",
                (state.session_id, now, payload),
            )
            if trim:
                conn.execute("DELETE FROM sessions WHERE touched < ?", (now - self._ttl,))
                _trim_oldest(conn, "sessions", "id", "touched", self._max_sessions)

        self._run(work)

    def __len__(self) -> int:
        return self._count("sessions")

    def _count(self, table: str) -> int:
        with self._lock:
            return int(self._connection().execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- once-only keys -----------------------------------------------------------------------------

    def first_time(self, key: str, ttl_seconds: float) -> bool:
        now = time.time()
        trim = self._due("seen", self._max_keys)

        def work(conn: sqlite3.Connection) -> bool:
            # Inserted, or an expired row taken over: one row changed. Seen within the TTL: none.
            changed = conn.execute(
                "INSERT INTO seen (key, at) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE seen.at < ?",
                (key, now, now - ttl_seconds),
            ).rowcount
            if trim:
                conn.execute("DELETE FROM seen WHERE at < ?", (now - ttl_seconds,))
                _trim_oldest(conn, "seen", "key", "at", self._max_keys)
            return changed == 1

        return bool(self._run(work))

    # -- token buckets ------------------------------------------------------------------------------

    def take_token(self, bucket: str, capacity: float, refill_per_second: float) -> float | None:
        now = time.time()
        trim = self._due("buckets", self._max_buckets)

        def work(conn: sqlite3.Connection) -> float | None:
            row = conn.execute("SELECT tokens, updated FROM buckets WHERE key = ?", (bucket,)).fetchone()
            tokens = capacity if row is None else refill(row[0], row[1], now, capacity, refill_per_second)
            wait = None if tokens >= 1.0 else (1.0 - tokens) / refill_per_second
            if wait is None:
                tokens -= 1.0
            full_at = now + (capacity - tokens) / refill_per_second
            conn.execute(
                "INSERT INTO buckets (key, tokens, updated, full_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET tokens = excluded.tokens, updated = excluded.updated, full_at = excluded.full_at",
                (bucket, tokens, now, full_at),
            )
            if trim:
                # A bucket full again is the same as no bucket: forget it.
                conn.execute("DELETE FROM buckets WHERE full_at < ?", (now,))
                _trim_oldest(conn, "buckets", "key", "updated", self._max_buckets)
            return wait

        return self._run(work)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None


def refill(tokens: float, updated: float, now: float, capacity: float, refill_per_second: float) -> float:
    # max(0, ...): another host's clock may be slightly behind this one's.
    return min(capacity, tokens + max(0.0, now - updated) * refill_per_second)


def _trim_oldest(conn: sqlite3.Connection, table: str, key: str, age: str, bound: int) -> None:
    conn.execute(
        f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM {table} ORDER BY {age} DESC LIMIT -1 OFFSET ?)",
        (bound,),
    )


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
        if self._writes[kind] % _trim_interval(bound) == 0:
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


def open_shared_state(settings: Settings) -> SharedState | None:
    """The store the settings ask for: Redis if a URL is set, else the SQLite file; None for in-process memory."""
    backend = settings.resolved_shared_state
    if backend == "memory":
        return None
    if backend == "redis":
        assert settings.redis_url is not None  # checked by Settings
        return RedisSharedState(
            settings.redis_url.get_secret_value(),
            prefix=settings.redis_prefix,
            max_sessions=settings.session_max_count,
            session_ttl_seconds=settings.session_ttl_seconds,
        )
    return SqliteSharedState(
        settings.state_db_path,
        max_sessions=settings.session_max_count,
        session_ttl_seconds=settings.session_ttl_seconds,
    )


def open_session_store(settings: Settings) -> SessionStore:
    """Conversations as the settings ask: shared across processes by default, in memory if chosen."""
    shared = open_shared_state(settings)
    # `is None`, never `or`: an empty store has len() 0 and would be taken for no store.
    if shared is None:
        return InMemorySessionStore(settings.session_max_count, settings.session_ttl_seconds)
    return shared
