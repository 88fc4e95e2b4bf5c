"""A metric's one-word name that names it only as a noun ("total", the pages' own "Total:"): "the 2024 total" is
the platform's offers count; "total pay", "total compensation", "in total" name no platform figure
([words] noun_only_metric_words in stats/vocabulary.toml). Phrasings here are not in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.word_senses import without_verb_uses


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("what was the 2024 total?", True),
        ("the total for 2025 - is that a lot?", True),
        ("total offers in 2024", True),
        ("what's the total compensation at google?", False),
        ("total salary of a senior ML engineer", False),
        ("how much can bonuses add in total?", False),
    ],
)
def test_total_names_the_offers_only_standing_alone(text: str, kept: bool) -> None:
    assert ("total" in without_verb_uses(text)) is kept


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure"),
    [("what was the 2024 total?", "45"), ("so what's the total for 2025?", "59")],
)
def test_a_years_total_is_its_offers_count(real_assistant: Assistant, question: str, figure: str) -> None:
    reply = real_assistant.ask(question)
    assert f"total of {figure} offers" in reply.answer, reply.answer


@pytest.mark.slow
def test_a_total_and_a_yes_no_about_it_get_both_parts(real_assistant: Assistant) -> None:
    # "X - is that Y?": the figure named, then what it is not (the dash splits once the figure is named)
    reply = real_assistant.ask("the 2025 total - is that the count of job openings?")
    assert "59" in reply.answer and "not the number of vacancies" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["total pay for a data scientist in the US?", "how much in total can bonuses and stock add?"]
)
def test_total_beside_pay_names_no_offers(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert "offers" not in reply.answer, reply.answer
