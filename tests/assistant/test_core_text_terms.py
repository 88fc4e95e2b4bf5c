"""How retrieval and answer choice read words: the stems that let a question's word meet the documents' word."""

from __future__ import annotations

import pytest

from assistant.text_terms import terms


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
