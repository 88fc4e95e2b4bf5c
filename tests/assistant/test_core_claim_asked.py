"""A yes/no question over a claim leads with the sentence holding the claim (claim_asked.py, the claim_held weight
of answer_scoring.py), not one on the contrary the asker offers, nor one holding only the options it names.
Questions are paraphrases in no eval case, probe file or examples file; the answers fail without the change."""

from __future__ import annotations

import pytest

from assistant.claim_asked import NO_CLAIM, claim_of
from assistant.pipeline import Assistant
from assistant.text_terms import terms


def _claim(query: str, options: str = "") -> tuple[set[str], set[str]]:
    claim = claim_of(query, set(terms(options)), set(terms(query)))
    return set(claim.held), set(claim.contrary)


def test_the_claim_is_the_clause_before_its_alternative() -> None:
    held, contrary = _claim(
        "can generative models do classification, or is classification purely a discriminative job?"
    )
    assert {"generativ", "classification"} <= held and "discriminativ" not in held
    assert "discriminativ" in contrary and "classification" not in contrary


def test_a_phrase_set_off_before_a_pointing_clause_is_its_subject_and_the_options_are_set_apart() -> None:
    held, _ = _claim(
        "recommendation engines at amazon - is that supervised or unsupervised?", "supervised unsupervised"
    )
    assert {"recommendation", "engin", "amazon"} <= held
    assert not held & set(terms("supervised unsupervised"))


def test_no_claim_without_a_yes_no_clause_or_with_a_pointer_to_another_turn() -> None:
    assert claim_of("what is overfitting?", set(), set(terms("overfitting"))) == NO_CLAIM
    assert claim_of("is that a real opportunity or just talk?", set(), set(terms("real opportunity"))) == NO_CLAIM
    assert claim_of("can you explain GANs?", set(), set(terms("GANs explain"))) == NO_CLAIM


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "can generative models do classification, or is classification purely a discriminative model job?",
            "bayes",
        ),
        ("recommendation engines at amazon - is that supervised or unsupervised learning?", "amazon"),
    ],
)
def test_the_sentence_holding_the_claim_leads(real_assistant: Assistant, question: str, lead: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents", reply.answer
    first = reply.answer.split("[1]")[0].lower()
    assert lead in first, reply.answer
