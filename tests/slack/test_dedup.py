"""The seen-events set: bounded in size and age, so retries are caught and memory stays flat."""

from __future__ import annotations

from api.slack.dedup import SeenKeys, SharedSeenKeys
from assistant.redis_state import RedisSharedState


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_key_counts_once_within_the_ttl_and_again_after_it() -> None:
    clock = Clock()
    seen = SeenKeys(max_keys=10, ttl_seconds=60, clock=clock)
    assert seen.first_time("event:Ev1")
    clock.now = 59
    assert not seen.first_time("event:Ev1")
    clock.now = 121
    assert seen.first_time("event:Ev1")


def test_the_oldest_keys_are_forgotten_beyond_the_bound() -> None:
    seen = SeenKeys(max_keys=3, ttl_seconds=3600, clock=Clock())
    for key in "abcd":
        assert seen.first_time(key)
    assert len(seen) == 3
    assert seen.first_time("a")  # evicted, so new again
    assert not seen.first_time("d")


def test_shared_seen_keys_fail_open_while_the_store_is_down() -> None:
    """A Redis outage must not silence the bot: every event is handled (a retry may then be answered twice)."""
    seen = SharedSeenKeys(RedisSharedState("redis://127.0.0.1:1/0"))
    assert seen.first_time("event:Ev1") and seen.first_time("event:Ev1")
