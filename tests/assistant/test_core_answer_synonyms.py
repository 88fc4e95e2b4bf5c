"""Question words the documents write otherwise (stats/search_synonyms.toml): "job openings" are the platform's
"vacancies", meeting people in a field is the guide's networking. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("how many offers did the platform count in 2025?", "so is that the count of job openings?"),
        ("how many offers were there in 2025?", "does that mean 59 job openings?"),
    ],
)
def test_offers_asked_as_job_openings_find_the_vacancies_sentence(
    real_assistant: Assistant, first: str, then: str
) -> None:
    reply = real_assistant.ask(then, real_assistant.ask(first).session_id)
    assert "not the number of vacancies" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "how can I make connections in machine learning?",
        "where would I meet people working in ML?",
        "how do I build connections with AI folks?",
    ],
)
def test_meeting_people_in_the_field_is_networking(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert any(c.section.endswith("Networking") for c in reply.citations), [c.section for c in reply.citations]


@pytest.mark.parametrize(
    "question",
    ["what are the bars in that salary chart counting?", "what does each bar in the salary chart represent?"],
)
def test_the_bars_of_a_chart_are_the_pages_graph_column(real_assistant: Assistant, question: str) -> None:
    """The platform page writes "graph column" for what people call a chart's bars."""
    reply = real_assistant.ask(question, None)
    assert reply.answer.startswith("The graph column is the total number of offers."), reply.answer
