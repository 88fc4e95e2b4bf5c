"""A later part pointing at what the part before named: "there" at a place the statistics have no figures for
(followups.inherit carries the unknown place, so its refusal names it instead of giving other cities' figures), and
"the job itself" at the role whose pay was just asked (vocabulary role_noun_followers "itself").
Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("is Toronto growing as an AI hub? what do data scientists earn there?", "Toronto"),
        (
            "are emerging hubs like Austin worth a look for AI work, and what would an AI engineer get paid there?",
            "Austin",
        ),
    ],
)
def test_there_is_the_place_without_figures(real_assistant: Assistant, question: str, place: str) -> None:
    reply = real_assistant.ask(question)
    assert f"no salary data for {place}" in reply.answer, reply.answer
    assert "$" not in reply.answer, reply.answer  # no other place's or the nation's figures in its stead


@pytest.mark.parametrize(
    ("question", "duty"),
    [
        ("robotics engineer average salary, and what does the job itself involve?", "robotic systems"),
        ("AI researcher entry pay. what is the work itself like?", "novel algorithms"),
    ],
)
def test_the_job_itself_is_the_role_just_asked(real_assistant: Assistant, question: str, duty: str) -> None:
    reply = real_assistant.ask(question)
    assert duty in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "duty"),
    [
        ("what do mid-career AI researchers earn, and what does the research role involve?", "novel algorithms"),
        ("entry data scientist salary, and what does the analyst job entail?", "statistical analysis"),
    ],
)
def test_a_job_noun_with_a_word_before_it_is_the_role_just_asked(
    real_assistant: Assistant, question: str, duty: str
) -> None:
    """ "the research role", "the analyst job": one word between the determiner and the job noun (question_kinds
    role_noun, modified)."""
    reply = real_assistant.ask(question)
    assert duty in reply.answer, reply.answer
