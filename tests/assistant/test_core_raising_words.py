"""Raising one's pay asked in pay words alone (issue 8): "what can I do to push my pay up?" lay far from every
passage (the documents write "salaries", "earning potential") and was refused, or "pay" found "Top-Paying Companies".
A raising question searches the documents' words for it too (vocabulary.toml [raising] documents_words). Phrasings
not in the eval; each was refused or answered by Top-Paying Companies before the change (real model, Chroma, DuckDB)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what can I do to push my pay up?", "how do I boost my pay?", "how can I get paid more?"]
)
def test_raising_pay_in_pay_words_finds_career_advancement(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question, None)
    assert reply.route == "documents" and not reply.abstained, (reply.route, reply.answer)
    assert any("Career Advancement" in c.section for c in reply.citations), reply.citations
    assert "Top-Paying" not in " ".join(c.section for c in reply.citations), reply.citations
