"""The Slack bot: a Bolt app whose listeners hand questions to the core assistant and post its Reply.

Every listener acknowledges Slack at once (inline, before the HTTP response) and does the slow part,
asking the assistant and calling Slack's Web API, as a Bolt lazy listener on a bounded thread pool.
So Slack always gets its ack within 3 seconds, however busy the pool is. No answering logic lives here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, Protocol

from slack_bolt import Ack, App, BoltContext, Respond
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from api.slack.conversation import Origin, SessionIds, is_question_from_a_person, question_text
from api.slack.dedup import SkipRepeatedEvents, seen_keys_for
from api.slack.executor import TrackingExecutor
from api.slack.formatting import (
    ACTION_FEEDBACK_DOWN,
    ACTION_FEEDBACK_UP,
    ACTION_SHARE,
    ACTION_SHOW_SOURCES,
    APOLOGY,
    format_reply_blocks,
    reply_text,
    shared_context_block,
    sources_blocks,
    sources_text,
)
from api.slack.identity import BotIdentity
from assistant.errors import InvalidInput, NotFound
from assistant.feedback import FeedbackStore
from assistant.models import Reply
from assistant.settings import Settings
from assistant.shared_state import open_shared_state

logger = logging.getLogger(__name__)

SLASH_COMMAND = "/salary"
IDENTITY_WAIT_SECONDS = 10.0  # a background answer waits this long for auth.test, then goes without
USAGE = f"Ask me about AI/ML salaries and careers, e.g. `{SLASH_COMMAND} What was the median salary in 2025?`"
SHARE_FAILED = "Sorry, I couldn't share that to this channel. You can copy the answer instead."
GONE = "That answer is no longer available, so I can't do that. Please ask again."
RATED = {
    "up": "Thanks, your 👍 is recorded.",
    "down": "Thanks, your 👎 is recorded; we'll review this answer.",
}


class AnswersQuestions(Protocol):
    """The one thing the bot needs from the core: `Assistant.ask`."""

    def ask(self, message: str, session_id: str | None = None) -> Reply: ...


def slack_web_client(settings: Settings) -> WebClient:
    """The bot's Web API client: token from settings, base URL overridable (tests), retries on
    connection resets and on 429 rate limits (honouring Retry-After), via the Slack SDK's handlers."""
    if settings.slack_bot_token is None:
        raise InvalidInput("slack_bot_token is not set (set ASSISTANT_SLACK_BOT_TOKEN to an xoxb- token)")
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=(settings.slack_api_base_url or WebClient.BASE_URL).rstrip("/") + "/",
        timeout=15,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
        ],
    )


def _ack(ack: Ack) -> None:
    ack()


