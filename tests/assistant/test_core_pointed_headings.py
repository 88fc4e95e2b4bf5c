"""A follow-up pointing by its place into the list of headings the last answer gave ("expand on the third one",
"whats the last one about?") is answered with that heading's section: the pointer is no bare request for more of
the whole topic (followup_forms.read), and the heading put in its place is a written term, though "and" stands
between its words (OtherNames.names_heading). Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.models import Reply
from assistant.pipeline import Assistant
from assistant.pointed_items import listed_item
from assistant.sessions import Turn
from assistant.understanding import Slots

_CHALLENGES = "what sorts of problems do ML engineers tend to hit? only the main categories"
_PRACTICES = "what areas do AI best practices cover? headings only"
_TRENDS = "which industry trends are there in AI?"


def conversation(assistant: Assistant, first: str, then: str) -> Reply:
    reply = assistant.ask(first)
    return assistant.ask(then, reply.session_id)


def _turn(items: list[str]) -> Turn:
    return Turn(message="q", route="documents", slots={"items": items})


def test_the_final_one_and_a_two_digit_number_name_an_item() -> None:
    items = [f"Item {i}" for i in range(1, 11)]
    assert listed_item("what's the final one about?", Slots(), _turn(items)) == "what's Item 10 about?"
    assert listed_item("whats number 10 about", Slots(), _turn(items)) == "whats Item 10 about"
    assert listed_item("whats number 0 about", Slots(), _turn(items)) is None


def test_the_one_before_the_last_and_a_number_in_words_name_an_item() -> None:
    items = [f"Item {i}" for i in range(1, 11)]
    assert listed_item("and the second-to-last one?", Slots(), _turn(items)) == "and Item 9?"
    assert listed_item("go over the penultimate item", Slots(), _turn(items)) == "go over Item 9"
    assert listed_item("what about the last but one", Slots(), _turn(items)) == "what about Item 9"
    assert listed_item("explain number two", Slots(), _turn(items)) == "explain Item 2"
    assert listed_item("and number Ten?", Slots(), _turn(items)) == "and Item 10?"
    assert listed_item("number eleven please", Slots(), _turn(items)) is None  # only ten were listed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        (_PRACTICES, "expand on the third one", "Implement automated testing"),
        (_PRACTICES, "expand on the 3rd one", "Apply static analysis"),
    ],
)
def test_expanding_on_a_listed_heading_by_its_place_answers_that_heading(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "expand on ..." reads as a "more" form: it asked for more of the whole best-practices topic and was refused
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert expected in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("then", ["whats the last one about?", "what is the final one about", "whats number 10 about?"])
def test_the_last_listed_heading_is_answered_with_its_section(real_assistant: Assistant, then: str) -> None:
    # "Explainability and Trust" was refused as a term the documents never write ("explainability trust")
    reply = conversation(real_assistant, _CHALLENGES, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert "Developing explainable AI models" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        (_TRENDS, "tell me about the one on people working alongside AI", "collaborate with AI systems"),
        (_TRENDS, "whats the bit on ethics rules?", "ethical guidelines and governance frameworks"),
        ("what are the common challenges? headings only", "and the part about keeping data safe?", "Privacy and Sec"),
    ],
)
def test_a_listed_heading_described_by_what_it_is_about_answers_that_heading(
    real_assistant: Assistant, first: str, then: str, expected: str
) -> None:
    # "the one on people working alongside AI": no word of "Human-AI Collaboration" but "AI", which every trend has
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert reply.answer.lstrip().startswith(expected) or expected in reply.answer[:200], reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("then", "expected"),
    [
        ("and the next to last one, what's in it?", "proof-of-concept"),
        ("say more about number three", "Securing adequate computational power"),
    ],
)
def test_the_one_before_the_last_and_a_number_in_words_are_answered_with_that_heading(
    real_assistant: Assistant, then: str, expected: str
) -> None:
    # neither was a place: "next to last" found the last heading, "number three" was no pointer at all
    reply = conversation(real_assistant, _CHALLENGES, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert expected in reply.answer, reply.answer
