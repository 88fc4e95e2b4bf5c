"""What a question sets aside inside itself ("what else besides X ...?", "... other than X ...") names no item of a
list: the list answers whole, not narrowed to the item set aside (assistant/set_aside.py, answer_lists). And a
follow-up's new ask in everyday words ("its mistakes", "places catching up") finds the documents' words for it
(stats/search_synonyms.toml: "error", "emerging"). Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.models import Reply
from assistant.pipeline import Assistant
from assistant.set_aside import set_aside


def conversation(assistant: Assistant, first: str, then: str) -> Reply:
    reply = assistant.ask(first)
    return assistant.ask(then, reply.session_id)


def test_the_thing_after_besides_or_other_than_is_set_aside() -> None:
    text, aside = set_aside("what else besides the company decides pay?")
    assert "company" in aside and "company" not in text
    assert "python" in set_aside("which skills other than Python matter?")[1]
    assert set_aside("what skills does an AI engineer need?") == ("what skills does an AI engineer need?", set())


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what else besides location affects how much AI engineers make?",
        "what else apart from location affects how much AI people earn?",
    ],
)
def test_a_factor_set_aside_leaves_the_whole_list_of_factors(real_assistant: Assistant, question: str) -> None:
    # the list was narrowed to the one factor the question set aside ("Geographic location" alone)
    reply = real_assistant.ask(question)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert "Educational background" in reply.answer and "Job performance" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what's deep learning?", "and how does it correct its mistakes?"),
        ("explain deep learning briefly", "so how does the network learn from a mistake?"),
    ],
)
def test_mistakes_asked_of_deep_learning_find_backpropagation(real_assistant: Assistant, first: str, then: str) -> None:
    # the forward-propagation sentences were nearer "learn" than anything to "mistakes"
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert "backpropagation" in reply.answer.split("[1]")[0], reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("where are the biggest AI job hubs?", "are newer spots catching up?"),
        ("which places lead in AI work?", "any places catching up?"),
    ],
)
def test_places_catching_up_are_the_emerging_centers(real_assistant: Assistant, first: str, then: str) -> None:
    # "catching up" found "Keeping up with rapidly evolving AI technologies" (or nothing at all)
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert reply.answer.startswith("Emerging tech centers"), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what do big tech firms pay AI people?", "ok, and what drives how much people get paid overall?"),
        ("what's the typical bonus on top of salary?", "and what drives how much a person is paid in general?"),
    ],
)
def test_what_drives_how_much_someone_is_paid_is_the_salary_factors(
    real_assistant: Assistant, first: str, then: str
) -> None:
    # "drives" named no factor: Career Advancement answered ("Salaries typically increase with experience ...")
    reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert reply.answer.startswith("Factors Influencing Salaries"), reply.answer
