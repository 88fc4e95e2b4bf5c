"""How a named figure is made ("how's that median calculated?"): among the method section's sentences on several
figures, the one naming the figure asked of answers ("Median Salary Expectation - the weighted average ..."), not
the section's opening on how offers are counted. A yes/no ("does the median include rejected offers?") keeps the
sentence its own words find. Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "question",
    [
        "2025 median please, and how's that median calculated?",
        "the 2025 median expectation - how do they get that median?",
        "what's the 2024 median? And how is that median computed?",
    ],
)
def test_a_figures_method_is_its_own_sentence(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "weighted average" in reply.answer, reply.answer


def test_a_yes_no_of_the_figure_keeps_its_own_sentence_first(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("does the median expectation count rejected offers too?")
    assert reply.answer.startswith("We do not count accepted or rejected offers"), reply.answer
