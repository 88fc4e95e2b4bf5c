"""Slack front end: a slack-bolt app over the core assistant, mounted at POST /slack/events (HTTP mode)
or run with `assistant slack` (Socket Mode). Off unless the Slack tokens are set."""

from api.slack.formatting import format_reply_blocks, to_mrkdwn
from api.slack.router import slack_router

__all__ = ["format_reply_blocks", "slack_router", "to_mrkdwn"]
