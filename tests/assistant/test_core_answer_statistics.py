"""Statistics answers over the real model, Chroma and DuckDB: which figures a question about pay gets."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.assistant.test_core_pipeline import ask

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "role_figure"),
    [
        ("what do mid-career ML engineers make at top companies?", "$120,368 - $193,263"),
        ("do data scientists earn more at the top companies?", "$129,640"),
        ("what does an entry-level ML engineer get paid at top companies?", "up to $152,601 at top companies"),
    ],
)
def test_a_role_at_the_top_companies_gets_its_own_figure_and_the_companies_line(
    real_assistant: Assistant, question: str, role_figure: str
) -> None:
    """The role is what the figure is about and the companies are where: both are given, neither replaces the
    other (the companies' line alone used to answer, or the role's alone)."""
    reply = ask(real_assistant, question)
    assert role_figure in reply.answer and "$120,000 to over $200,000" in reply.answer, reply.answer
    assert not reply.abstained


def test_the_top_companies_alone_get_the_companies_line(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "how much do the top companies pay?")
    assert "$120,000 to over $200,000" in reply.answer and "Average Base Salary" not in reply.answer


@pytest.mark.parametrize(
    "question",
    ["is San Francisco really the highest paying city?", "does SF pay the most of any city?"],
)
def test_a_quoted_ranking_claim_the_figures_contradict_is_noted(real_assistant: Assistant, question: str) -> None:
    """The guide calls San Francisco "Highest overall" yet gives New York City a higher figure: an answer quoting
    the claim says so, whichever route quoted it (the statistics' ranking did already; the documents did not)."""
    reply = ask(real_assistant, question)
    assert "Highest overall" in reply.answer, reply.answer
    assert "sources disagree" in reply.answer and "$184,982" in reply.answer, reply.answer
    assert reply.answer.count("sources disagree") == 1, reply.answer


def test_the_contradiction_is_noted_once_when_the_statistics_noted_it(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "what's the ML engineer salary in SF?")
    assert reply.answer.count("sources disagree") == 1, reply.answer


@pytest.mark.parametrize(
    ("turns", "verdict"),
    [
        (
            ["what do entry level AI engineers earn?", "and data scientists?", "which one pays more?"],
            "at Entry Level Data Scientist $107,150 [1] earns more than AI Engineer $100,324",
        ),
        (
            ["how much do robotics engineers make?", "what about AI researchers?", "which is higher?"],
            "on average AI Researcher $108,932 [1] earns more than Robotics Engineer $96,013",
        ),
    ],
)
def test_which_is_higher_after_two_roles_says_which(real_assistant: Assistant, turns: list[str], verdict: str) -> None:
    """The two roles of the turns before are compared, not listed again table by table."""
    session = None
    for turn in turns:
        reply = real_assistant.ask(turn, session)
        session = reply.session_id
    assert verdict in reply.answer, reply.answer
    assert "Late Career" not in reply.answer and "Level level" not in reply.answer, reply.answer


def test_a_city_ranking_names_the_role_its_figures_are_for(real_assistant: Assistant) -> None:
    reply = ask(real_assistant, "which city pays best?")
    assert "city figures (Machine Learning Engineer, 2024)" in reply.answer, reply.answer
