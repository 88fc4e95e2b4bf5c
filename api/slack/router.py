"""HTTP mode: Slack's Events API, slash commands and button clicks arrive at POST /slack/events."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from api.errors import error_response, http_error_code
from api.slack.bot import AnswersQuestions, SlackBot
from api.slack.verification import SlackSignatureInvalid, verify_slack_request
from assistant.settings import Settings

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackEvents:
    """The /slack/events endpoint: hands each signed request to the Bolt app off the event loop."""

    def __init__(self, bot: SlackBot, signing_secret: str) -> None:
        self.bot = bot
        self.signing_secret = signing_secret

    async def handle(self, request: Request) -> Response:
        """Slack Events API, slash commands and interactivity (signature-verified before Bolt sees them)."""
        body = await request.body()
        try:
            verify_slack_request(self.signing_secret, request.headers, body)
        except SlackSignatureInvalid as rejected:
            # Never the body: it is whatever the sender chose to put in our logs.
            client = request.client.host if request.client else "unknown"
            logger.warning("slack: rejected a request from %s (%d bytes): %s", client, len(body), rejected.message)
            raise
        # Bolt's dispatch is synchronous (its own signature check, the inline ack): run it in the
        # threadpool so it never stalls other requests.
        bolt_response = await run_in_threadpool(self.bot.app.dispatch, to_bolt_request(request, body))
        if bolt_response.status >= 400:
            # Bolt's own refusals (e.g. an event type nobody listens to) in the API's one error shape.
            reason = _bolt_error(bolt_response.body) or "the Slack request was not handled"
            logger.warning("slack: Bolt answered %d: %s", bolt_response.status, reason)
            return error_response(bolt_response.status, http_error_code(bolt_response.status), f"Slack: {reason}")
        return to_starlette_response(bolt_response)


def _bolt_error(body: str) -> str | None:
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    error = parsed.get("error") if isinstance(parsed, dict) else None
    return str(error) if error else None


def slack_configured(settings: Settings) -> bool:
    """HTTP mode needs both the bot token and the signing secret."""
    return settings.slack_bot_token is not None and settings.slack_signing_secret is not None


def slack_router(settings: Settings, assistant: AnswersQuestions) -> APIRouter | None:
    """The Slack router to mount in the API app, or None when Slack is not configured."""
    if not slack_configured(settings):
        return None
    bot = SlackBot(settings, assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.slack_bot = bot  # for operators and tests: pending work, feedback store
        bot.identity.start()  # auth.test in the background; no acknowledgement waits for it
        yield
        # On shutdown, finish the answers in flight before the process goes away.
        await run_in_threadpool(bot.close)

    router = APIRouter(tags=["slack"], lifespan=lifespan)
    assert settings.slack_signing_secret is not None  # slack_configured() checked it
    events = SlackEvents(bot, settings.slack_signing_secret.get_secret_value())
    router.add_api_route(EVENTS_PATH, events.handle, methods=["POST"], include_in_schema=False)
    logger.info("slack: HTTP mode on at POST %s", EVENTS_PATH)
    return router
