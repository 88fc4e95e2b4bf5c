"""A question after a statement that asks about the statement is searched with it (assistant/statement_asked.py)."""

from __future__ import annotations

import pytest

from assistant.part_context import asked_sentence, with_statement_topic
from assistant.pipeline import Assistant
from assistant.statement_asked import asks_of_statement


@pytest.mark.parametrize(
    ("statement", "question"),
    [
        # the statement is the question's own situation clause
        ("before we ship a model to production", "what should we automate according to best practices?"),
        ("once the model is deployed", "what does best practice say we should keep doing?"),
        # the question points back at what the statement says
        ("our prototype ran fine in one team but scaling it keeps failing", "is that a common challenge?"),
        ("nobody can explain what our model decides", "does the guide flag this?"),
        # the question asks only what the documents say
        ("we keep mixing up which data trained which model", "what does the guide advise?"),
    ],
)
def test_a_question_asking_of_its_statement(statement: str, question: str) -> None:
    assert asks_of_statement(statement, question)
    message = f"{statement}, {question}" if statement[0].islower() and "?" not in statement else statement
    if asked_sentence(message) != message:
        assert statement in with_statement_topic(message, asked_sentence(message))


@pytest.mark.parametrize(
    ("statement", "question"),
    [
        ("I have 3 years of experience", "what should I learn next?"),  # who asks: context, not the topic
        ("I live in Boston", "is it a good place for AI?"),  # "it" is as often a dummy as a pointer
        ("as a data analyst", "is it worth learning MLOps?"),
    ],
)
def test_a_statement_about_the_asker_is_not_what_is_asked(statement: str, question: str) -> None:
    assert not asks_of_statement(statement, question)


@pytest.mark.parametrize(
    ("message", "phrase"),
    [
        (
            "our prototype ran fine in one team, but scaling it to the whole enterprise keeps failing. is that a "
            "common challenge?",
            "proof-of-concept",
        ),
        ("before we ship a model to production, what should we automate according to best practices?", "shadow"),
        ("once the model is deployed, what does best practice say we should keep doing?", "continuously monitor"),
    ],
)
def test_the_statement_is_searched_with_the_question_that_asks_of_it(
    real_assistant: Assistant, message: str, phrase: str
) -> None:
    """Searched with its question alone ("is that a common challenge?") the situation was lost: the method page or
    the list of best practices' headings answered instead."""
    reply = real_assistant.ask(message)
    assert reply.route == "documents" and not reply.abstained, reply.answer
    assert phrase in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "all our models are written in Julia. does the guide say anything about that?",
        "our whole stack runs on Kubernetes. is that something the guide mentions?",
    ],
)
def test_a_name_the_documents_never_write_in_the_statement_asked_of_is_refused(
    real_assistant: Assistant, message: str
) -> None:
    """The statement searched with its question is asked: a name in it the documents never write is refused by name,
    as it is in the question itself ("is Julia used for ML?"), not answered by whatever passage lies near."""
    reply = real_assistant.ask(message)
    assert reply.abstained, reply.answer
