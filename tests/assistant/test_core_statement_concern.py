"""What the asker says before the question can hold what it asks of: "I care about X. is that ...?" (the
demonstrative is the statement's topic) and "on the X side, what ...?" (the leading phrase names the side asked).
The statement joins the question's search and scoring (part_context.with_statement_topic). Questions are
paraphrases in no eval case, probe file or examples file; each fails without the change."""

from __future__ import annotations

import pytest

from assistant.part_context import asked_sentence, with_statement_topic
from assistant.pipeline import Assistant


def _read(message: str) -> str:
    return with_statement_topic(message, asked_sentence(message))


def test_the_statement_a_demonstrative_points_at_joins_the_question() -> None:
    assert "AI ethics" in _read("I'm passionate about AI ethics. is that something employers look for?")
    assert "privacy" in _read("on the privacy side, what should ML teams watch out for?")


def test_the_asker_a_year_or_what_is_set_aside_stays_out() -> None:
    # "it" is as often no pointer ("is it worth ..."); a year names no topic; what is set aside is not asked
    for message in (
        "as a data analyst, is it worth learning MLOps",
        "I live in Boston, is it a good place for AI",
        "apart from python, which languages should I learn?",
    ):
        assert _read(message) == asked_sentence(message)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("I'm passionate about AI ethics. is that something employers actually look for?", ["address ai ethics"]),
        ("on the privacy side, what should ML teams watch out for?", ["privacy and security regulations", "privacy,"]),
        (
            "regarding the deployment side, what should we keep an eye on once models are live?",
            ["monitor model performance", "monitor deployed"],
        ),
    ],
)
def test_the_concern_stated_before_the_question_is_answered(
    real_assistant: Assistant, question: str, phrases: list[str]
) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents", reply.answer
    assert any(p in reply.answer.lower() for p in phrases), reply.answer


def test_a_when_clause_with_its_subject_is_the_situation_of_the_question_not_a_part() -> None:
    from assistant.question_parts import split_parts

    assert len(split_parts("when we deploy a model, what should we monitor?")) == 1
    assert "deploy" in _read("when we deploy a model, what should we monitor?")
    # a question's own "when" (its verb right after it) still asks
    assert len(split_parts("when do ML engineers reach late career, and what do they earn then?")) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        (
            "when we gather training data, how should we deal with data protection laws?",
            ["privacy and security regulations", "data protection regulations"],
        ),
        (
            "when we build AI for hospitals, what should we worry about privacy-wise?",
            ["privacy, bias", "data privacy", "data protection"],
        ),
    ],
)
def test_the_situation_a_when_clause_names_is_answered(
    real_assistant: Assistant, question: str, phrases: list[str]
) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents", reply.answer
    assert any(p in reply.answer.lower() for p in phrases), reply.answer
