"""'and at the top companies?' after a role's pay at a level: the companies qualify that pay (the role's own
top-company figure where the guide gives one, then the guide's line on the companies), as a city or a year would;
the role and level are carried (assistant/followups.py inherit). Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then", "figure"),
    [
        ("how much does a mid-career ML engineer make?", "what about at big tech firms?", "$120,368"),
        ("what's the entry level pay for an ML engineer?", "how about at the top companies?", "$152,601"),
    ],
)
def test_top_companies_asked_after_a_role_pay_keep_the_role_and_level(
    real_assistant: Assistant, first: str, then: str, figure: str
) -> None:
    reply = real_assistant.ask(first)
    reply = real_assistant.ask(then, reply.session_id)
    assert reply.route == "statistics" and not reply.abstained, reply.plan
    assert figure in reply.answer and "$120,000" in reply.answer, reply.answer


def test_top_companies_asked_alone_are_the_guide_line(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("what do the top companies pay AI staff?")
    assert "$120,000" in reply.answer and "Machine Learning Engineer earns" not in reply.answer, reply.answer
