"""The plain LangChain RAG baseline: 1000/200 chunks in Chroma, top-4 passages as the answer, never abstains."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import Settings
from eval.baseline_rag import CHUNK_SIZE, BaselineRag, HeadingMap

DOC = (
    """---
title: Tiny Guide
---
# Tiny Guide
Intro line.
## Salaries
"""
    + "The robotics engineer salary is $96,013 per year. " * 30
    + """
## Skills
"""
    + "Python and PyTorch are the skills employers want most. " * 30
    + "\n"
)


def test_heading_map_spans_sections() -> None:
    headings = HeadingMap.of(DOC)
    salaries = DOC.index("The robotics")
    skills = DOC.index("Python and")
    assert headings.spanned(salaries, salaries + 10) == ["Tiny Guide > Salaries"]
    assert headings.spanned(skills - 50, skills + 10) == ["Tiny Guide > Salaries", "Tiny Guide > Skills"]
    assert headings.spanned(0, 5) == [""]


@pytest.mark.slow
def test_baseline_returns_four_passages_verbatim(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tiny.md").write_text(DOC, encoding="utf-8")
    (corpus / "README.md").write_text("not a document", encoding="utf-8")
    rag = BaselineRag(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    try:
        seen = rag.ask("Which skills do employers want?", None)
        empty = rag.ask("   ", None)
    finally:
        rag.close()
    assert rag.chunk_count >= 4
    assert len(seen.citations) == 4
    assert seen.answer == "\n\n".join(citation.snippet for citation in seen.citations)
    assert all(len(citation.snippet) <= CHUNK_SIZE for citation in seen.citations)
    assert seen.abstained is False and seen.route is None and seen.tool_calls is None
    assert seen.cited_ids == [1, 2, 3, 4]
    assert "Tiny Guide > Skills" in seen.citations[0].sections
    assert {citation.doc for citation in seen.citations} == {"tiny.md"}
    assert seen.citations[0].score is not None and seen.citations[0].score >= seen.citations[-1].score
    assert empty.answer == "" and empty.abstained is False
