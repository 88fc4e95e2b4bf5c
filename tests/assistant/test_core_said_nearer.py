"""When the last answer said two sentences and a follow-up asks for what one of them alone says ("any up-and-coming
ones too?" after the hubs and the emerging centres said together), the one clearly nearer to the new ask answers,
not the one the topic's words find first again (asked_anew SAID_NEARER). Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize("then", ["any up-and-coming ones too?", "and the newer ones on the rise?"])
def test_the_said_sentence_nearer_to_the_new_ask_answers(real_assistant: Assistant, then: str) -> None:
    first = real_assistant.ask("which cities lead for AI work?")
    assert "Boston" in first.answer and "Toronto" in first.answer, first.answer
    reply = real_assistant.ask(then, first.session_id)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert reply.answer.startswith("Emerging tech centers"), reply.answer
    assert "Silicon Valley" not in reply.answer, reply.answer
