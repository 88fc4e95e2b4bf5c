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
