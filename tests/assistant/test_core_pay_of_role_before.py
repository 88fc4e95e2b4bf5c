"""A later part asking for pay alone ("..., and what's the pay like?") asks the pay of the role the part before
named (assistant/planned_parts.merged_slots): that role's figures, or, for a title the tables lack, a refusal naming
it; never the overview of every salary. Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


def test_the_pay_is_the_named_roles(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("what does a data scientist do, and what's the pay like?")
    assert "$129,640" in reply.answer, reply.answer
    assert "two kinds of salary figure" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "how does an AI product manager's career progress, and what's the pay like?",
        "what does an AI product manager work on? what's the salary like?",
    ],
)
def test_the_pay_of_a_title_without_figures_is_refused_by_name(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "no salary data for AI Product Manager" in reply.answer, reply.answer
    assert "two kinds of salary figure" not in reply.answer, reply.answer
