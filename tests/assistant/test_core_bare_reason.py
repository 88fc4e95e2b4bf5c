"""A bare "why not?" / "how come?" after a documents answer is answered with what the documents write next after
the claim the answer opened with (asked_anew._said_next): it has no words of its own to be near, and the topic's
words find the claim again. Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.answer_reasons import bare_reason
from assistant.pipeline import Assistant


def test_a_reason_asked_with_no_words_of_its_own_is_bare() -> None:
    assert bare_reason("how come?") and bare_reason("why not?") and bare_reason("why is that?")
    # "the other ones" only points back (those the claim left out): no words of its own
    assert bare_reason("why not the other ones?") and bare_reason("how come not the others?")
    assert not bare_reason("why not the other models?")
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


@pytest.mark.slow
@pytest.mark.parametrize("then", ["how come not the others?", "and why not the other ones then?"])
def test_why_not_the_other_ones_reads_on_to_the_reason_after_the_claim(real_assistant: Assistant, then: str) -> None:
    # "the other ones" counted as words of its own: the ask was no bare why and found the AI/ML overview again
    first = real_assistant.ask("which AI models can get better on their own, without a person doing it?")
    assert "only those that use machine learning" in first.answer, first.answer
    reply = real_assistant.ask(then, first.session_id)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert "if-then-else" in reply.answer.split("[1]")[0], reply.answer
