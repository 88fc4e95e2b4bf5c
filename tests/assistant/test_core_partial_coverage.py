"""One part naming a covered and an uncovered value of one dimension: the covered one is answered and the other is
said to have no figures, in the same reply, not refused as a whole nor left unmentioned."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.assistant.test_core_pipeline import ask


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure", "uncovered"),
    [
        ("ML engineer salary in San Francisco and in Dublin", "$179,061", "no figures for Dublin"),
        ("ML engineer pay: Seattle or Austin?", "$173,517", "no figures for Austin"),
        ("AI engineer average salary in 2023 and 2024", "$127,986", "for 2024 only"),
        ("median salary expectation for 2022 and 2024", "$5,640", "no platform statistics for 2022"),
    ],
)
def test_the_covered_value_is_answered_and_the_other_said_to_have_no_figures(
    real_assistant: Assistant, question: str, figure: str, uncovered: str
) -> None:
    reply = ask(real_assistant, question)
    assert not reply.abstained and figure in reply.answer, reply.answer
    assert uncovered in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["how much did AI job postings grow from early 2023 to early 2024?", "what does Microsoft pay ML engineers?"],
)
def test_a_span_of_years_or_a_payer_with_no_figure_is_no_uncovered_value_beside(
    real_assistant: Assistant, question: str
) -> None:
    """A market figure's years are its own span; a payer the documents never name is refused by name."""
    reply = ask(real_assistant, question)
    assert "no figures for" not in reply.answer, reply.answer
