"""Every part of a message answered in its own kind (issue 8, parts dropped or half covered).

A year closing a list of figure requests is every request's year; a part asking what would raise the figure just
given ("what would help raise that?") asks what drives that figure, not the job's ways."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "said", "not_said"),
    [
        ("total offers, median and proposals for 2025", ["59 offers", "$5,808"], ["45"]),
        ("offers, median, proposals for 2024", ["45 offers", "$5,640"], ["59", "$5,808"]),
        ("proposals, total offers and median in 2024?", ["0.4", "$5,640"], ["59", "$5,808"]),
    ],
)
def test_a_year_closing_a_list_is_every_requests_year(
    real_assistant: Assistant, message: str, said: list[str], not_said: list[str]
) -> None:
    """The offers part was answered for both years while the median and the proposals were the named year's."""
    reply = real_assistant.ask(message)
    assert all(s in reply.answer for s in said), reply.answer
    assert not any(n in reply.answer for n in not_said), reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "message",
    [
        "What does a data scientist make on average? and what would help raise that?",
        "what's the entry salary for an AI researcher, and what would help increase it?",
        "robotics engineer mid-career pay? what might help raise that?",
    ],
)
def test_what_would_raise_the_figure_is_what_drives_it(real_assistant: Assistant, message: str) -> None:
    """'that' is the salary just given: the guide's ways to a higher salary answer it, not a refusal."""
    reply = real_assistant.ask(message)
    assert [p.route for p in reply.plan] == ["statistics", "documents"], reply.plan
    assert "Career Advancement" in reply.answer, reply.answer
    assert "don't say anything about" not in reply.answer, reply.answer
