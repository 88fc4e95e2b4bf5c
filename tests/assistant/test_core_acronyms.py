"""Acronyms read from the documents' own text (assistant/acronyms.py): every way they write an expansion."""

from __future__ import annotations

import pytest

from assistant.acronyms import acronyms, expansion_of


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


def test_an_expansion_is_keyed_by_the_singular_acronym() -> None:
    expansions = acronyms(["MLOps (Machine Learning Operations)", "Artificial intelligence (AI) is a term"])
    assert expansions == {"mlop": "machine learning operations", "ai": "artificial intelligence"}
    assert acronyms(["Variational Autoencoders (VAEs) compress"]) == {"vae": "variational autoencoders"}


def test_an_acronym_is_looked_up_as_written_or_in_the_singular() -> None:
    expansions = {"mlop": "machine learning operations", "ai": "artificial intelligence"}
    assert expansion_of("MLOps", expansions) == "machine learning operations"
    assert expansion_of(" AI ", expansions) == "artificial intelligence"
    assert expansion_of("NLP", expansions) == ""
    assert expansion_of("ai", None) == ""
