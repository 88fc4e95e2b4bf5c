"""Composed replies, cached per loaded build: the same question in the same conversation state is answered
once (a reload starts a fresh cache, so an answer never outlives the build it was read from)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from assistant.models import Citation, PlanPart, Route, ToolCall


@dataclass(frozen=True)
class Composed:
    """A composed, checked reply, independent of the session it was asked in."""

    route: Route
    answer: str
    abstained: bool
    citations: list[Citation]
    tool_calls: list[ToolCall]
    years: list[int]
    slots: dict[str, Any]
    plan: list[PlanPart]


class ReplyCache:
    """Thread-safe LRU of composed replies; one per loaded build (a reload starts a fresh one)."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._items: OrderedDict[tuple[Any, ...], Composed] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Composed | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: Composed) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
