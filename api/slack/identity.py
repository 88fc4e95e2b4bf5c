"""The bot's own identity (auth.test), looked up in the background so no acknowledgement waits for it.

Bolt's single-workspace authorization calls auth.test on the first request and acks only afterwards:
with a slow Slack API the first event misses Slack's 3-second window and is retried. Here the lookup
starts with the app (and again, lazily, whenever a request finds it still missing); requests are
authorized at once with the bot token alone, and the background answer, which needs the bot's user id
to strip its own mention, waits for the lookup there, off the acknowledgement's path.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

logger = logging.getLogger(__name__)

RETRY_SECONDS = (1.0, 2.0, 5.0, 15.0, 30.0)  # then every 60 s until it answers


class BotIdentity:
    """auth.test's answer for `client`'s token, fetched at most once at a time, in a daemon thread."""

    def __init__(self, client: WebClient) -> None:
        self._client = client
        self._token = client.token or ""
        self._result: dict[str, Any] | None = None
        self._known = threading.Event()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def bot_user_id(self) -> str | None:
        return self._result.get("user_id") if self._result else None

    @property
    def bot_id(self) -> str | None:
        return self._result.get("bot_id") if self._result else None

    def resolve_now(self) -> None:
        """Synchronous lookup (Socket Mode start-up wants a bad token to fail loudly); raises SlackApiError."""
        self._remember(self._client.auth_test())

    def start(self) -> None:
        """Begin the background lookup unless it is known or already under way."""
        with self._lock:
            if self._known.is_set() or (self._thread is not None and self._thread.is_alive()):
                return
            self._thread = threading.Thread(target=self._look_up, name="slack-auth-test", daemon=True)
            self._thread.start()

    def wait_for_user_id(self, timeout: float) -> str | None:
        """The bot's user id, waiting up to `timeout` s for the lookup (for background work only)."""
        self.start()
        self._known.wait(timeout)
        return self.bot_user_id

    def stop(self) -> None:
        self._stopped.set()

    def authorize(self, enterprise_id: str | None, team_id: str | None, user_id: str | None) -> AuthorizeResult:
        """Bolt's `authorize`: never calls Slack. Until the lookup is in, the result has the bot token only."""
        if not self._known.is_set():
            self.start()
        result = self._result or {}
        return AuthorizeResult(
            enterprise_id=result.get("enterprise_id") or enterprise_id,
            team_id=result.get("team_id") or team_id,
            bot_token=self._token,
            bot_id=result.get("bot_id"),
            bot_user_id=result.get("user_id"),
            user_id=user_id,
        )

    def bolt_authorize(self) -> Callable[..., AuthorizeResult]:
        """`authorize` as Bolt wants it: a plain function (Bolt reads its parameter names)."""

        def authorize(enterprise_id: str | None, team_id: str | None, user_id: str | None) -> AuthorizeResult:
            return self.authorize(enterprise_id, team_id, user_id)

        return authorize

    def _look_up(self) -> None:
        attempt = 0
        while not self._stopped.is_set():
            try:
                self._remember(self._client.auth_test())
                return
            except SlackApiError as error:
                # A revoked or wrong token will not fix itself soon: say so loudly, keep trying slowly.
                logger.error("slack: auth.test failed (%s); the bot token may be wrong", error.response.get("error"))
            except Exception as error:  # network trouble: Slack may be slow or unreachable for a while
                logger.warning("slack: auth.test did not answer (%s); retrying", type(error).__name__)
            delay = RETRY_SECONDS[attempt] if attempt < len(RETRY_SECONDS) else 60.0
            attempt += 1
            self._stopped.wait(delay)

    def _remember(self, response: Any) -> None:
        self._result = dict(response.data) if hasattr(response, "data") else dict(response)
        self._known.set()
        logger.info("slack: bot identity is %s (%s)", self.bot_user_id, self.bot_id)
