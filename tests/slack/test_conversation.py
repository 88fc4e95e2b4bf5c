"""Inbound Slack text -> the question; which messages are questions from people."""

from __future__ import annotations

import pytest

from api.slack.conversation import SessionIds, is_question_from_a_person, question_text


def test_question_text_drops_the_bot_mention_and_unwraps_slack_markup() -> None:
    text = "<@UBOT> what do ML engineers earn in <#C1|nyc> &amp; <https://x.test/a|this page>? "
    text += "cc <@U2|ann> <!here>"
    assert question_text(text, "UBOT") == "what do ML engineers earn in #nyc & this page? cc @U2 @here"


def test_question_text_keeps_comparisons_slack_escaped() -> None:
    assert question_text("salaries &gt; $150,000 and &lt; $200,000", None) == "salaries > $150,000 and < $200,000"


@pytest.mark.parametrize(
    ("event", "is_question"),
    [
        ({"user": "U1", "text": "hi"}, True),
        ({"user": "U1", "subtype": "thread_broadcast"}, True),
        ({"user": "UOTHER", "bot_id": "B2", "text": "I am a bot"}, False),
        ({"subtype": "bot_message", "bot_id": "B2", "text": "legacy bot"}, False),
        ({"user": "U1", "subtype": "message_changed"}, False),
        ({"user": "U1", "subtype": "channel_join"}, False),
        ({"text": "no user"}, False),
    ],
)
def test_only_people_ask_questions(event: dict[str, str], is_question: bool) -> None:
    assert is_question_from_a_person(event) is is_question


def test_session_ids_follow_the_thread_and_cannot_be_guessed_without_the_key() -> None:
    ids = SessionIds(key="xoxb-one")
    assert ids.thread("T", "C", "1.1") == ids.thread("T", "C", "1.1")
    assert len({ids.thread("T", "C", "1.1"), ids.thread("T", "C", "1.2"), ids.direct_message("T", "C")}) == 3
    assert ids.command("T", "C", "U1") != ids.command("T", "C", "U2")
    assert ids.thread("T", "C", "1.1") != SessionIds(key="xoxb-two").thread("T", "C", "1.1")
    assert "1.1" not in ids.thread("T", "C", "1.1") and len(ids.thread("T", "C", "1.1")) <= 128
