"""`assistant slack` (Socket Mode): settings checks, and the bot answering over a real WebSocket connection
to a local fake of Slack's Socket Mode endpoint."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from slack_fakes import (
    BOT_TOKEN,
    BOT_USER,
    TEAM,
    FakeSlackApi,
    FakeSocketModeServer,
    only,
    section_text,
    slack_settings,
)

from api.slack.bot import SlackBot
from api.slack.socket_mode import main, missing_socket_mode_settings, socket_mode_handler
from assistant.settings import Settings

APP_TOKEN = "xapp-1-test-app-token-0123456789"


def test_main_refuses_to_start_without_the_tokens_and_never_echoes_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASSISTANT_SLACK_APP_TOKEN", raising=False)
    monkeypatch.setenv("ASSISTANT_SLACK_BOT_TOKEN", "xapp-pasted-into-the-wrong-variable")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "ASSISTANT_SLACK_BOT_TOKEN does not look like a xoxb- token" in err
    assert "ASSISTANT_SLACK_APP_TOKEN is not set" in err
    assert "xapp-pasted" not in err


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = Settings(slack_bot_token=SecretStr(BOT_TOKEN), slack_app_token=SecretStr(APP_TOKEN))
    assert missing_socket_mode_settings(settings) == []


@pytest.fixture
def socket_bot(
    core_settings: Settings, real_assistant: Any, tmp_path: Path
) -> Iterator[tuple[SlackBot, FakeSlackApi, FakeSocketModeServer]]:
    fake, ws = FakeSlackApi(), FakeSocketModeServer()
    fake.socket_mode_url = ws.url
    settings = slack_settings(core_settings, fake, tmp_path).model_copy(
        update={"slack_signing_secret": None, "slack_app_token": SecretStr(APP_TOKEN)}
    )
    bot = SlackBot(settings, real_assistant, verify_token_at_start=True)
    handler = socket_mode_handler(settings, bot)
    handler.connect()
    yield bot, fake, ws
    handler.close()
    bot.close()
    ws.close()
    fake.close()


def envelope(envelope_id: str, kind: str, payload: dict[str, Any], retry_attempt: int = 0) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": kind,
        "payload": payload,
        "accepts_response_payload": kind != "events_api",
        "retry_attempt": retry_attempt,
        "retry_reason": "timeout" if retry_attempt else "",
    }


@pytest.mark.slow
def test_socket_mode_answers_mentions_once_and_commands(
    socket_bot: tuple[SlackBot, FakeSlackApi, FakeSocketModeServer],
) -> None:
    bot, fake, ws = socket_bot
    assert only(fake.recorded("auth.test")).headers["authorization"] == f"Bearer {BOT_TOKEN}"
    assert only(fake.recorded("apps.connections.open")).headers["authorization"] == f"Bearer {APP_TOKEN}"

    ts = "1700000001.000100"
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER}> What was the median salary expectation in 2025?",
        "ts": ts,
        "channel": "C_SOCKET",
    }
    callback = {
        "team_id": TEAM,
        "api_app_id": "A0TEST",
        "type": "event_callback",
        "event_id": "EvSOCKET1",
        "event_time": int(time.time()),
        "event": event,
    }
    ws.push(envelope("env-1", "events_api", callback))
    ws.push(envelope("env-2", "events_api", callback, retry_attempt=1))  # Slack redelivers
    ws.wait_for_ack("env-1")
    ws.wait_for_ack("env-2")
    assert bot.wait_idle(120)
    reply = only(fake.to_channel("C_SOCKET"), "reply")
    assert reply.params["thread_ts"] == ts and "$5,808" in section_text(reply.blocks)

    command = {
        "team_id": TEAM,
        "channel_id": "C_SOCKET_CMD",
        "user_id": "U1",
        "command": "/salary",
        "text": "and in 2024?",
        "response_url": fake.response_url("socket-cmd"),
        "trigger_id": "t",
    }
    ws.push(envelope("env-3", "slash_commands", command))
    ws.wait_for_ack("env-3")
    assert bot.wait_idle(120)
    answer = only(fake.hook_posts("socket-cmd"), "ephemeral answer")
    assert answer.params["response_type"] == "ephemeral"
