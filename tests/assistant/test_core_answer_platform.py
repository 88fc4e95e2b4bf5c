"""A word narrowing a platform count to a kind the pages do not count ("accepted offers") is said to be uncounted;
a metric's own words never narrow it ("the offers total" is the total, "total" being one of its names)."""

from __future__ import annotations

import pytest

from assistant.answer_platform import narrowing_word


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("what was the 2025 offers total for AI/ML devs?", None),
        ("the offers total in 2024", None),
        ("how many accepted offers were there in 2024?", "accepted"),
        ("how many remote offers in 2025", "remote"),
    ],
)
def test_narrowing_word(text: str, word: str | None) -> None:
    assert narrowing_word(text, "offers_total") == word
