"""How retrieval and answer choice read words: the stems that let a question's word meet the documents' word."""

from __future__ import annotations

import pytest

from assistant.text_terms import found_in, terms, weighed_once


@pytest.mark.parametrize(
    ("verb", "noun"),
    [("specialize", "Specialization"), ("optimized", "optimization"), ("organise", "organisations")],
)
def test_an_ize_verb_meets_its_ization_noun(verb: str, noun: str) -> None:
    assert terms(verb) == terms(noun), (terms(verb), terms(noun))


@pytest.mark.parametrize("word", ["station", "nation", "relation"])
def test_other_ation_words_keep_their_ending(word: str) -> None:
    assert terms(word) == [word]


def test_plurals_and_acronym_plurals_still_meet() -> None:
    assert terms("skills industries VAEs") == ["skill", "industry", "vae"]


@pytest.mark.parametrize(("word", "form"), [("code", "coding"), ("scale", "scaling"), ("rule", "ruled")])
def test_a_short_word_meets_its_form_that_lost_the_silent_e(word: str, form: str) -> None:
    """'coding' trims to 'cod', 'code' stays 'code' (too short to trim): they are one word."""
    assert found_in(set(terms(word)), set(terms(form))), (terms(word), terms(form))
    assert found_in(set(terms(form)), set(terms(word))), (terms(word), terms(form))


def test_a_short_stem_does_not_meet_an_unrelated_word() -> None:
    assert not found_in(set(terms("code")), set(terms("cold codec"))), terms("cold codec")


WEIGHTS = {
    "tool": 1.0,
    "framework": 2.0,
    "affect": 0.5,
    "factor": 1.5,
    "influenc": 1.0,
    "phd": 3.0,
    "advanc": 1.0,
    "degre": 1.5,
    "scalability": 4.0,
}
TOOLS = [frozenset({"tool"}), frozenset({"framework"})]  # "tools" = ["frameworks"]
AFFECTS = [frozenset({"affect"}), frozenset({"factor"}), frozenset({"influenc"})]  # "affects" = ["factors", ...]
PHD = [frozenset({"phd"}), frozenset({"advanc", "degre"})]  # "phd" = ["advanced degrees"]


@pytest.mark.parametrize(
    ("found", "groups", "weight"),
    [
        ({"tool", "framework"}, [TOOLS], 2.0),  # "new tools ... and frameworks": one thing asked, its heavier way
        ({"factor", "influenc", "scalability"}, [AFFECTS], 1.5 + 4.0),  # "factors influencing" says "affects" once
        ({"advanc", "degre"}, [PHD], 2.5),  # "Advanced degrees" says all of one way of "PhD"
        ({"advanc"}, [PHD], 1.0),  # "Advance from ..." only part of it
        ({"factor"}, [AFFECTS, [frozenset({"factor"})]], 1.5),  # a term two phrases share counts once
        ({"tool", "framework"}, [], 3.0),  # no synonym phrase in the question: every term counts
    ],
)
def test_one_thing_said_several_ways_counts_once(found: set[str], groups: list, weight: float) -> None:
    assert weighed_once(found, WEIGHTS, groups) == pytest.approx(weight)
