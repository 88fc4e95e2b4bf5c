"""A "why" about pay figures: the figures, a plain "the sources don't say why", then what the guide lists as
influencing salaries (never a loosely related sentence that reads as a reason the sources never gave)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.assistant.test_core_followups import conversation

FACTORS = "Geographic location"
NO_REASON = "don't say why"


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("how come data scientists are paid more than robotics engineers?", ["$129,640", "$96,013"]),
        ("why does an AI engineer make more than an AI researcher", ["$127,986", "$108,932"]),
    ],
)
def test_why_one_role_earns_more_gives_both_figures_no_reason_and_the_factors(
    real_assistant: Assistant, question: str, figures: list[str]
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained
    for figure in figures:
        assert figure in reply.answer
    assert NO_REASON in reply.answer and FACTORS in reply.answer
    assert "salary jumps" not in reply.answer  # the sentence that used to stand in for a reason


@pytest.mark.parametrize(
    "question",
    ["what's the reason pay differs from one city to another?", "why are salaries not the same in every city"],
)
def test_why_pay_differs_between_places_gives_the_factors(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained
    assert NO_REASON in reply.answer and FACTORS in reply.answer


@pytest.mark.parametrize(
    ("first", "then", "figure"),
    [
        ("what does a robotics engineer earn on average?", "why is it so low?", "$96,013"),
        ("ML engineer salary in Seattle", "how come?", "$173,517"),
    ],
)
def test_why_after_a_figure_is_about_that_figure(real_assistant: Assistant, first: str, then: str, figure: str) -> None:
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained
    assert figure in reply.answer and NO_REASON in reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "which role is paid best, the data scientist or the AI engineer, and why?",
        "do robotics engineers or AI researchers earn more, and why is that?",
    ],
)
def test_and_why_after_a_comparison_is_answered_not_refused(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained
    assert NO_REASON in reply.answer and FACTORS in reply.answer
    assert "“why" not in reply.answer  # no "the sources don't say anything about “why”"


def test_a_platform_change_has_no_guide_factors(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("how come the median salary expectation rose between 2024 and 2025?")
    assert "$5,640" in reply.answer and "$5,808" in reply.answer
    assert NO_REASON in reply.answer and FACTORS not in reply.answer  # the guide's factors are about its salaries


def test_the_two_kinds_of_figure_are_their_own_reason(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("how come the job platform median is so far below the guide's salary figures?")
    assert "measure different things" in reply.answer and NO_REASON not in reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "how many AI jobs were posted more, and why is there a talent shortage?",
        "why do ML engineers need linear algebra?",
        "why is the median called a weighted average?",
        "why does a bigger model make good training data harder to find?",  # "make" is not pay here
    ],
)
def test_a_why_about_something_else_is_not_a_pay_reason(real_assistant: Assistant, question: str) -> None:
    assert NO_REASON not in real_assistant.ask(question).answer
