"""Answers that must be written differently from the passage the question's words find: what a
figure just given indicates ("is that high?"), the remedy for a list of problems (the practices, not the
problems again), and why (a reason or a purpose, never the instruction itself). Through the real pipeline; the
wordings are in no eval case nor in the probe files."""

from __future__ import annotations

import pytest

from assistant.passage_units import instructs
from assistant.pipeline import Assistant
from tests.assistant.test_core_followups import conversation


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Test for and mitigate social bias in training data", True),
        ("Continuously monitor deployed models' behavior", True),  # an adverb before the verb
        ("Build strategic partnerships with technology providers and startups", True),
        ("Managing the time-intensive nature of model training and deployment", False),  # a gerund: a problem
        ("Poor or biased data leading to inaccurate predictions", False),
        ("Machine learning models learn from data", False),  # "machined" is rare beside "machine": a noun
        ("The graph column is the total number of offers.", False),
        ("Shortage of skilled AI and ML professionals", False),
    ],
)
def test_an_instruction_opens_with_a_verb_read_by_its_other_forms(text: str, told: bool) -> None:
    assert instructs(text) is told


@pytest.mark.parametrize("then", ["is that a high figure?", "does that mean there were that many job openings?"])
def test_what_a_figure_just_given_indicates_is_the_sentence_qualifying_it(real_assistant: Assistant, then: str) -> None:
    reply = conversation(real_assistant, "how many offers did AI/ML developers receive in 2025?", then)
    assert "not the number of vacancies, but an indicator of the level of demand" in reply.answer


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what data quality challenges are there?", "how could I prevent them?"),
        ("what are the challenges of deploying models?", "what can I do to avoid them?"),
        ("tell me about organizational and cultural challenges", "how might I tackle those?"),
    ],
)
def test_the_remedy_for_a_list_of_problems_is_what_to_do_not_the_problems_again(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    problems = conversation(real_assistant, first).answer
    lead = reply.answer.lstrip("- ").split(" [")[0].split(" (listed under")[0]
    assert instructs(lead) or any("Best Practices" in c.section for c in reply.citations[:1]), reply.answer
    assert lead not in problems


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("which deployment and operations practices do they recommend?", "why follow them at all?"),
        ("give me the best practices for coding and engineering", "what is the point of those?"),
    ],
)
def test_why_of_a_list_of_practices_is_its_purpose_not_the_list_again(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = conversation(real_assistant, first, then)
    assert "ensure" in reply.answer.lower(), reply.answer
    assert not any(line.startswith("- ") for line in reply.answer.splitlines()), reply.answer


@pytest.mark.parametrize(
    "question", ["why should training data be checked for bias?", "what's the reason to test training data for bias?"]
)
def test_an_instruction_never_answers_why(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "Test for and mitigate social bias in training data" not in reply.answer, reply.answer
