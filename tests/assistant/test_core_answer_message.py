"""answer_message.py: a message is planned and each of its parts answered; words saying how to answer are no part
of what is asked."""

from __future__ import annotations

import pytest

from assistant.answer_message import without_answer_form
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("backprop, short version", "backprop"),
        ("whats a vae in simple terms?", "whats a vae?"),
        ("overfitting tl;dr", "overfitting"),
        ("mlops (in a nutshell)", "mlops"),
        ("explain mlops at a high level please", "explain mlops please"),
    ],
)
def test_the_words_saying_how_to_answer_are_read_out_of_the_message(message: str, asked: str) -> None:
    assert without_answer_form(message) == asked


@pytest.mark.parametrize("message", ["tl;dr", "what is a high level language", "is there a short supply of talent"])
def test_a_message_that_is_only_an_answer_form_or_uses_its_words_otherwise_stays(message: str) -> None:
    assert without_answer_form(message) == message


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("underfitting, short version", "underfitting"),
        ("semi-supervised learning, short version pls", "semi-supervised"),
        ("backprop in a nutshell", "weights and biases"),
    ],
)
def test_a_term_asked_with_an_answer_form_is_answered_from_the_documents(
    real_assistant: Assistant, message: str, expected: str
) -> None:
    reply = real_assistant.ask(message)
    assert not reply.abstained and reply.route == "documents", reply.answer
    assert expected.lower() in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("what soft skills do AI people need, in bullet points", "what soft skills do AI people need"),
        ("what do ML engineers do all day? as a list pls", "what do ML engineers do all day? pls"),
        ("which frameworks should I learn - a list please", "which frameworks should I learn"),
    ],
)
def test_a_list_asked_as_the_answer_shape_is_no_part_of_its_own(message: str, asked: str) -> None:
    assert without_answer_form(message).rstrip(" -") == asked


def test_the_shape_asked_is_not_refused_as_a_part(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("what soft skills do AI people need, in bullet points")
    assert not reply.abstained and "don't say anything about" not in reply.answer, reply.answer
    assert "Communication" in reply.answer, reply.answer
