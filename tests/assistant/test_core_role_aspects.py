"""What a named role is about ("what does an AI product manager focus on?"): the aspect word ("focus",
"concentrate", "involve") frames the question beside the role ([frame] aspect_words in stats/search_synonyms.toml),
so the role's own entry answers it, not a passage that only shares the word ("Key focus areas include improving
customer interactions ..."); and unlike the duty words it asks no duty list. Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "question",
    [
        "what's the focus of an AI product manager?",
        "in an AI product manager role, what do you focus on?",
        "what's an AI product manager's main focus?",
    ],
)
def test_what_a_role_focuses_on_is_its_own_entry(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "business needs" in reply.answer, reply.answer
    assert "Key focus areas" not in reply.answer, reply.answer


def test_a_role_with_a_duty_section_is_not_sent_to_it_by_an_aspect_word(real_assistant: Assistant) -> None:
    # "focus" is no duty word: the ML engineer's own entry ("Focus on model building ...") answers, not the whole
    # Core Responsibilities list a duty question gets
    reply = real_assistant.ask("what is a machine learning engineer mostly focused on?")
    assert "model building" in reply.answer, reply.answer
