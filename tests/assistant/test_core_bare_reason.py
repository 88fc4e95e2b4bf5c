"""A bare "why not?" / "how come?" after a documents answer is answered with what the documents write next after
the claim the answer opened with (asked_anew._said_next): it has no words of its own to be near, and the topic's
words find the claim again. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.answer_reasons import bare_reason
from assistant.pipeline import Assistant


def test_a_reason_asked_with_no_words_of_its_own_is_bare() -> None:
    assert bare_reason("how come?") and bare_reason("why not?") and bare_reason("why is that?")
    assert not bare_reason("why not the other ones?")
    assert not bare_reason("why is there a skills gap?")
    assert not bare_reason("tell me more")


@pytest.mark.slow
@pytest.mark.parametrize("then", ["how come?", "why not?"])
def test_a_bare_why_after_a_claim_reads_on_to_the_reason_after_it(real_assistant: Assistant, then: str) -> None:
    first = real_assistant.ask("are all AI models ML models?")
    assert "not all AI is ML" in first.answer, first.answer
    reply = real_assistant.ask(then, first.session_id)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert reply.answer.startswith("The rules are explicitly programmed"), reply.answer
