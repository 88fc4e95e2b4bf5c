"""Two roles pointed at together after a part naming them ("..., and how do those two roles differ?", "what do
both jobs involve?") are the two roles, as "they" is (assistant/paired_roles.py). Phrasings here are not in the
eval."""

from __future__ import annotations

import pytest

from assistant.paired_roles import pair_put_in
from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("compare data scientist and ML engineer pay, and what do both jobs involve?", "'how'"),
        ("AI engineer vs robotics engineer average pay, and how do those two roles differ?", "robotic systems"),
    ],
)
def test_a_pair_pointer_is_the_two_roles_named(real_assistant: Assistant, question: str, said: str) -> None:
    reply = real_assistant.ask(question)
    assert said in reply.answer, reply.answer


def test_the_pair_is_replaced_by_both_names() -> None:
    roles = ["Data Scientist", "AI Engineer"]
    assert pair_put_in("how do the two roles differ?", roles) == "how do Data Scientist and AI Engineer differ?"
    assert pair_put_in("what do both jobs involve?", roles) == "what do Data Scientist and AI Engineer involve?"
    assert pair_put_in("how do the two roles differ?", roles[:1]) is None
    assert pair_put_in("what does the job involve?", roles) is None
