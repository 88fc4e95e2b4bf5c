"""The passage the retrieval's rankings agree on (ranking_agreement.py) is judged by its own sentence: a question in the
asker's own words, far from that passage as a whole, is answered from it; an amount asked of it stays refused.
Questions are paraphrases in no eval case, probe file or examples file."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.ranking_agreement import LEADER_FLOOR, agreed_leader, judged_by_sentence
from assistant.retrieval import Passage


def _passage(chunk_id: str, score: float) -> Passage:
    return Passage(
        chunk_id=chunk_id, text="", section="", title="", source="", locations=(), titles=(), score=score, fused=0.1
    )


def test_the_leader_is_the_fusions_first_holding_the_nearest_sentence_above_the_floor() -> None:
    first, second = _passage("a", 0.27), _passage("b", 0.5)
    assert agreed_leader([first, second], {"a": 0.4, "b": 0.3}) == first
    # the nearest sentence is another chunk's: one ranking alone leads with it
    assert agreed_leader([first, second], {"b": 0.4, "a": 0.3}) is None
    # far from the question as a whole: noise whatever the rankings say
    assert agreed_leader([_passage("a", LEADER_FLOOR - 0.01)], {"a": 0.4}) is None
    assert agreed_leader([], {"a": 0.4}) is None and agreed_leader([first], {}) is None
    # the unit's own sentence must be as near as a passage must be, and the unit the leader's
    assert judged_by_sentence(first, 0.31, 0.3, first)
    assert not judged_by_sentence(first, 0.29, 0.3, first)
    assert not judged_by_sentence(second, 0.5, 0.3, first) and not judged_by_sentence(first, 0.5, 0.3, None)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # Career Development > Specialization leads every ranking at a cosine of 0.27 (below the 0.30 bar)
        ("is it better to become the go-to person for one narrow area?", "Develop deep expertise"),
        ("should I become the go-to person for one narrow area?", "Develop deep expertise"),
        # its best unit shares no word with the question; the rankings agree on its passage
        ("how do I get some real practice in before my first job?", "Hands-on experience"),
    ],
)
def test_the_passage_the_rankings_agree_on_answers_in_other_words(
    real_assistant: Assistant, question: str, sentence: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert sentence in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question",
    [
        # "how quickly" asks for a time: the method sentence on counting offers leads the rankings but gives none
        "how quickly do candidates on the platform usually get their first offer?",
        "how quickly does a candidate usually receive a first offer on the platform?",
        "what does a typical week look like for an ML intern?",
    ],
)
def test_an_agreed_leader_that_does_not_say_what_is_asked_stays_refused(
    real_assistant: Assistant, question: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer
