"""Session stores: bounded in count and idle age; the shared ones (SQLite file, real Redis) agree across processes.

The cross-process tests start real separate Python processes that open the same store, the way uvicorn
workers do, and check the atomic parts: a once-only key is won by exactly one process, and a bucket gives
out exactly its capacity however many processes take from it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import StateUnavailable
from assistant.redis_state import RedisSharedState
from assistant.sessions import InMemorySessionStore, SessionState, Turn
from assistant.settings import Settings
from assistant.shared_state import (
    SharedState,
    SqliteSharedState,
    open_session_store,
    open_shared_state,
)


def test_lru_bound_and_ttl() -> None:
    store = InMemorySessionStore(max_sessions=2, ttl_seconds=0.05)
    for sid in ("a", "b", "c"):
        store.save(SessionState(session_id=sid, turns=[Turn(message=sid, route="statistics")]))
    assert store.get("a") is None and store.get("c") is not None
    time.sleep(0.06)
    assert store.get("c") is None


def test_returned_state_is_a_copy() -> None:
    store = InMemorySessionStore()
    store.save(SessionState(session_id="s"))
    got = store.get("s")
    assert got is not None
    got.turns.append(Turn(message="x", route="documents"))
    assert store.get("s").turns == []  # type: ignore[union-attr]


# ---- the shared stores, one contract -------------------------------------------------------------


def _sqlite(tmp_path: Path, **bounds: float) -> SqliteSharedState:
    return SqliteSharedState(tmp_path / "state.sqlite3", **bounds)  # type: ignore[arg-type]


def _redis(url: str, **bounds: float) -> RedisSharedState:
    # A fresh prefix per store: tests share one Redis server and never see each other's keys.
    return RedisSharedState(url, prefix=f"test-{uuid.uuid4().hex[:8]}:", **bounds)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "redis"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    opened: list[SharedState] = []

    def make(**bounds: float) -> SharedState:
        if request.param == "sqlite":
            store: SharedState = _sqlite(tmp_path / uuid.uuid4().hex, **bounds)
        else:
            store = _redis(request.getfixturevalue("redis_server").url, **bounds)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def test_shared_store_keeps_turns_bounds_count_and_expires_idle_sessions(make_store) -> None:  # noqa: ANN001
    store = make_store(max_sessions=2, session_ttl_seconds=0.5, max_turns=3)
    turns = [Turn(message=f"q{i}", route="statistics", slots={"year": 2020 + i}, years=[2020 + i]) for i in range(5)]
    store.save(SessionState(session_id="a", turns=turns))
    got = store.get("a")
    assert got is not None and [t.message for t in got.turns] == ["q2", "q3", "q4"], "only the last max_turns kept"
    assert got.turns[-1].slots == {"year": 2024} and got.turns[-1].years == [2024]
    store.save(SessionState(session_id="b"))
    store.save(SessionState(session_id="c"))
    assert store.get("a") is None, "the least recently written session goes past the count bound"
    assert store.get("b") is not None and store.get("c") is not None
    assert store.get("never-saved") is None
    time.sleep(0.6)
    assert store.get("c") is None, "an idle session expires"


def test_shared_store_once_only_keys_expire_after_their_ttl(make_store) -> None:  # noqa: ANN001
    store = make_store()
    assert store.first_time("event:Ev1", ttl_seconds=0.3)
    assert not store.first_time("event:Ev1", ttl_seconds=0.3)
    assert store.first_time("event:Ev2", ttl_seconds=0.3)
    time.sleep(0.4)
    assert store.first_time("event:Ev1", ttl_seconds=0.3), "counts again once the TTL has passed"


def test_shared_store_once_only_keys_are_bounded(make_store) -> None:  # noqa: ANN001
    store = make_store(max_keys=3)
    for key in "abcd":
        assert store.first_time(key, ttl_seconds=3600)
    assert store.first_time("a", ttl_seconds=3600), "the oldest key was forgotten beyond the bound"
    assert not store.first_time("d", ttl_seconds=3600)


def test_shared_store_token_bucket_gives_capacity_then_refills(make_store) -> None:  # noqa: ANN001
    store = make_store()
    assert all(store.take_token("c1", capacity=5, refill_per_second=10) is None for _ in range(5))
    wait = store.take_token("c1", capacity=5, refill_per_second=10)
    assert wait is not None and 0 < wait <= 0.1 + 1e-6
    assert store.take_token("c2", capacity=5, refill_per_second=10) is None, "buckets are per key"
    time.sleep(0.25)
    assert store.take_token("c1", capacity=5, refill_per_second=10) is None, "tokens come back at the rate"


# ---- across processes ----------------------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import sys, time
    from assistant.redis_state import RedisSharedState
    from assistant.shared_state import SqliteSharedState
    kind, where, prefix, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    store = SqliteSharedState(where) if kind == "sqlite" else RedisSharedState(where, prefix=prefix)
    while time.time() < start:  # all processes begin together, so their writes really interleave
        time.sleep(0.001)
    won = sum(store.first_time(f"event:{i}", 3600) for i in range(200))
    taken = sum(store.take_token("shared-client", 50, 0.001) is None for _ in range(100))
    print(won, taken)
    """
)


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_processes_sharing_a_store_win_each_key_once_and_share_one_bucket(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    where = str(tmp_path / "state.sqlite3") if kind == "sqlite" else request.getfixturevalue("redis_server").url
    prefix = f"procs-{uuid.uuid4().hex[:8]}:"
    start = time.time() + 3.0
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, kind, where, prefix, str(start)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    results = [tuple(map(int, worker.communicate(timeout=120)[0].split())) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    assert sum(won for won, _ in results) == 200, f"each event won by exactly one process: {results}"
    assert sum(taken for _, taken in results) == 50, f"one bucket of 50 across processes: {results}"


def test_sessions_written_by_one_process_are_read_by_another(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, shared_state="auto")
    store = open_shared_state(settings)
    assert isinstance(store, SqliteSharedState) and store.path == tmp_path / "state.sqlite3"
    store.save(SessionState(session_id="s1", turns=[Turn(message="median in 2025?", route="statistics")]))
    code = (
        "from assistant.settings import Settings; from assistant.shared_state import open_shared_state; "
        f"print(open_shared_state(Settings(data_dir={str(tmp_path)!r})).get('s1').turns[0].message)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "median in 2025?"


def test_settings_pick_the_store(tmp_path: Path) -> None:
    assert isinstance(open_session_store(Settings(data_dir=tmp_path)), SqliteSharedState), "empty, still shared"
    assert isinstance(open_session_store(Settings(shared_state="memory")), InMemorySessionStore)
    assert Settings(shared_state="auto").resolved_shared_state == "sqlite"
    assert Settings(shared_state="auto", redis_url="redis://127.0.0.1:1/0").resolved_shared_state == "redis"
    assert open_shared_state(Settings(shared_state="memory")) is None
    assert Settings(redis_url="").resolved_shared_state == "sqlite", "an empty URL (compose's ${VAR:-}) is unset"
    with pytest.raises(ValueError, match="ASSISTANT_REDIS_URL"):
        Settings(shared_state="redis")


def test_unreachable_redis_is_a_clear_503_error_without_the_password() -> None:
    store = RedisSharedState("redis://:hunter2@127.0.0.1:1/0")
    with pytest.raises(StateUnavailable) as caught:
        store.get("s1")
    assert caught.value.status_code == 503
    assert "hunter2" not in caught.value.message and "127.0.0.1:1" in caught.value.message


def test_unwritable_state_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StateUnavailable) as caught:
        SqliteSharedState(blocker / "state.sqlite3")
    assert "not-a-dir" in str(caught.value)


def test_a_corrupt_state_file_is_named_with_the_way_out(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").write_bytes(b"this is not a database, it was overwritten by mistake" * 100)
    with pytest.raises(StateUnavailable) as caught:
        open_shared_state(Settings(data_dir=tmp_path))
    assert "state.sqlite3" in caught.value.message and "delete it" in caught.value.message


_OPENER = """
import sys, time
from assistant.shared_state import SqliteSharedState
start = float(sys.argv[2])
while time.time() < start:
    pass
print(int(SqliteSharedState(sys.argv[1]).first_time("k", 60)))
"""


def test_workers_starting_together_on_a_fresh_file_all_open_it(tmp_path: Path) -> None:
    """`--workers N` on a fresh data dir: every worker opens the file at once and races to switch it to WAL and
    make the schema; SQLite answers that race with "database is locked" at once (measured: 9 of 120 openings
    failed before the opening was retried within the busy timeout). Each worker opens it, and one wins the key."""
    for round_ in range(4):
        path = str(tmp_path / f"state-{round_}.sqlite3")
        start = time.time() + 2.0
        workers = [
            subprocess.Popen([sys.executable, "-c", _OPENER, path, str(start)], stdout=subprocess.PIPE, text=True)
            for _ in range(6)
        ]
        outputs = [worker.communicate(timeout=120)[0].strip() for worker in workers]
        assert all(worker.returncode == 0 for worker in workers), outputs
        assert sorted(outputs) == ["0"] * 5 + ["1"], outputs
