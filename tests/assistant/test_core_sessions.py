"""The in-memory session store is bounded in count and in idle age."""

from __future__ import annotations

import time

from assistant.sessions import InMemorySessionStore, SessionState, Turn


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
