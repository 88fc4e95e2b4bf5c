"""How far up a career reaches ("how high can that career go?") asks its path's top step, not a pay figure: the
labelled path examples (stats/question_examples.yaml) say so, and the role's Career Paths entry answers.
Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "top"),
    [
        ("how high can a robotics engineer career go?", "Director of Robotics"),
        ("entry pay for a data scientist, and how high can that career go?", "Chief Data Scientist"),
        ("how high can you rise as an AI product manager?", "Director of AI Products"),
    ],
)
def test_how_high_a_career_goes_is_its_path(real_assistant: Assistant, question: str, top: str) -> None:
    reply = real_assistant.ask(question)
    assert top in reply.answer, reply.answer


def test_how_high_pay_goes_is_still_a_figure(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("how high does data scientist pay go?")
    assert reply.route == "statistics" and "$" in reply.answer, reply.answer
