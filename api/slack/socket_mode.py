"""`assistant slack`: run the Slack bot over Socket Mode, for local use without a public URL.

Needs the bot token (xoxb-) and an app-level token (xapp-, scope connections:write); no signing
secret, since Slack's requests arrive over the bot's own WebSocket connection instead of HTTP.
"""

from __future__ import annotations

import argparse
import logging
import sys

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError

from api.slack.bot import AnswersQuestions, SlackBot
from assistant.settings import Settings, force_offline

logger = logging.getLogger(__name__)


def missing_socket_mode_settings(settings: Settings) -> list[str]:
    """Environment variables Socket Mode needs that are not set, or set to the wrong kind of token."""
    problems = []
    checks = (
        ("ASSISTANT_SLACK_BOT_TOKEN", settings.slack_bot_token, "xoxb-"),
        ("ASSISTANT_SLACK_APP_TOKEN", settings.slack_app_token, "xapp-"),
    )
    for name, secret, prefix in checks:
        if secret is None:
            problems.append(f"{name} is not set (expected a token starting with {prefix})")
        elif not secret.get_secret_value().startswith(prefix):
            # Name the variable and the expected kind; never echo the token itself.
            problems.append(f"{name} does not look like a {prefix} token")
    return problems


def socket_mode_handler(settings: Settings, bot: SlackBot) -> SocketModeHandler:
    """Bolt's built-in Socket Mode client (no extra dependency) driving the bot's Bolt app."""
    assert settings.slack_app_token is not None
    return SocketModeHandler(bot.app, app_token=settings.slack_app_token.get_secret_value())


def run(settings: Settings, assistant: AnswersQuestions) -> int:
    """Connect and serve until interrupted; the caller owns `assistant`."""
    try:
        bot = SlackBot(settings, assistant, verify_token_at_start=True)
    except BoltError as error:
        print(f"assistant slack: Slack rejected the bot token ({error})", file=sys.stderr)
        return 1
    handler = socket_mode_handler(settings, bot)
    try:
        handler.start()  # blocks until interrupted
    except KeyboardInterrupt:
        pass
    finally:
        handler.close()
        bot.close()
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="assistant slack",
        description="Run the Slack bot in Socket Mode (needs ASSISTANT_SLACK_BOT_TOKEN and "
        "ASSISTANT_SLACK_APP_TOKEN).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  ASSISTANT_SLACK_BOT_TOKEN=xoxb-... ASSISTANT_SLACK_APP_TOKEN=xapp-... assistant slack\n"
        "  assistant slack --log-level DEBUG\n"
        "HTTP mode (Events API) instead: set the bot token and signing secret and run `assistant serve`.",
    )
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    force_offline()
    settings = Settings()
    problems = missing_socket_mode_settings(settings)
    if problems:
        for problem in problems:
            print(f"assistant slack: {problem}", file=sys.stderr)
        return 2

    from assistant.builds import BuildWatcher
    from assistant.pipeline import build_assistant

    assistant = build_assistant(settings)
    # Like every API worker, the Socket Mode process follows data/CURRENT: an ingest from anywhere reaches it.
    watcher = BuildWatcher(settings, assistant.reload).start()
    try:
        return run(settings, assistant)
    finally:
        watcher.stop()
        assistant.close()