class SlackBot:
    """Bolt app + the state behind it: feedback store, seen events, the background answer pool."""

    def __init__(
        self,
        settings: Settings,
        assistant: AnswersQuestions,
        *,
        feedback: FeedbackStore | None = None,
        client: WebClient | None = None,
        verify_token_at_start: bool = False,
        workers: int = 4,
    ) -> None:
        self.assistant = assistant
        self.feedback = feedback or FeedbackStore(settings.feedback_db_path)
        # Shared by every worker and host, so a retry landing elsewhere is still recognised.
        self.seen = seen_keys_for(open_shared_state(settings))
        self.executor = TrackingExecutor(max_workers=workers)
        client = client or slack_web_client(settings)
        self.sessions = SessionIds(key=client.token or "")
        # The bot's identity comes from auth.test in the background (api/slack/identity.py), never on
        # the acknowledgement's path; Bolt gets it through `authorize`, which never calls Slack.
        self.identity = BotIdentity(client)
        if verify_token_at_start:
            try:
                self.identity.resolve_now()
            except SlackApiError as error:
                raise BoltError(f"auth.test failed: {error.response.get('error')}") from error
        secret = settings.slack_signing_secret
        self.app = App(
            name="ai-careers-assistant",
            # Without a token of its own: the token rides on each request's authorize result.
            client=_without_token(client),
            authorize=self.identity.bolt_authorize(),
            # HTTP mode verifies every request with it (api/slack/verification.py checks first);
            # Socket Mode does not use it.
            signing_secret=secret.get_secret_value() if secret else "",
            # Acks run inline and return at once; the answering runs in lazy listeners on our pool.
            process_before_response=True,
            listener_executor=self.executor,
            before_authorize=SkipRepeatedEvents(self.seen),
        )
        self._register_listeners()

    def _register_listeners(self) -> None:
        app = self.app
        app.event("app_mention")(ack=_ack, lazy=[self.answer_mention])
        app.event("message")(ack=_ack, lazy=[self.answer_direct_message])
        app.command(SLASH_COMMAND)(ack=self.ack_command, lazy=[self.answer_command])
        app.action(re.compile(f"^({ACTION_FEEDBACK_UP}|{ACTION_FEEDBACK_DOWN})$"))(
            ack=_ack, lazy=[self.store_feedback]
        )
        app.action(ACTION_SHOW_SOURCES)(ack=_ack, lazy=[self.show_sources])
        app.action(ACTION_SHARE)(ack=_ack, lazy=[self.share_answer])

    # ---- questions -------------------------------------------------------------------------------

    def answer_mention(self, event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        """@mention in a channel: answer in the mention's thread; the thread is the session."""
        if not self._new_question(event):
            return
        thread_ts = event.get("thread_ts") or event["ts"]
        origin = self._origin(event, context, thread_ts)
        session_id = self.sessions.thread(origin.team, origin.channel, thread_ts)
        self._answer_in_conversation(
            client, origin, question_text(event.get("text", ""), self._bot_user_id(context)), session_id
        )

    def answer_direct_message(self, event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        """Message in a DM: answer in the DM (in the thread if the person wrote in one)."""
        if event.get("channel_type") != "im" or not self._new_question(event):
            return
        thread_ts = event.get("thread_ts")
        origin = self._origin(event, context, thread_ts)
        session_id = (
            self.sessions.thread(origin.team, origin.channel, thread_ts)
            if thread_ts
            else self.sessions.direct_message(origin.team, origin.channel)
        )
        self._answer_in_conversation(
            client, origin, question_text(event.get("text", ""), self._bot_user_id(context)), session_id
        )

    def ack_command(self, ack: Ack, command: dict[str, Any]) -> None:
        """Acknowledge /salary at once; with no question, the ack itself carries the usage line."""
        if command.get("text", "").strip():
            ack()
        else:
            ack(text=USAGE, response_type="ephemeral")

    def answer_command(self, command: dict[str, Any], context: BoltContext, respond: Respond) -> None:
        """/salary <question>: an answer only the asker sees, with a button to share it to the channel."""
        question = question_text(command.get("text", ""), self._bot_user_id(context))
        if not question:
            return
        team, channel, user = context.team_id or "", command["channel_id"], command["user_id"]
        try:
            reply = self.assistant.ask(question, session_id=self.sessions.command(team, channel, user))
            answer_id = self._record(question, reply, user=user, channel=channel, ts=None)
            _checked(
                respond(
                    text=reply_text(reply),
                    blocks=format_reply_blocks(reply, answer_id=answer_id, shareable=True),
                    response_type="ephemeral",
                )
            )
        except Exception:
            logger.exception("slack: answering %s in %s failed", SLASH_COMMAND, channel)
            _quietly(lambda: respond(text=APOLOGY, response_type="ephemeral"))

    def _bot_user_id(self, context: BoltContext) -> str | None:
        """The bot's user id (to strip its own mention); background work may wait for auth.test."""
        return context.bot_user_id or self.identity.wait_for_user_id(IDENTITY_WAIT_SECONDS)

    def _new_question(self, event: dict[str, Any]) -> bool:
        # A message can arrive as app_mention and as message.im; act on it once.
        return is_question_from_a_person(event) and self.seen.first_time(
            f"message:{event['channel']}:{event['ts']}"
        )

    @staticmethod
    def _origin(event: dict[str, Any], context: BoltContext, thread_ts: str | None) -> Origin:
        team = context.team_id or event.get("team") or ""
        return Origin(
            team=team,
            channel=event["channel"],
            user=event.get("user"),
            message_ts=event["ts"],
            thread_ts=thread_ts,
        )

    def _answer_in_conversation(
        self, client: WebClient, origin: Origin, question: str, session_id: str
    ) -> None:
        """Ask, record, post the Block Kit answer; on any failure post a short apology instead."""
        try:
            reply = self.assistant.ask(question, session_id=session_id)
            answer_id = self._record(
                question, reply, user=origin.user, channel=origin.channel, ts=origin.message_ts
            )
            client.chat_postMessage(
                channel=origin.channel,
                thread_ts=origin.thread_ts,
                text=reply_text(reply),
                blocks=format_reply_blocks(reply, answer_id=answer_id),
                unfurl_links=False,
                unfurl_media=False,
            )
        except Exception:
            logger.exception("slack: answering in %s (thread %s) failed", origin.channel, origin.thread_ts)
            _quietly(
                lambda: client.chat_postMessage(
                    channel=origin.channel, thread_ts=origin.thread_ts, text=APOLOGY
                )
            )

    def _record(
        self, question: str, reply: Reply, *, user: str | None, channel: str, ts: str | None
    ) -> str | None:
        """Keep the answer for its buttons; if the store fails, the answer still goes out (without them)."""
        try:
            return self.feedback.record_answer(question, reply, user=user, channel=channel, ts=ts)
        except Exception:
            logger.exception("slack: could not record an answer in the feedback store")
            return None

    # ---- buttons ---------------------------------------------------------------------------------

    def store_feedback(
        self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """👍/👎: store the rating with the question, answer and route; confirm to the person who clicked."""
        rating = "up" if action["action_id"] == ACTION_FEEDBACK_UP else "down"
        container = body.get("container", {})
        try:
            self.feedback.rate(
                action["value"],
                rating,
                user=body["user"]["id"],
                channel=container.get("channel_id"),
                ts=container.get("message_ts"),
            )
            text = RATED[rating]
        except NotFound:
            text = GONE
        self._tell_clicker(body, client, respond, text)

    def show_sources(
        self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """The Show sources button: the cited snippets, shown to the person who asked for them."""
        try:
            reply = self.feedback.get_answer(action["value"]).reply
        except NotFound:
            self._tell_clicker(body, client, respond, GONE)
            return
        self._tell_clicker(body, client, respond, sources_text(reply), sources_blocks(reply))

    def share_answer(
        self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """The Share to channel button: post the ephemeral answer (and its question) for everyone."""
        user, channel = body["user"]["id"], body.get("channel", {}).get("id")
        try:
            given = self.feedback.get_answer(action["value"])
        except NotFound:
            self._tell_clicker(body, client, respond, GONE)
            return
        text = reply_text(given.reply)
        blocks = [shared_context_block(given.question, user)]
        blocks += format_reply_blocks(given.reply, answer_id=given.answer_id)
        try:
            client.chat_postMessage(channel=channel, text=text, blocks=blocks, unfurl_links=False)
        except SlackApiError as error:
            # Not a member of the channel: the command's response_url may still post there.
            logger.info(
                "slack: posting to %s failed (%s); sharing via response_url",
                channel,
                error.response.get("error"),
            )
            try:
                _checked(
                    respond(text=text, blocks=blocks, response_type="in_channel", replace_original=False)
                )
            except Exception:
                logger.exception("slack: sharing to %s via response_url failed", channel)
                _quietly(
                    lambda: respond(text=SHARE_FAILED, response_type="ephemeral", replace_original=False)
                )
                return
        _quietly(lambda: respond(delete_original=True))

    def _tell_clicker(
        self,
        body: dict[str, Any],
        client: WebClient,
        respond: Respond,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
    ) -> None:
        """A message only the person who clicked sees, in the thread of the message they clicked on."""
        container = body.get("container", {})
        channel = container.get("channel_id") or body.get("channel", {}).get("id")
        if container.get("is_ephemeral") or not channel:
            _checked(respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False))
            return
        message = body.get("message", {})
        client.chat_postEphemeral(
            channel=channel,
            user=body["user"]["id"],
            text=text,
            blocks=blocks,
            thread_ts=message.get("thread_ts") or container.get("thread_ts"),
        )

    # ---- lifecycle -------------------------------------------------------------------------------

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every question and click received so far has been answered."""
        return self.executor.wait_idle(timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Finish the answers in flight (up to `timeout`), then stop the pool and close the store."""
        self.identity.stop()
        self.executor.wait_idle(timeout)
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.feedback.close()


def _without_token(client: WebClient) -> WebClient:
    """The same Web API client settings with no token (Bolt builds each request's client from it)."""
    return WebClient(
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=list(client.retry_handlers or []),
        logger=client.logger,
    )


def _checked(response: Any) -> None:
    """Raise if a response_url post failed (WebhookClient reports errors by status, never raises)."""
    status = getattr(response, "status_code", 200)
    if status >= 400:
        raise RuntimeError(
            f"Slack response_url post failed with HTTP {status}: {getattr(response, 'body', '')!r}"
        )


def _quietly(post: Callable[[], Any]) -> None:
    """Best-effort post of an apology or cleanup: log a failure, never raise from it."""
    try:
        result = post()
        _checked(result)
    except Exception:
        logger.exception("slack: could not post a follow-up message")
