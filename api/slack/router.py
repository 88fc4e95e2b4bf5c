"""HTTP mode: Slack's Events API, slash commands and button clicks arrive at POST /slack/events."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from api.slack.bot import AnswersQuestions, SlackBot
from assistant.settings import Settings

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackEvents:
    """The /slack/events endpoint: hands each signed request to the Bolt app off the event loop."""

    def __init__(self, bot: SlackBot) -> None:
        self.bot = bot

    async def handle(self, request: Request) -> Response:
        """Slack Events API, slash commands and interactivity (signature-verified by Bolt)."""
        body = await request.body()
        # Bolt's dispatch is synchronous (signature check, auth.test on first use, the inline ack):
        # run it in the threadpool so a slow Slack call never stalls other requests.
        bolt_response = await run_in_threadpool(self.bot.app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)


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
        yield
        # On shutdown, finish the answers in flight before the process goes away.
        await run_in_threadpool(bot.close)

    router = APIRouter(tags=["slack"], lifespan=lifespan)
    router.add_api_route(EVENTS_PATH, SlackEvents(bot).handle, methods=["POST"], include_in_schema=False)
    logger.info("slack: HTTP mode on at POST %s", EVENTS_PATH)
    return router
