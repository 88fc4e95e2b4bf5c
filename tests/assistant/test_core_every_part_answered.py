"""Every part of a two-part question answered, or said uncovered in its own words (never dropped silently).

- a refused part keeps its own refusal after the figures the statistics hold instead ("... no count of ... job
  openings" after the role's salary table), not only that table (assistant/refusal_sentences.py);
- "what's the fastest way to ...?" asks the means, as "what's the best way to ...?" does (vocabulary [how_to]);
- a role written short ("DS") is searched as the role the documents write (assistant/role_spelling.py);
- "one developer" counts a person, it names no job title (vocabulary role_modifier_noise);
- "..., and what are they pointing it at?" asks anew of the sentence the part before quoted
  (assistant/part_said_before.py).
Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.role_spelling import roles_spelled_out
from assistant.word_senses import unknown_role

pytestmark = pytest.mark.slow

_UNCOVERED = ("have no", "give no", "don't say", "doesn't say")


@pytest.mark.parametrize(
    "question",
    [
        "experienced ML engineer salary? and about how many ML engineer job openings are there in the US",
        "entry level AI engineer salary, and how many AI engineer job openings exist right now?",
    ],
)
def test_a_refused_part_keeps_its_own_refusal(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    tail = reply.answer.split("[1].")[-1]  # after the salary said first
    assert any(w in tail for w in _UNCOVERED), reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "ok and whats the fastest way to a bigger paycheck?",
        "robotics engineer average salary, and what's the quickest way to a much higher pay bracket?",
    ],
)
def test_the_fastest_way_asks_the_means(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "management or specialized roles" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    ["what's the career ceiling for a DS?", "early career DS salary, and what's the top rung a DS can reach?"],
)
def test_a_short_role_name_finds_the_roles_path(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "Chief Data Scientist" in reply.answer, reply.answer


def test_short_forms_are_spelled_out_only_for_the_roles_named() -> None:
    assert roles_spelled_out("how far can a DS go?", ["Data Scientist"]) == "how far can a Data Scientist go?"
    assert roles_spelled_out("how far can a DS go?", []) == "how far can a DS go?"
    assert roles_spelled_out("DSL tools for a DS", ["Data Scientist"]) == "DSL tools for a Data Scientist"


@pytest.mark.parametrize(
    "text",
    [
        "can one developer show up several times in that number?",
        "does a single engineer get counted twice?",
        "two developers with the same salary",
    ],
)
def test_a_count_of_people_is_no_title(text: str) -> None:
    assert unknown_role(text, text, False) is None


def test_one_developer_counted_twice_is_answered(real_assistant: Assistant) -> None:
    reply = real_assistant.ask("2024 offers total, and could one developer show up in it more than once?")
    assert "don't say anything" not in reply.answer and "[2]" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "how many enterprises are evaluating or using AI in production, and what are they aiming it at?",
        "85% of enterprises use AI in production? and what are they applying it to?",
    ],
)
def test_a_part_pointing_back_asks_anew_of_the_quoted_sentence(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "customer interactions" in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("data scientist salary in New York? is NYC a hub?", "New York"),
        ("robotics salary in Seattle; is Seattle a hub?", "Competitive tech hub"),
    ],
)
def test_a_part_whose_refusal_was_said_before_is_asked_of_the_documents(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """The second part takes the role of the first, whose city figure the guide lacks: the statistics' refusal was
    said already, and the part's own words (a hub) are the documents' (answer_parts)."""
    reply = real_assistant.ask(question)
    tail = reply.answer.split("figure for", 1)[-1]
    assert said in tail and "[1]" in tail, reply.answer


def test_offers_per_developer_is_no_title() -> None:
    text = "what's the average number of offers per developer?"
    assert unknown_role(text, text, False) is None
