"""What a product or a service costs is no figure of the sources (their figures are pay and platform counts): a
price asked of a company's tool ("Google AutoML") is said to be uncovered, never answered with that company's
salaries ([words] price_asked in stats/vocabulary.toml, unasked_figures.price_asked). Not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "question",
    [
        "explain AutoML, and how much is a Google AutoML subscription?",
        "is Vertex a trending tool, and how much does a google automl licence cost?",
        "what does AutoML automate, and how much does Google AutoML cost a month?",
    ],
)
def test_a_tools_price_is_uncovered_not_big_tech_pay(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "$120,000" not in reply.answer, reply.answer
    assert "don't say" in reply.answer and not reply.abstained, reply.answer


def test_big_tech_pay_is_still_answered(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("how much do google, apple and meta pay?")
    assert "$120,000" in reply.answer, reply.answer
