"""Conversation state kept between turns, so follow-ups inherit what a question leaves out.

`SessionStore` is the seam; the shared stores behind it (a SQLite file, Redis) are in assistant/shared_state.py
and are the default. `InMemorySessionStore` is for one process only, bounded in count (LRU) and idle age (TTL).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from typing import Any, Protocol

from pydantic import BaseModel, Field


class Turn(BaseModel):
    """What one question was understood to ask (slots), kept for the next question."""

    message: str
    route: str
    slots: dict[str, Any] = Field(default_factory=dict)
    years: list[int] = Field(default_factory=list, description="Years the turn answered about, in order.")


class SessionState(BaseModel):
    session_id: str
    turns: list[Turn] = Field(default_factory=list)

    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def last_asked(self) -> Turn | None:
        """The turn a follow-up goes on from: the last one that asked something, small talk ("thanks!") skipped."""
        return next((turn for turn in reversed(self.turns) if turn.route != "smalltalk"), None)

    def roles_asked(self) -> tuple[str, ...]:
        """The roles the conversation's turns were about, the latest last ("which is higher?" after two of them)."""
        roles = [str(r) for turn in self.turns for r in turn.slots.get("roles") or []]
        return tuple(reversed(list(dict.fromkeys(reversed(roles)))))

    def levels_asked(self) -> tuple[str, ...]:
        """The experience levels the conversation's figures were of, the latest last ("what's the difference
        between the two?" after entry level, then mid-career pay)."""
        levels = [str(turn.slots["level"]) for turn in self.turns if turn.slots.get("level")]
        return tuple(reversed(list(dict.fromkeys(reversed(levels)))))

    def cities_asked(self) -> tuple[str, ...]:
        """The cities the conversation's figures were of, the latest last ("what's the gap between them?" after New
        York's, then Seattle's pay). Read from the stored turns, so any worker holding the session reads the same."""
        cities = [str(turn.slots["city"]) for turn in self.turns if turn.slots.get("city")]
        return tuple(reversed(list(dict.fromkeys(reversed(cities)))))


class SessionStore(Protocol):
    def get(self, session_id: str) -> SessionState | None: ...

    def save(self, state: SessionState) -> None: ...


def new_session_id() -> str:
    return uuid.uuid4().hex


class InMemorySessionStore:
    """Thread-safe, LRU-bounded, idle-expiring sessions; keeps the last `max_turns` turns each."""

    def __init__(self, max_sessions: int = 10_000, ttl_seconds: float = 3600, max_turns: int = 20) -> None:
        self._max_sessions = max_sessions
        self._ttl = ttl_seconds
        self._max_turns = max_turns
        self._items: OrderedDict[str, tuple[float, SessionState]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str) -> SessionState | None:
        now = time.monotonic()
        with self._lock:
            item = self._items.get(session_id)
            if item is None:
                return None
            touched, state = item
            if now - touched > self._ttl:
                del self._items[session_id]
                return None
            self._items.move_to_end(session_id)
            return state.model_copy(deep=True)

    def save(self, state: SessionState) -> None:
        state.turns = state.turns[-self._max_turns :]
        with self._lock:
            self._items[state.session_id] = (time.monotonic(), state.model_copy(deep=True))
            self._items.move_to_end(state.session_id)
            while len(self._items) > self._max_sessions:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
