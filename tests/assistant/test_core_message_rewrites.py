"""Job titles written short ("an AI PM's job") are spelled out before planning, only where the short form stands
as a title (after an article, a possessive or an AI word, or as a plural or possessive), never after a number.
Phrasings not in the eval; the end-to-end ones failed before the change (real model, Chroma, DuckDB)."""

from __future__ import annotations

import pytest

from assistant.message_rewrites import titles_spelled_out, without_field_scope
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    ("message", "spelled"),
    [
        ("so what does an AI PM actually do", "so what does an AI product manager actually do"),
        ("how much do PMs make in ML?", "how much do product managers make in ML?"),
        ("my PM's background is in data", "my product manager's background is in data"),
    ],
)
def test_a_short_title_is_spelled_out(message: str, spelled: str) -> None:
    assert titles_spelled_out(message) == spelled


@pytest.mark.parametrize("message", ["can we talk at 3 PM?", "pm me the figures", "what is PM?"])
def test_a_short_form_that_is_no_title_stays(message: str) -> None:
    assert titles_spelled_out(message) == message


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["so what does an AI PM actually do?", "whats an AI PM responsible for?", "PMs in AI, what's their role?"],
)
def test_a_short_title_finds_what_the_documents_say_of_it(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert not reply.abstained, reply.answer
    assert "technical capabilities and business needs" in reply.answer or "Associate Product Manager" in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["how much do PMs make in ML?", "an AI PM's salary?"])
def test_a_short_title_the_tables_lack_is_refused_by_name(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert reply.abstained and "Product Managers" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("any way to bump my salary in machine learning?", "any way to bump my salary?"),
        ("what pushes your pay up in AI, realistically?", "what pushes your pay up, realistically?"),
    ],
)
def test_the_field_as_the_scope_of_a_pay_question_is_read_out(message: str, kept: str) -> None:
    assert without_field_scope(message) == kept


@pytest.mark.parametrize(
    "message",
    [
        "what is the role of statistics in machine learning?",
        "what do people earn in AI?",
        "how do I make contacts in machine learning?",
    ],
)
def test_the_field_stays_where_it_is_asked_about_or_little_else_is_left(message: str) -> None:
    assert without_field_scope(message) == message


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what can help me earn more in AI?", "how could I raise my salary in ML?"],
)
def test_a_pay_question_scoped_to_the_field_gets_what_raises_pay(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert "command higher than average tech salaries" not in reply.answer, reply.answer
    assert "salary jumps" in reply.answer or "earning potential" in reply.answer, reply.answer
