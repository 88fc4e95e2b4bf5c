"""A follow-up placing the asker somewhere after a figure ("and if I'm based in Seattle?", "what if I live in NYC?")
asks that figure there, as "and in Seattle?" does: the conditional's words are no words of its own
(kind_rules.elliptical, vocabulary [words] situated). Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.kind_rules import elliptical
from assistant.pipeline import Assistant
from assistant.understanding import Slots


def test_the_asker_placed_somewhere_is_an_ellipsis_of_the_place() -> None:
    place = Slots(city="Seattle")
    assert elliptical("and what if I'm living in Seattle?", place)
    assert elliptical("ok and if I relocate to Seattle?", place)
    assert not elliptical("and if I'm living in Seattle, what are the best meetups?", place)
    assert not elliptical("and if I'm living there?", Slots())  # no place named: nothing to ask there


@pytest.mark.slow
@pytest.mark.parametrize(
    ("then", "expected"),
    [("and what if I'm living in Seattle?", "$173,517"), ("ok and if I relocate to New York?", "$184,982")],
)
def test_a_city_the_asker_would_live_in_gets_the_figure_there(
    real_assistant: Assistant, then: str, expected: str
) -> None:
    first = real_assistant.ask("what's the average pay of a machine learning engineer?")
    reply = real_assistant.ask(then, first.session_id)
    assert not reply.abstained and reply.route == "statistics", reply.plan
    assert expected in reply.answer, reply.answer
