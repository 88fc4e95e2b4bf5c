"""A term asked as a description the best unit holds most words of is answered; a neighbour holding one or two of its
words stays refused by the undefined-term check (described_term.py, UnitRefusals._described). Questions are
paraphrases in no eval case, probe file or examples file."""

from __future__ import annotations

import pytest

from assistant.described_term import describes
from assistant.pipeline import Assistant

RAG = "trends including retrieval-augmented generation (RAG) for enhanced content accuracy"


def test_a_description_is_held_in_other_forms_of_its_words() -> None:
    words = ["retrieval", "trick", "generat", "content", "accurat"]
    assert describes(words, RAG, 3)  # retrieval, generation, content, accuracy
    assert not describes(["imag", "model", "start", "static"], "applications include image generation", 3)
    assert not describes(["transfer", "learn"], "style transfer and learning", 3)  # a name's words: not a description


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what's that retrieval method for keeping generated content accurate?",
        "what's the retrieval technique that makes generated content more accurate?",
    ],
)
def test_a_described_term_the_unit_states_is_answered(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert "retrieval-augmented generation" in reply.answer, reply.answer
