"""A "which X" question whose kind of thing the documents never write, answered by a unit not near that kind, is
refused (asked_category.py, UnitRefusals._unnamed_kind); a kind they write, or say in other words, is answered.
Questions are paraphrases in no eval case, probe file or examples file."""

from __future__ import annotations

import pytest

from assistant.asked_category import best_unranked, chosen_kinds, compound_of
from assistant.pipeline import Assistant


def test_the_kind_chosen_among_is_the_word_before_the_auxiliary() -> None:
    assert chosen_kinds("which vector database is best for RAG?") == ["database"]
    assert chosen_kinds("which hobbies should I take up?") == ["hobbies"]  # never the person after the verb
    assert chosen_kinds("what hobbies should I take up?") == []  # "what": what to know, not a member of a kind
    assert chosen_kinds("which ones should I take up?") == []  # "ones" stands for a kind named before
    assert chosen_kinds("which soft skills matter most?") == []  # a main verb: no kind read
    assert chosen_kinds("what is deep learning?") == []


def test_a_kind_made_of_two_written_words_is_written() -> None:
    written = {"course", "work", "data", "base"}.__contains__
    assert compound_of("coursework", written)  # course + work: a written thing in another shape
    assert not compound_of("podcast", written)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "which laptop should I buy for deep learning?",  # the deep learning sentence names no laptop
        "which textbook should I read to learn machine learning?",
        "which podcast should I follow about AI?",
        "which neighbourhoods have the most AI startups?",  # the partnerships bullet on startups
    ],
)
def test_a_kind_the_documents_never_name_is_refused(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("which towns are emerging as AI centers?", "Austin"),  # towns: cities in other words
        ("which frameworks should I learn for deep learning?", "TensorFlow"),  # a kind they write
    ],
)
def test_a_kind_written_or_said_otherwise_is_answered(real_assistant: Assistant, question: str, said: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert said in reply.answer, reply.answer


def test_a_best_asked_needs_a_ranking_or_a_member_named() -> None:
    asked = "which meetups are the best ones to attend?"
    assert best_unranked(asked, "Attend local tech meetups.")  # the kind mentioned, none chosen
    assert not best_unranked(asked, "Meetups in Boston lead the field.")  # a member named, a ranking said
    assert not best_unranked("which meetups should I attend?", "Attend local tech meetups.")  # no best asked
    assert best_unranked(asked, "Networking Events: attend local tech meetups.")  # a label names no member
    assert not best_unranked("which ones are the best?", "Attend local tech meetups.")  # a kind named before


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "which online courses are best for learning ML?",  # "online courses or bootcamps" ranks none
        "which AI communities are the best to join?",
        "which certification is the best to get for ML?",
    ],
)
def test_which_is_best_is_refused_when_the_documents_only_mention_the_kind(
    real_assistant: Assistant, question: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("which city is best for AI jobs?", "Silicon Valley"),  # "... continue to lead": a ranking
        ("which programming language is best for machine learning?", "Python"),  # members named
    ],
)
def test_which_is_best_is_answered_by_a_ranking_or_named_members(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert said in reply.answer, reply.answer
