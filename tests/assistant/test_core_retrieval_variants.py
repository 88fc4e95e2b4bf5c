"""The documents' other spelling of a question word (British/American, hyphen, clipped) joins the lexical search."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.retrieval import Passage, Retriever


@pytest.mark.parametrize(
    ("question", "variant"),
    [
        ("how do I specialise in AI", "specializ"),  # the guide writes "Specialization" (and "specialist")
        ("organisational hurdles with AI", "organizational"),
        ("who gains from pretrained models", "pre-train"),  # the heading writes "Pre-trained Models"
        ("is a pre-trained model useful", "pretrain"),  # the explainer writes "Generative Pretrained Transformer"
        ("what math do I need", "mathematic"),  # a clipped word: its one completion the documents write
        ("which algos matter", "algorithm"),
    ],
)
def test_a_question_word_gets_the_documents_spelling(real_assistant: Assistant, question: str, variant: str) -> None:
    assert variant in real_assistant.build.retriever.lexical.variants(question)


@pytest.mark.parametrize(
    "question",
    ["what skills does an ML engineer need", "how can an AI team stay innovative long term", "stats for ML"],
)
def test_words_the_documents_write_or_no_clear_completion_get_no_variant(
    real_assistant: Assistant, question: str
) -> None:
    # "long" is no clipping of "longer"; "stat" starts statistics, state and statement alike
    assert real_assistant.build.retriever.lexical.variants(question) == []


def _candidates(real_assistant: Assistant, monkeypatch: pytest.MonkeyPatch, question: str) -> list[Passage]:
    """The passages the documents answer scores for the question (its own hybrid call)."""
    found: list[list[Passage]] = []
    hybrid = Retriever.hybrid

    def spy(self: Retriever, *args: object, **kwargs: object) -> list[Passage]:
        out = hybrid(self, *args, **kwargs)  # type: ignore[arg-type]
        found.append(out)
        return out

    monkeypatch.setattr(Retriever, "hybrid", spy)
    real_assistant.clear_caches()
    real_assistant.ask(question)
    assert found
    return found[0]


@pytest.mark.parametrize(
    ("question", "section", "top"),
    [
        # "pretrained" never matched the heading's "Pre-trained": the section was 30th of the fused list
        ("which fields gain most from pretrained models?", "Pre-trained Models and Open Source AI", 3),
        ("which algos should I understand for ML", "AI and ML Specific Skills", 1),  # was 5th: "algos" unread
    ],
)
def test_the_documents_spelling_brings_the_section_up(
    real_assistant: Assistant, monkeypatch: pytest.MonkeyPatch, question: str, section: str, top: int
) -> None:
    found = _candidates(real_assistant, monkeypatch, question)
    assert any(p.section.endswith(section) for p in found[:top]), [p.section for p in found[:top]]


def test_a_specific_word_finds_its_derived_forms_for_the_search_only(real_assistant: Assistant) -> None:
    lexical = real_assistant.build.retriever.lexical
    assert "innovation" in lexical.relatives("what keeps an AI company innovative")
    assert "adaptability" in lexical.relatives("how adaptable do ML people need to be")
    # spellings are the same word; derived forms only find the section (Retriever.hybrid)
    assert "innovation" not in lexical.variants("what keeps an AI company innovative")
    # a common word finds its chunks by itself: no relatives ("engineers" ~ "engineering")
    found = lexical.relatives("is teamwork important for ML engineers")
    assert not any(v.startswith("engin") for v in found), found


@pytest.mark.parametrize(
    ("question", "section"),
    [
        # fused rank 10, 11 and none of the 40 before: "innovative"/"adaptable" never matched the headings
        ("how can an AI team stay innovative long term", "Future-Proofing and Innovation"),
        ("what keeps an AI company innovative", "Future-Proofing and Innovation"),
        ("how adaptable do ML people need to be", "Adaptability and Continuous Learning"),
    ],
)
def test_a_derived_form_brings_the_section_it_names_first(
    real_assistant: Assistant, monkeypatch: pytest.MonkeyPatch, question: str, section: str
) -> None:
    found = _candidates(real_assistant, monkeypatch, question)
    assert found[0].section.endswith(section), [p.section for p in found[:3]]
