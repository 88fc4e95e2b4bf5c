"""A comparison of two acronyms ("AI vs ML") is answered with the sentence relating them ("all ML models are AI,
but not all AI is ML"): each side is its acronym as well as its expansion (UnitScorer.side_terms), and a sentence
of another section relating both sides joins the lead (answer_sentences.SECOND_CONTRAST_SLACK). Paraphrases not in
the eval."""

from __future__ import annotations

import pytest

from assistant.draft import Draft
from assistant.pipeline import Assistant
from assistant.text_terms import terms


@pytest.mark.slow
@pytest.mark.parametrize(("sides", "acronyms"), [(("AI", "ML"), ("ai", "ml")), (("ML", "AI"), ("ml", "ai"))])
def test_a_one_word_acronym_side_is_also_itself(
    real_assistant: Assistant, sides: tuple[str, str], acronyms: tuple[str, str]
) -> None:
    left, right = real_assistant.build.document_answerer.scorer.side_terms(sides)
    assert acronyms[0] in left and acronyms[1] in right
    # ... and still its expansion as the documents write it
    assert {" ".join(terms("artificial intelligence")), " ".join(terms("machine learning"))} <= left | right


@pytest.mark.slow
@pytest.mark.parametrize("question", ["so how is AI different from ML really", "ml vs ai - how do they differ"])
def test_ai_vs_ml_says_how_they_relate(real_assistant: Assistant, question: str) -> None:
    draft = Draft(documents=real_assistant.build.documents)
    assert real_assistant.build.document_answerer.answer(question, "comparison", draft), question
    assert "not all AI is ML" in draft.text(), draft.text()
