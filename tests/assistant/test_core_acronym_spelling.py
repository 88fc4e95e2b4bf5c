"""A unit that writes out what an acronym of the question stands for names the acronym (acronym_spelling.py,
read by answer_scoring.UnitScorer._said), on the real model and build."""

from __future__ import annotations

import pytest

from assistant.acronym_spelling import spelled_acronyms
from assistant.pipeline import Assistant
from assistant.text_terms import terms

SPELLED = {"nlp": tuple(terms("natural language processing")), "ml": tuple(terms("machine learning"))}


def test_an_expansion_written_in_a_row_names_its_acronym() -> None:
    assert spelled_acronyms(terms("Natural language processing"), SPELLED) == {"nlp"}
    assert spelled_acronyms(terms("Deep learning, natural language processing, computer vision"), SPELLED) == {"nlp"}


def test_the_expansion_words_apart_do_not_name_the_acronym() -> None:
    # "learning" and "machine" apart (or in another order) are not "machine learning"
    assert spelled_acronyms(terms("learning a machine's language for processing"), SPELLED) == set()
    assert spelled_acronyms([], SPELLED) == set()


@pytest.mark.slow
def test_the_item_spelling_out_the_asked_acronym_leads(real_assistant: Assistant) -> None:
    """The documents write "NLP" elsewhere, so the question keeps its acronym; the In-Demand Skills item
    "Natural language processing" answers, not "Programming proficiency (Python, Java, R)"."""
    reply = real_assistant.ask("Is NLP an in-demand skill these days?")
    assert reply.answer.startswith("Natural language processing"), reply.answer


@pytest.mark.slow
def test_a_sentence_spelling_out_the_asked_acronym_leads(real_assistant: Assistant) -> None:
    """ "Specialized Knowledge: Deep learning, natural language processing, ..." names NLP; "Soft Skills: ..." no."""
    reply = real_assistant.ask("Is NLP an essential skill?")
    assert "natural language processing" in reply.answer.split("[1]")[0], reply.answer
