"""'They' / 'them' after a list of things the documents gave for a role ("why are they important?", "how do I learn
them?" after the soft skills for ML engineers) stands for the listed things, never the role: the role's career-path
line was the answer. "What do they earn?" still asks the role's pay. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("which soft skills do data scientists need?", "why do they matter so much?"),
        ("what soft skills should an AI engineer have?", "are they really that important?"),
        ("what soft skills do robotics engineers need?", "where can I learn them?"),
    ],
)
def test_they_after_a_list_for_a_role_are_the_listed_things(real_assistant: Assistant, first: str, then: str) -> None:
    session = real_assistant.ask(first).session_id
    reply = real_assistant.ask(then, session)
    assert not any("Career Paths" in c.section for c in reply.citations), reply.answer
    assert reply.route == "documents", reply.answer


@pytest.mark.slow
def test_they_asked_what_they_earn_is_still_the_role(real_assistant: Assistant) -> None:
    session = real_assistant.ask("what soft skills do robotics engineers need?").session_id
    reply = real_assistant.ask("and what do they earn?", session)
    assert "$96,013" in reply.answer, reply.answer
