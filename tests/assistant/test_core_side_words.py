"""Each side of an "X or Y" question in the documents' words (issue 8): a clipped or informal word ("certs") is the
documents' word for it (search_synonyms.toml), a side is spoken of where its specific word is (not wherever "AI"
stands), and the words that only frame the asking ("worth", "matters") are no side. Phrasings not in the eval; each
end-to-end one failed before the change (real model, Chroma, DuckDB)."""

from __future__ import annotations

import pytest

from assistant.comparison_terms import with_side_synonyms
from assistant.pipeline import Assistant


def test_a_side_takes_the_documents_word_for_it_and_drops_framing_and_common_words() -> None:
    words = {"are certs worth it": "certifications", "a degree all that matters": "education"}
    left, right = with_side_synonyms(
        ({"cert", "worth", "ai"}, {"degre", "matter"}),
        ("are certs worth it", "a degree all that matters"),
        lambda side: words.get(side, ""),
        frozenset({"worth", "matter"}),
        lambda term: term not in {"ai"},
    )
    assert left == {"cert", "certification"} and right == {"degre", "education"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "do AI certs actually count for anything when job hunting?",
        "is a cert enough or do I still need a degree to get into AI?",
        "are online certs worth it or does a degree matter more for AI jobs?",
    ],
)
def test_certs_are_the_documents_certifications(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert reply.route == "documents" and not reply.abstained, (reply.route, reply.answer)
    assert "industry-recognized certifications" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["is a cert enough or do I still need a degree to get into AI?", "are certs worth it or is a degree what counts?"],
)
def test_both_sides_of_certs_or_a_degree_are_answered(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert "certifications" in reply.answer and "bachelor's degree" in reply.answer, reply.answer
