"""HTTP mode end to end: signed Slack requests to the real app (uvicorn, create_app) over the real assistant,
with Slack's Web API played by a local fake that records every call the bot makes."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr
from slack_fakes import (
    BOT_ID,
    BOT_TOKEN,
    BOT_USER,
    SIGNING_SECRET,
    FakeSlackApi,
    SlackHarness,
    action_ids,
    button_value,
    only,
    section_text,
    slack_settings,
    start_harness,
)

from api.slack import to_mrkdwn
from api.slack.bot import SHARE_FAILED
from api.slack.feedback_cli import main as feedback_main
from api.slack.formatting import (
    ACTION_FEEDBACK_DOWN,
    ACTION_FEEDBACK_UP,
    ACTION_SHARE,
    ACTION_SHOW_SOURCES,
    APOLOGY,
)
from assistant.errors import BackendError
from assistant.models import Reply
from assistant.settings import Settings

pytestmark = pytest.mark.slow

MEDIAN_2025 = "What was the median salary expectation in 2025?"


def expected_answer(assistant: Any, question: str) -> Reply:
    """What the core answers to `question` in a fresh conversation (what /chat would return)."""
    return assistant.ask(question, session_id=None)


def test_mention_gets_exactly_one_threaded_reply_with_citations(slack: SlackHarness, real_assistant: Any) -> None:
    ts, response = slack.send.mention(MEDIAN_2025, channel="C_MENTION")
    assert response.status_code == 200
    slack.settle()
    post = only(slack.fake.to_channel("C_MENTION"), "reply")
    assert post.method == "chat.postMessage"
    assert post.params["thread_ts"] == ts
    assert post.headers["authorization"] == f"Bearer {BOT_TOKEN}"
    assert "$5,808" in section_text(post.blocks)
    assert section_text(post.blocks) == to_mrkdwn(expected_answer(real_assistant, MEDIAN_2025).answer)
    context = next(block for block in post.blocks if block["type"] == "context")
    assert context["elements"][0]["text"].startswith("[1] *")
    assert {ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN, ACTION_SHOW_SOURCES} <= action_ids(post.blocks)


def test_a_slack_answer_is_the_chat_answer(slack: SlackHarness) -> None:
    question = "How much does a mid-career machine learning engineer earn?"
    chat = httpx.post(f"{slack.server.base_url}/chat", json={"message": question}, timeout=60)
    assert chat.status_code == 200, chat.text
    reply = chat.json()
    slack.send.mention(question, channel="C_PARITY")
    slack.settle()
    post = only(slack.fake.to_channel("C_PARITY"), "reply")
    assert section_text(post.blocks) == to_mrkdwn(reply["answer"])
    cited = [element["text"] for block in post.blocks if block["type"] == "context" for element in block["elements"]]
    assert [label.split("]")[0] + "]" for label in cited] == [f"[{c['id']}]" for c in reply["citations"]][:10]


def test_direct_message_is_answered_in_the_dm(slack: SlackHarness, real_assistant: Any) -> None:
    question = "What was the median salary expectation in 2024?"
    response = slack.send.direct_message(question, channel="D_DIRECT")
    assert response.status_code == 200
    slack.settle()
    post = only(slack.fake.to_channel("D_DIRECT"), "reply")
    assert post.params.get("thread_ts") is None  # a top-level DM gets a top-level answer
    assert "$5,640" in section_text(post.blocks)
    assert section_text(post.blocks) == to_mrkdwn(expected_answer(real_assistant, question).answer)


def test_a_follow_up_in_the_thread_continues_the_conversation(slack: SlackHarness) -> None:
    ts, _ = slack.send.mention(MEDIAN_2025, channel="C_THREAD")
    slack.settle()
    slack.send.mention("and in 2024?", channel="C_THREAD", thread_ts=ts)
    slack.settle()
    first, follow_up = slack.fake.to_channel("C_THREAD")
    assert "$5,808" in section_text(first.blocks)
    assert follow_up.params["thread_ts"] == ts
    assert "$5,640" in section_text(follow_up.blocks)


def test_a_follow_up_in_a_dm_continues_the_conversation(slack: SlackHarness) -> None:
    slack.send.direct_message(MEDIAN_2025, channel="D_FOLLOW")
    slack.settle()
    slack.send.direct_message("and in 2024?", channel="D_FOLLOW")
    slack.settle()
    _, follow_up = slack.fake.to_channel("D_FOLLOW")
    assert "$5,640" in section_text(follow_up.blocks)


def test_slash_command_answers_ephemerally_and_shares_to_the_channel(slack: SlackHarness) -> None:
    response = slack.send.command(MEDIAN_2025, channel="C_COMMAND", hook="cmd-share")
    assert response.status_code == 200
    slack.settle()
    answer = only(slack.fake.hook_posts("cmd-share"), "ephemeral answer")
    assert answer.params["response_type"] == "ephemeral"
    assert "$5,808" in section_text(answer.blocks)
    assert slack.fake.to_channel("C_COMMAND") == []  # nothing public yet

    answer_id = button_value(answer.blocks, ACTION_SHARE)
    slack.send.click(ACTION_SHARE, answer_id, channel="C_COMMAND", user="U1", ephemeral=True, hook="share-1")
    slack.settle()
    shared = only(slack.fake.to_channel("C_COMMAND"), "shared answer")
    assert shared.method == "chat.postMessage"
    assert section_text(shared.blocks) == section_text(answer.blocks)
    assert shared.blocks[0]["elements"][0]["text"] == f"<@U1> asked: _{MEDIAN_2025}_"
    assert ACTION_SHARE not in action_ids(shared.blocks)
    assert only(slack.fake.hook_posts("share-1"), "cleanup").params["delete_original"] is True


def test_share_uses_the_response_url_where_the_bot_cannot_post(slack: SlackHarness) -> None:
    slack.send.command(MEDIAN_2025, channel="C_PRIVATE", hook="cmd-private")
    slack.settle()
    answer_id = button_value(only(slack.fake.hook_posts("cmd-private")).blocks, ACTION_SHARE)
    slack.fake.fail_next("chat.postMessage", error="not_in_channel")
    slack.send.click(ACTION_SHARE, answer_id, channel="C_PRIVATE", ephemeral=True, hook="share-private")
    slack.settle()
    shared, cleanup = slack.fake.hook_posts("share-private")
    assert shared.params["response_type"] == "in_channel"
    assert "$5,808" in section_text(shared.blocks)
    assert cleanup.params["delete_original"] is True


def test_when_sharing_is_impossible_the_clicker_is_told(slack: SlackHarness) -> None:
    slack.send.command(MEDIAN_2025, channel="C_NOWHERE", hook="cmd-nowhere")
    slack.settle()
    answer_id = button_value(only(slack.fake.hook_posts("cmd-nowhere")).blocks, ACTION_SHARE)
    slack.fake.fail_next("chat.postMessage", error="channel_not_found")
    slack.fake.fail_next("response_url", status=404, error="expired_url")
    slack.send.click(ACTION_SHARE, answer_id, channel="C_NOWHERE", ephemeral=True, hook="share-nowhere")
    slack.settle()
    told = only(slack.fake.hook_posts("share-nowhere"), "message to the clicker")
    assert told.params == {"text": SHARE_FAILED, "response_type": "ephemeral", "replace_original": False}
    assert slack.fake.to_channel("C_NOWHERE") == []


def test_slash_command_without_a_question_gets_the_usage_at_once(slack: SlackHarness) -> None:
    response = slack.send.command("  ", channel="C_USAGE", hook="cmd-empty")
    assert response.status_code == 200
    assert "/salary" in response.json()["text"]
    slack.settle()
    assert slack.fake.hook_posts("cmd-empty") == []


def test_a_retried_event_never_produces_a_second_answer(slack: SlackHarness) -> None:
    event = slack.send.mention_event(MEDIAN_2025, channel="C_RETRY")
    first = slack.send.event(event, event_id="EvRETRY01")
    in_flight_retry = slack.send.event(event, event_id="EvRETRY01", retry_num=1)
    slack.settle()
    late_retry = slack.send.event(event, event_id="EvRETRY01", retry_num=2)
    slack.settle()
    assert [first.status_code, in_flight_retry.status_code, late_retry.status_code] == [200, 200, 200]
    assert late_retry.headers["x-slack-no-retry"] == "1"
    assert only(slack.fake.to_channel("C_RETRY"), "reply").params["thread_ts"] == event["ts"]


def test_slacks_url_verification_challenge_is_answered(slack: SlackHarness) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "legacy", "challenge": challenge, "type": "url_verification"})
    response = slack.send.post(body, "application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": challenge}


def test_forged_and_stale_requests_get_401_and_no_reply(slack: SlackHarness) -> None:
    send = slack.send
    forged = send.mention(MEDIAN_2025, channel="C_FORGED", event_id="EvFORGED01", secret="not-the-secret")[1]
    stale = send.mention(MEDIAN_2025, channel="C_FORGED", timestamp=int(time.time()) - 6 * 60)[1]
    unsigned = httpx.post(send.url, json={"type": "event_callback", "event": {}}, timeout=30)
    forged_command = send.post(
        "command=/salary&text=hi&channel_id=C_FORGED",
        "application/x-www-form-urlencoded",
        secret="not-the-secret",
    )
    assert [forged.status_code, stale.status_code, unsigned.status_code, forged_command.status_code] == [401] * 4
    slack.settle()
    assert slack.fake.to_channel("C_FORGED") == []

    # A forged delivery never marks its event_id as seen: the genuine one is still answered.
    genuine = send.event(send.mention_event(MEDIAN_2025, channel="C_FORGED"), event_id="EvFORGED01")
    assert genuine.status_code == 200
    slack.settle()
    only(slack.fake.to_channel("C_FORGED"), "reply to the genuine event")


def test_bots_edits_and_other_channels_get_no_answer(slack: SlackHarness) -> None:
    send = slack.send
    responses = [
        # another bot mentioning this one
        send.event({**send.mention_event("median?", channel="C_BOTS", user="UOTHER"), "bot_id": "BOTHER"}),
        # this bot's own message in a DM (Slack sends message.im for it too)
        send.direct_message("$5,808 [1]", channel="D_BOTS", user=BOT_USER, bot_id=BOT_ID),
        # a legacy bot message and an edit
        send.direct_message("hello", channel="D_BOTS", subtype="bot_message", bot_id="BOTHER"),
        send.direct_message("edited", channel="D_BOTS", subtype="message_changed"),
        # a message event from a channel (not a DM): only mentions are answered there
        send.event(
            {
                "type": "message",
                "channel_type": "channel",
                "user": "U1",
                "text": "median?",
                "ts": send.new_ts(),
                "channel": "C_BOTS",
            }
        ),
    ]
    assert [response.status_code for response in responses] == [200] * 5  # acknowledged, so never retried
    slack.settle()
    assert slack.fake.to_channel("C_BOTS") == [] and slack.fake.to_channel("D_BOTS") == []


def test_feedback_buttons_are_stored_confirmed_and_exported(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ts, _ = slack.send.mention(MEDIAN_2025, channel="C_FEEDBACK")
    slack.settle()
    post = only(slack.fake.to_channel("C_FEEDBACK"))
    answer_id = button_value(post.blocks, ACTION_FEEDBACK_UP)
    slack.send.click(ACTION_FEEDBACK_UP, answer_id, channel="C_FEEDBACK", user="U1", thread_ts=ts)
    slack.send.click(ACTION_FEEDBACK_DOWN, answer_id, channel="C_FEEDBACK", user="U2", thread_ts=ts)
    slack.settle()

    confirmations = slack.fake.recorded("chat.postEphemeral", channel="C_FEEDBACK")
    assert sorted((c.params["user"], c.text) for c in confirmations) == [
        ("U1", "Thanks, your 👍 is recorded."),
        ("U2", "Thanks, your 👎 is recorded; we'll review this answer."),
    ]
    assert all(c.params["thread_ts"] == ts for c in confirmations)

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(slack.settings.data_dir))
    out = tmp_path / "feedback.yaml"
    assert feedback_main(["export", "--out", str(out)]) == 0
    cases = [
        case for case in yaml.safe_load(out.read_text())["cases"] if case["id"].startswith(f"feedback-{answer_id[:12]}")
    ]
    by_rating = {case["rating"]: case for case in cases}
    assert set(by_rating) == {"up", "down"}
    up = by_rating["up"]
    assert up["question"] == MEDIAN_2025
    assert up["answer_given"] == slack.bot.feedback.get_answer(answer_id).reply.answer
    assert "$5,808" in up["answer_given"]
    assert up["route"] == "statistics" and up["kind"] == "feedback" and up["needs_review"] is True
    assert up["tags"] == ["feedback", "thumbs_up"] and by_rating["down"]["tags"] == [
        "feedback",
        "thumbs_down",
    ]


def test_show_sources_shows_the_cited_snippets(slack: SlackHarness, real_assistant: Any) -> None:
    question = "What is overfitting?"
    ts, _ = slack.send.mention(question, channel="C_SOURCES")
    slack.settle()
    answer_id = button_value(only(slack.fake.to_channel("C_SOURCES")).blocks, ACTION_SHOW_SOURCES)
    slack.send.click(ACTION_SHOW_SOURCES, answer_id, channel="C_SOURCES", user="U3", thread_ts=ts)
    slack.settle()
    sources = only(slack.fake.recorded("chat.postEphemeral", channel="C_SOURCES"), "sources message")
    assert sources.params["user"] == "U3" and sources.params["thread_ts"] == ts
    citations = expected_answer(real_assistant, question).citations
    assert len(sources.blocks) == len(citations) > 0
    first_words = " ".join(citations[0].snippet.split()[:6])
    assert (
        first_words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in sources.blocks[0]["text"]["text"]
    )


def test_a_rate_limited_post_is_retried_and_answered_once(slack: SlackHarness) -> None:
    slack.fake.fail_next("chat.postMessage", status=429, error="ratelimited", headers={"Retry-After": "0"})
    slack.send.mention(MEDIAN_2025, channel="C_RATE")
    slack.settle()
    attempts = [call for call in slack.fake.attempts("chat.postMessage") if call.channel == "C_RATE"]
    assert [call.status for call in attempts] == [429, 200]
    assert "$5,808" in section_text(only(slack.fake.to_channel("C_RATE")).blocks)


def test_when_slack_rejects_the_answer_the_user_still_gets_an_apology(slack: SlackHarness) -> None:
    slack.fake.fail_next("chat.postMessage", error="invalid_blocks")
    ts, _ = slack.send.mention(MEDIAN_2025, channel="C_REJECT")
    slack.settle()
    apology = only(slack.fake.to_channel("C_REJECT"), "apology")
    assert apology.text == APOLOGY and apology.params["thread_ts"] == ts


def test_tokens_and_secrets_never_reach_the_logs(slack: SlackHarness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    slack.send.mention(MEDIAN_2025, channel="C_LOGS")
    slack.send.mention(MEDIAN_2025, channel="C_LOGS", secret="not-the-secret")
    slack.settle()
    assert caplog.records, "nothing was logged, so this test proves nothing"
    assert BOT_TOKEN not in caplog.text and SIGNING_SECRET not in caplog.text


class BrokenAssistant:
    """An assistant whose ask() fails, as when its backend is down."""

    def ask(self, message: str, session_id: str | None = None) -> Reply:
        raise BackendError(f"the LLM backend timed out while answering {message!r}")


@pytest.fixture(scope="module")
def broken_slack(core_settings: Settings, fake_slack: FakeSlackApi, tmp_path_factory: pytest.TempPathFactory) -> Any:
    settings = slack_settings(core_settings, fake_slack, tmp_path_factory.mktemp("broken-slack"))
    harness = start_harness(settings, BrokenAssistant(), fake_slack)
    yield harness
    harness.server.stop()


def test_when_the_assistant_fails_the_user_gets_an_apology(broken_slack: SlackHarness) -> None:
    ts, response = broken_slack.send.mention(MEDIAN_2025, channel="C_BROKEN")
    broken_slack.send.direct_message(MEDIAN_2025, channel="D_BROKEN")
    broken_slack.send.command(MEDIAN_2025, channel="C_BROKEN_CMD", hook="cmd-broken")
    assert response.status_code == 200
    broken_slack.settle()
    in_thread = only(broken_slack.fake.to_channel("C_BROKEN"), "apology")
    assert in_thread.text == APOLOGY and in_thread.params["thread_ts"] == ts
    assert only(broken_slack.fake.to_channel("D_BROKEN"), "apology").text == APOLOGY
    ephemeral = only(broken_slack.fake.hook_posts("cmd-broken"), "apology")
    assert ephemeral.params == {"text": APOLOGY, "response_type": "ephemeral"}


def test_one_message_delivered_as_two_events_is_answered_once(slack: SlackHarness) -> None:
    mention = slack.send.mention_event(MEDIAN_2025, channel="D_TWICE")
    as_dm = {**mention, "type": "message", "channel_type": "im"}
    assert slack.send.event(mention).status_code == 200
    assert slack.send.event(as_dm).status_code == 200  # another event_id, the same message
    slack.settle()
    only(slack.fake.to_channel("D_TWICE"), "reply")


def test_without_slack_settings_there_is_no_slack_route(core_settings: Settings, real_assistant: Any) -> None:
    from api.app import create_app
    from api.slack import slack_router

    assert slack_router(core_settings, real_assistant) is None
    half_configured = core_settings.model_copy(update={"slack_bot_token": SecretStr(BOT_TOKEN)})
    assert slack_router(half_configured, real_assistant) is None
    with TestClient(create_app(core_settings, real_assistant)) as client:
        assert client.post("/slack/events", json={}).status_code in (404, 405)
        assert not hasattr(client.app.state, "slack_bot")
