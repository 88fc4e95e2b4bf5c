"""answer_parts: one planned part answered by its route, or said to be uncovered in its own sentence."""

from __future__ import annotations

import pytest

from assistant.answer_parts import answer_part, not_mentioned
from assistant.draft import Draft
from assistant.pipeline import Assistant


def test_names_not_mentioned_are_listed_in_one_sentence() -> None:
    assert not_mentioned(["Julia"]) == "The sources I have don't say anything about Julia."
    assert not_mentioned(["Docker", "Kubernetes", "MLflow"]).endswith("about Docker, Kubernetes or MLflow.")


@pytest.mark.slow
def test_each_part_answered_by_its_route_or_said_uncovered(real_assistant: Assistant) -> None:
    build = real_assistant.build
    parts = real_assistant.planner.plan(
        "what was the 2024 median and what's the best pizza in Chicago?", build.vocabulary, None, []
    )
    draft = Draft(documents=build.documents)
    routes = [answer_part(build, real_assistant.planner, part, draft, alone=False) for part in parts]
    assert routes == ["statistics", "out_of_scope"]
    assert "$5,640" in draft.text() and "don't say anything about" in draft.text()
