"""Slack's request signature, checked before Bolt sees the request, so every bad header is a clean 401.

Bolt's own check turns a non-numeric X-Slack-Request-Timestamp into an exception (500, empty body, a
traceback in the log) and logs rejected requests at INFO with their full body. Here every malformed,
missing, stale or wrong header is an `Unauthorized` (the API's one error shape) naming what was wrong;
the caller logs it at WARNING without the body.
https://api.slack.com/authentication/verifying-requests-from-slack
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Mapping

from assistant.errors import Unauthorized

MAX_AGE_SECONDS = 5 * 60  # Slack's recommendation: older requests may be replays
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class SlackSignatureInvalid(Unauthorized):
    """A request to /slack/events that Slack did not sign (or signed too long ago)."""


def verify_slack_request(
    signing_secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> None:
    """Raise SlackSignatureInvalid unless the headers carry a fresh, valid Slack signature of `body`."""
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp:
        raise SlackSignatureInvalid("not a Slack request: the X-Slack-Request-Timestamp header is missing")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise SlackSignatureInvalid("not a Slack request: X-Slack-Request-Timestamp must be Unix time in seconds")
    age = (time.time() if now is None else now) - int(timestamp)
    if abs(age) > MAX_AGE_SECONDS:
        raise SlackSignatureInvalid(
            f"Slack request timestamp is {abs(int(age))} s {'old' if age > 0 else 'in the future'}; "
            f"the limit is {MAX_AGE_SECONDS} s"
        )
    if not signature:
        raise SlackSignatureInvalid("not a Slack request: the X-Slack-Signature header is missing")
    if not _SIGNATURE.fullmatch(signature):
        raise SlackSignatureInvalid("not a Slack request: X-Slack-Signature must be 'v0=' and 64 hex digits")
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise SlackSignatureInvalid("the Slack request signature does not match")
