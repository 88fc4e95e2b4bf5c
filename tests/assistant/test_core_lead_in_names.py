"""A list question naming half a section's heading is that section when its opening ends by saying what the
sections under it are in the question's words ("Industry Trends": "... Here are the key trends shaping the
field:"), not a sentence elsewhere sharing a form of the word ("two related trending technologies").
SectionReader.lead_in_names. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what trends are shaping AI?", "what are the key trends in machine learning?"])
def test_trends_asked_are_the_industry_trends_headings(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and not reply.abstained, reply.plan
    assert "- Automated Machine Learning (AutoML)" in reply.answer and "Human-AI Collaboration" in reply.answer
    assert "trending technologies" not in reply.answer, reply.answer
