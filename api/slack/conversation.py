"""Where a Slack question came from, which conversation (session) it belongs to, and its plain text."""

from __future__ import annotations

import hashlib
import hmac
import html
import re
from dataclasses import dataclass
from typing import Any

# Subtypes that are still a person writing: a plain message has none; a thread reply "also sent to
# the channel" is thread_broadcast. Edits, deletions, joins and bot posts are not questions.
_QUESTION_SUBTYPES = {None, "thread_broadcast", "file_share"}
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL_MENTION = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(?:subteam\^[A-Z0-9]+\|)?([^>|]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class Origin:
    """A question's place in Slack: the answer goes to `channel` (in `thread_ts` when set)."""

    team: str
    channel: str
    user: str | None
    message_ts: str | None
    thread_ts: str | None


class SessionIds:
    """Session ids for Slack conversations, keyed so they cannot be guessed from outside Slack.

    The id is an HMAC of the conversation's place (team, channel, thread), so a /chat caller who knows
    a channel id and a thread ts still cannot read or steer that thread's conversation.
    """

    def __init__(self, key: str) -> None:
        self._key = hashlib.sha256(f"assistant-slack-sessions:{key}".encode()).digest()

    def _id(self, *place: str) -> str:
        return "slack-" + hmac.new(self._key, ":".join(place).encode(), hashlib.sha256).hexdigest()[:40]

    def thread(self, team: str, channel: str, thread_ts: str) -> str:
        """A Slack thread: every message in the thread continues one conversation."""
        return self._id(team, channel, "thread", thread_ts)

    def direct_message(self, team: str, channel: str) -> str:
        """Top-level messages in a DM: the DM itself is the conversation."""
        return self._id(team, channel, "dm")

    def command(self, team: str, channel: str, user: str) -> str:
        """One person's /salary commands in one channel, so '/salary and in 2024?' works."""
        return self._id(team, channel, "command", user)


def is_question_from_a_person(event: dict[str, Any]) -> bool:
    """True for a message a person wrote; False for bots (any bot, this one included), edits, joins."""
    return (
        not event.get("bot_id")
        and not event.get("bot_profile")
        and event.get("subtype") in _QUESTION_SUBTYPES
        and bool(event.get("user"))
    )


def question_text(text: str, bot_user_id: str | None) -> str:
    """Slack message text -> the question: drop the mention of this bot, unwrap links and mentions,
    and undo Slack's &amp;/&lt;/&gt; escaping."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    text = _USER_MENTION.sub(lambda m: f"@{m.group(1)}", text)
    text = _CHANNEL_MENTION.sub(lambda m: f"#{m.group(1)}", text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SPECIAL.sub(lambda m: f"@{m.group(1)}", text)
    return " ".join(html.unescape(text).split())
