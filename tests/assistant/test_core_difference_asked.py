"""Two things named, then asked how they differ in the asker's own words (issue 8): "..., what's the key distinction?",
"...: what's the real practical difference here?". The closing words ask; they are no side of the comparison and
no question of their own. Phrasings not in the eval; the end-to-end ones were refused before the change (real model,
Chroma, DuckDB)."""

from __future__ import annotations

import pytest

from assistant.difference_asked import asks_how_they_differ
from assistant.models import Reply
from assistant.passage_units import comparison_sides
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("bias vs variance, what's the core difference?", ("bias", "variance")),
        ("symbolic AI or machine learning - which one is better?", ("symbolic AI", "machine learning")),
        ("Keras and PyTorch: how are they different?", ("Keras", "PyTorch")),
        ("data scientist vs ML engineer, so what really sets them apart", ("data scientist", "ML engineer")),
    ],
)
def test_the_asking_words_after_a_comparison_are_no_side(question: str, sides: tuple[str, str]) -> None:
    assert comparison_sides(question) == sides


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("what's the key distinction?", True),
        ("how do the two compare in practice?", True),
        ("which is better for beginners", True),
        ("what is it used for?", False),
        ("how much do they earn?", False),
    ],
)
def test_asking_how_two_things_differ_is_read_in_any_words(question: str, asks: bool) -> None:
    assert asks_how_they_differ(question) is asks


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "left", "right"),
    [
        ("discriminative vs generative models, what's the key distinction?", "discriminative", "generative"),
        ("overfitting vs underfitting: what's the real practical difference here?", "overfitting", "underfitting"),
    ],
)
def test_a_comparison_closed_by_asking_words_is_answered_for_both_sides(
    real_assistant: Assistant, question: str, left: str, right: str
) -> None:
    reply: Reply = real_assistant.ask(question, None)
    assert reply.route == "documents" and not reply.abstained, (reply.route, reply.answer)
    assert left in reply.answer.lower() and right in reply.answer.lower(), reply.answer
