"""The Slack app manifest matches what the bot listens for."""

from __future__ import annotations

import yaml

from api.slack.bot import SLASH_COMMAND
from api.slack.router import EVENTS_PATH
from assistant.settings import PROJECT_ROOT


def test_manifest_subscribes_to_what_the_bot_handles() -> None:
    manifest = yaml.safe_load((PROJECT_ROOT / "slack" / "manifest.yaml").read_text())
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["event_subscriptions"]["request_url"].endswith(EVENTS_PATH)
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["interactivity"]["request_url"].endswith(EVENTS_PATH)
    assert settings["socket_mode_enabled"] is False
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == SLASH_COMMAND and command["url"].endswith(EVENTS_PATH)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history"} <= scopes
