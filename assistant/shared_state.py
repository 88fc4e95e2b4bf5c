"""State that every worker process must see alike: conversations, once-only keys and rate-limit buckets.

`uvicorn --workers N` or several hosts put consecutive requests of one conversation (or a Slack event and
its retry) on different processes, so anything kept in a process's memory is lost or doubled. Two stores
implement `SharedState`; `open_shared_state(settings)` picks one:

* `SqliteSharedState` (the default): one WAL-mode file in the data dir, safe across the processes of one host;
* `RedisSharedState` (`ASSISTANT_REDIS_URL`, in redis_state.py): for several hosts, through the official `redis` client;
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


def trim_interval(bound: int) -> int:
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
            # Workers started together on a fresh file race to switch it to WAL and make the schema; SQLite answers
            # that race with "database is locked" at once (its busy handler does not cover the switch), so the
            # opening is retried within the busy timeout like any other write.
            deadline = time.monotonic() + self._busy_timeout_ms / 1000
            while True:
                try:
                    conn = self._open()
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise self._unavailable(exc) from exc
                    time.sleep(0.02)
                except sqlite3.Error as exc:
                    raise self._unavailable(exc) from exc
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=self._busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: durable against a process crash, which is what state this short-lived needs.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(
                """
                CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, touched REAL NOT NULL, state TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS sessions_touched ON sessions (touched);
                CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL);
                CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
                CREATE TABLE IF NOT EXISTS buckets (key TEXT PRIMARY KEY, tokens REAL NOT NULL,
                                                    updated REAL NOT NULL, full_at REAL NOT NULL);
                CREATE INDEX IF NOT EXISTS buckets_updated ON buckets (updated);
                """
            )
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _unavailable(self, exc: sqlite3.Error) -> StateUnavailable:
        return StateUnavailable(
            f"the shared state file {self.path} cannot be opened: {exc} (it holds only conversations, "
            "seen Slack events and rate-limit buckets: stop the servers and delete it to start afresh)"
        )

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
        return self._writes[table] % trim_interval(bound) == 0

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


def open_shared_state(settings: Settings) -> SharedState | None:
    """The store the settings ask for: Redis if a URL is set, else the SQLite file; None for in-process memory."""
    backend = settings.resolved_shared_state
    if backend == "memory":
        return None
    if backend == "redis":
        from assistant.redis_state import RedisSharedState  # redis_state builds on this module's helpers

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
