"""A pay question about what the data lacks is refused, marked abstained, with what the sources cover: a job title
written short ("devs"), a level the guide has none of ("principal", "staff"), pay foretold ("next year")."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.unasked_figures import other_figure_asked
from assistant.understanding import Vocabulary, understand
from tests.assistant.test_core_pipeline import ask

VOCAB = Vocabulary({"salary", "engineer"})


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("what do golang devs make", "Golang Developer"),
        ("how much does an ios dev earn?", "Ios Developer"),
        ("typical salary for php devs", "Php Developer"),
    ],
)
def test_a_title_written_short_is_a_title_the_data_lacks(question: str, title: str) -> None:
    assert understand(question, VOCAB).unknown_role == title


@pytest.mark.parametrize("question", ["AI devs salary", "how many offers did devs get in 2025", "ML dev pay"])
def test_the_platform_developers_written_short_are_no_unknown_title(question: str) -> None:
    assert understand(question, VOCAB).unknown_role is None


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what do golang devs make", "how much does an ios dev earn?"])
def test_pay_of_a_title_written_short_is_refused(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and "I have no salary data for" in reply.answer, reply.answer
    assert "Programming" not in reply.answer  # not answered with a skills line that shares the language's name


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "level"),
    [("how much do principal AI researchers make", "principal"), ("staff robotics engineer salary?", "staff")],
)
def test_a_level_the_guide_lacks_is_named_and_refused_with_the_levels_it_has(
    real_assistant: Assistant, question: str, level: str
) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and f"no '{level}' level" in reply.answer, reply.answer
    assert "Entry Level" in reply.answer  # what is covered is said


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["will AI salaries go up next year?", "are data salaries going to be higher in the future?"]
)
def test_pay_foretold_in_a_yes_no_question_is_refused(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and "forecast" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "what share of AI researchers hold a PhD",
        "how many data scientists work in Chicago",
        "the average height of robotics engineers?",
    ],
)
def test_a_count_share_or_average_of_something_else_is_no_role_figure(question: str) -> None:
    assert other_figure_asked(understand(question, VOCAB))


@pytest.mark.parametrize(
    "question",
    ["average robotics engineer pay", "average ML engineer comp", "what is the average for data scientists"],
)
def test_an_average_of_pay_is_the_role_figure(question: str) -> None:
    assert not other_figure_asked(understand(question, VOCAB))


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what share of AI researchers hold a PhD?", "what's the average age of robotics engineers"]
)
def test_a_figure_other_than_pay_of_a_role_is_refused(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and "don't give that figure" in reply.answer, reply.answer
    assert "$" not in reply.answer  # not answered with the role's pay


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["bonuses as a percent of base salary?", "what percentage do stock options and bonuses add?"]
)
def test_a_percentage_of_dollar_figures_says_none_is_given_and_gives_the_dollars(
    real_assistant: Assistant, question: str
) -> None:
    reply = ask(real_assistant, question)
    assert reply.abstained and "no percentage" in reply.answer and "$50,000" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what percentage of enterprises run AI in production?",
        "by what percent is ML engineer pay in NYC higher than in Seattle",
    ],
)
def test_percentages_the_sources_give_or_compute_are_answered(real_assistant: Assistant, question: str) -> None:
    reply = ask(real_assistant, question)
    assert not reply.abstained and "%" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what do senior robotics engineers work on",
        "what comes after senior data scientist?",
        "what comes after senior AI researcher",
    ],
)
def test_a_level_the_guide_lacks_with_no_pay_asked_is_no_salary_question(
    real_assistant: Assistant, question: str
) -> None:
    """The examples nearest by form to "<level> <role>" ask its pay; with no pay or number asked, the level only
    says who is asked about, and the documents answer (career paths, duties) instead of the salary table."""
    reply = ask(real_assistant, question)
    assert reply.route == "documents" and "$" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "title"),
    [("consultant pay?", "Consultant"), ("how much do directors earn in machine learning", "Director")],
)
def test_a_bare_title_the_data_lacks_with_pay_asked_is_unknown(question: str, title: str) -> None:
    assert understand(question, VOCAB).unknown_role == title


def test_a_bare_title_with_no_pay_asked_names_no_role() -> None:
    assert understand("which skills do managers want", VOCAB).unknown_role is None
