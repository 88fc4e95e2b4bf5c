"""The HTTP edge's rules on their own: which X-Forwarded-For hop is the client, how deep JSON may nest,
which paths a client message may show, what a Slack signature must look like."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from api.clients import TrustedProxies, parse_trusted_proxies
from api.errors import redact_paths
from api.middleware import MAX_JSON_DEPTH, json_depth_exceeds
from api.slack.verification import SlackSignatureInvalid, verify_slack_request

PROXIES = TrustedProxies(parse_trusted_proxies("10.0.0.0/8, 127.0.0.1, ::1"))


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        ("198.51.100.1", "203.0.113.9", "198.51.100.1"),  # untrusted peer: its header means nothing
        ("127.0.0.1", None, "127.0.0.1"),  # a trusted peer that forwards nothing is the client
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.7", "203.0.113.9"),  # right-most untrusted hop
        ("10.9.9.9", "10.0.0.1, 10.0.0.2", "10.0.0.1"),  # only our own hops: the farthest one
        ("::1", "2001:db8::5", "2001:db8::5"),
        ("127.0.0.1", " , 203.0.113.9 ,", "203.0.113.9"),
        ("127.0.0.1", "not-an-ip, 10.0.0.3", "not-an-ip"),  # garbage to the right of our proxies is the client
    ],
)
def test_the_client_behind_trusted_proxies(peer: str, forwarded_for: str | None, client: str) -> None:
    assert PROXIES.client_behind(peer, forwarded_for) == client


def test_no_proxies_by_default_and_bad_entries_are_named() -> None:
    assert not TrustedProxies(parse_trusted_proxies(""))
    assert TrustedProxies().client_behind("127.0.0.1", "203.0.113.9") == "127.0.0.1"
    with pytest.raises(ValueError, match="'10.0.0.0/33'"):
        parse_trusted_proxies("127.0.0.1, 10.0.0.0/33")


def test_json_depth_counts_structure_outside_strings_only() -> None:
    deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
    at_limit = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    brackets_in_text = json.dumps({"message": "[" * 500 + '\\" {{{ \\\\'})

    assert json_depth_exceeds(deep.encode(), MAX_JSON_DEPTH)
    assert not json_depth_exceeds(at_limit.encode(), MAX_JSON_DEPTH)
    assert not json_depth_exceeds(brackets_in_text.encode(), MAX_JSON_DEPTH)
    assert json_depth_exceeds(('{"a": "\\\\", "b": ' + deep + "}").encode(), MAX_JSON_DEPTH)


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "no index in /srv/app/data: run `assistant ingest` first",
            "no index in .../data: run `assistant ingest` first",
        ),
        ("statistics database /a/b/stats.duckdb could not be opened", "statistics database .../stats.duckdb could"),
        ("see /docs or http://example.test/a/b", "see /docs or http://example.test/a/b"),
        ("table 'x' does not exist (have: a, b)", "table 'x' does not exist (have: a, b)"),
    ],
)
def test_messages_to_clients_show_no_absolute_paths(message: str, shown: str) -> None:
    assert redact_paths(message).startswith(shown)


SECRET = "signing-secret"
NOW = 1_800_000_000


def _signed(body: bytes, timestamp: int) -> str:
    return "v0=" + hmac.new(SECRET.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()


def test_a_fresh_correct_slack_signature_passes() -> None:
    body = b'{"type": "event_callback"}'
    headers = {"x-slack-request-timestamp": str(NOW), "x-slack-signature": _signed(body, NOW)}
    verify_slack_request(SECRET, headers, body, now=NOW + 10)


@pytest.mark.parametrize(
    ("timestamp", "signature", "reason"),
    [
        (None, "v0=" + "0" * 64, "missing"),
        ("1.5e9", "v0=" + "0" * 64, "Unix time"),
        ("-1", "v0=" + "0" * 64, "Unix time"),
        (str(NOW - 301), None, "old"),
        (str(NOW + 301), None, "in the future"),
        (str(NOW), None, "missing"),
        (str(NOW), "v1=abc", "64 hex digits"),
        (str(NOW), "v0=" + "0" * 64, "does not match"),
    ],
)
def test_bad_slack_headers_are_unauthorized(timestamp: str | None, signature: str | None, reason: str) -> None:
    headers = {}
    if timestamp is not None:
        headers["x-slack-request-timestamp"] = timestamp
    if signature is not None:
        headers["x-slack-signature"] = signature
    with pytest.raises(SlackSignatureInvalid, match=reason) as caught:
        verify_slack_request(SECRET, headers, b"{}", now=NOW)
    assert caught.value.status_code == 401
