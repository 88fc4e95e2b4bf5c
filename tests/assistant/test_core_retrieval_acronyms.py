"""Acronyms the documents define, in every way they write them: hyphenated and quoted expansions too."""

from __future__ import annotations

import pytest

from assistant.passage_units import acronyms, defines
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        ("trends including retrieval-augmented generation (RAG) for accuracy", "rag", "retrieval-augmented generation"),
        ("a self-supervised learning (SSL) method", "ssl", "self-supervised learning"),
        ("such as the ‘large language models’ (LLMs) behind chatbots", "llm", "large language models"),
        ('the "graph neural network" (GNN) family', "gnn", "graph neural network"),
        ("Variational Autoencoders (VAEs) compress", "vae", "variational autoencoders"),
    ],
)
def test_an_expansion_may_be_hyphenated_or_quoted(text: str, acronym: str, expansion: str) -> None:
    assert acronyms([text]) == {acronym: expansion}


def test_words_whose_initials_do_not_spell_the_acronym_are_no_expansion() -> None:
    assert acronyms(["models like this (LLMs) are large", "state-of-the-art systems (SOTA)"]) == {}


def test_a_quoted_expansion_before_the_acronym_defines_it() -> None:
    sentence = "Most applications, such as the ‘large language models’ (LLMs) behind chatbots, use deep learning."
    assert defines(sentence, "LLM", {"llm": "large language models"})
    assert not defines("When an LLM produces text, it computes a probability.", "LLM", {"llm": "large language models"})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expansion"),
    [
        ("what does RAG stand for", "retrieval-augmented generation"),
        ("RAG - what's that?", "retrieval-augmented generation"),
        ("what is an LLM?", "large language models"),
        ("what are LLMs?", "large language models"),
    ],
)
def test_an_acronym_question_is_answered_with_its_expansion(
    real_assistant: Assistant, question: str, expansion: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and not reply.abstained
    first = reply.answer.split("[1]")[0].lower()
    assert expansion in first
