"""A figure of the answer just given, said back in another form than the answer printed ("is 5.6k a lot?" after
$5,640): the follow-up asks about that figure, as "is that a lot?" does. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.figures_said_back import figure_said_back, figures_given
from assistant.pipeline import Assistant
from assistant.sessions import Turn


def _after(answer: str) -> Turn:
    return Turn(message="x", route="statistics", slots={"figures": figures_given(answer)})


@pytest.mark.parametrize(
    ("answer", "said_back", "read"),
    [
        ("the median salary expectation was $5,640 [1], based on 45 offers", "is $5.6k a lot?", "is that a lot?"),
        ("is $129,640 [1] a year", "ok 129k, is that decent pay?", "ok that, is that decent pay?"),
        ("is $129,640 [1] a year", "is 129.6k good money?", "is that good money?"),
    ],
)
def test_a_figure_said_back_rounded_is_that_figure(answer: str, said_back: str, read: str) -> None:
    assert figure_said_back(said_back, _after(answer)) == read


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("the median salary expectation was $5,640 [1] in 2024", "and in 2025?"),  # a year, not a figure
        ("is $129,640 [1] a year", "is 120k good?"),  # another amount: a hundredth off at most
        ("the median salary expectation was $5,640 [1]", "what about 6k?"),
    ],
)
def test_another_number_is_no_figure_said_back(answer: str, message: str) -> None:
    assert figure_said_back(message, _after(answer)) == message


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what was the platform's median salary expectation in 2024?", "is $5.6k a lot?"),
        ("median salary expectation for AI/ML devs in 2024?", "is 5.64k a lot?"),
    ],
)
def test_a_figure_said_back_is_answered_as_that_is(real_assistant: Assistant, first: str, then: str) -> None:
    session = real_assistant.ask(first).session_id
    reply = real_assistant.ask(then, session)
    pointed = real_assistant.ask(first).session_id
    as_that = real_assistant.ask("is that a lot?", pointed)
    assert reply.answer == as_that.answer
