"""A platform metric whose meaning is asked is the term asked about, not context set aside (issue 8): "what does
the 'median salary expectation' number stand for?" is answered by the sentence defining it, not by "The graph
column is the total number of offers" (found by "number" once the metric's words were set aside). Phrasings not in
the eval; each failed before the change (real model, Chroma, DuckDB)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.planned_parts import metric_asked


def test_a_metric_is_asked_about_when_its_meaning_is_asked() -> None:
    assert metric_asked("median salary expectation", "how does upstaff define the median salary expectation?")
    assert metric_asked("median salary expectation", "what's the meaning of that median salary expectation")
    # how a figure was made, or an everyday one-word metric: context, as before
    assert not metric_asked("offers total", "how did they arrive at the 2025 offers total?")
    assert not metric_asked("proposals", "what does the proposals number mean?")
    assert not metric_asked("", "what does it mean?")
    # "mean" asking what follows from a figure, not what it is
    assert not metric_asked("offers total", "does a high offers total mean lots of companies are hiring?")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what does the 'median salary expectation' number on upstaff stand for?",
        "what's the definition of the median salary expectation number on that page?",
        "can you tell me what the 'median salary expectation' number means?",
    ],
)
def test_the_meaning_of_a_named_metric_is_its_definition(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert reply.route == "documents", (reply.route, reply.answer)
    assert reply.answer.startswith("Median Salary Expectation – the weighted average"), reply.answer
