"""Slack test kit: a fake Slack Web API on loopback, signed Slack requests, and the real app under uvicorn.

The fake records every Web API call (`chat.postMessage`, `chat.postEphemeral`, `auth.test`, ...) and every
post to a `response_url` (served by the same fake), and can be told to fail the next call to a method.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from assistant.settings import Settings

BOT_TOKEN = "xoxb-test-bot-token-0123456789"
SIGNING_SECRET = "test-signing-secret-abcdef0123456789"
TEAM = "T0TEST"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
WAIT_SECONDS = 120.0  # a deadline for background work, never a timing assertion


@dataclass
class RecordedCall:
    """One request the fake received: a Web API method (or 'response_url') and its parameters."""

    method: str
    params: dict[str, Any]
    path: str
    headers: dict[str, str]
    status: int = 200

    @property
    def channel(self) -> str | None:
        return self.params.get("channel")

    @property
    def text(self) -> str:
        return str(self.params.get("text") or "")

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks


@dataclass
class CannedFailure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlackApi:
    """Slack's Web API stood up on 127.0.0.1: records calls, answers like Slack, fails on request."""

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self.socket_mode_url: str | None = None  # what apps.connections.open hands out
        self._failures: dict[str, list[CannedFailure]] = {}
        self._delays: dict[str, float] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/api/"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-slack", daemon=True)
        self._thread.start()

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/{name}"

    def fail_next(
        self,
        method: str,
        status: int = 200,
        error: str = "fatal_error",
        headers: dict[str, str] | None = None,
    ) -> None:
        """The next call to `method` gets this failure (HTTP status, or ok:false with `error`)."""
        with self._lock:
            self._failures.setdefault(method, []).append(
                CannedFailure(status=status, body={"ok": False, "error": error}, headers=headers or {})
            )

    def slow_down(self, method: str, seconds: float) -> None:
        """Every later call to `method` waits `seconds` before it is answered (a slow Slack API)."""
        with self._lock:
            self._delays[method] = seconds

    def recorded(self, method: str | None = None, **params: Any) -> list[RecordedCall]:
        """Successful calls to `method` whose parameters include `params`."""
        with self._lock:
            calls = list(self.calls)
        return [
            call
            for call in calls
            if call.status == 200
            and (method is None or call.method == method)
            and all(call.params.get(key) == value for key, value in params.items())
        ]

    def hook_posts(self, name: str) -> list[RecordedCall]:
        """Posts the bot made to the response_url named `name`."""
        return [call for call in self.recorded("response_url") if call.path == f"/hooks/{name}"]

    def to_channel(self, channel: str) -> list[RecordedCall]:
        """Every successful call that posts into `channel` (messages and ephemeral messages)."""
        return [call for call in self.recorded() if call.channel == channel and call.method.startswith("chat.")]

    def attempts(self, method: str) -> list[RecordedCall]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, **params: Any) -> list[RecordedCall]:
        """Poll (with a deadline) until at least `count` matching calls were recorded."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            found = self.recorded(method, **params)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"fake Slack never got {count} {method} call(s) with {params}; got {self.calls}")

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"1800000000.{next(self._ts):06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake team",
                "user": "careers-assistant",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            return {
                "ok": True,
                "channel": params.get("channel"),
                "ts": ts,
                "message": {"text": params.get("text")},
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_mode_url}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[-1] for k, v in urllib.parse.parse_qs(raw).items()}
                if self.path.startswith("/hooks/"):
                    method = "response_url"
                else:
                    method = self.path.removeprefix("/api/").split("?")[0]
                with fake._lock:
                    delay = fake._delays.get(method, 0.0)
                if delay:
                    time.sleep(delay)
                with fake._lock:
                    queue = fake._failures.get(method) or []
                    failure = queue.pop(0) if queue else None
                    fake.calls.append(
                        RecordedCall(
                            method=method,
                            params=params,
                            path=self.path,
                            headers={k.lower(): v for k, v in self.headers.items()},
                            status=failure.status if failure and failure.status != 200 else 200,
                        )
                    )
                    if failure is not None and failure.status == 200:
                        fake.calls[-1].status = 299  # an ok:false answer is not a successful call
                if failure is not None:
                    self._send(failure.status, failure.body, failure.headers)
                elif method == "response_url":
                    self._send(200, None)
                else:
                    self._send(200, fake._answer(method, params))

            def _send(self, status: int, body: dict[str, Any] | None, headers: dict[str, str] | None = None) -> None:
                payload = b"ok" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if body is None else "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        return Handler


def sign(body: str, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    """Slack's request signature: v0= HMAC-SHA256 of 'v0:{timestamp}:{body}' with the signing secret."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


class SlackSender:
    """Posts signed Events API, slash command and interactivity payloads like Slack does."""

    def __init__(self, base_url: str, fake: FakeSlackApi) -> None:
        self.url = f"{base_url}/slack/events"
        self.fake = fake
        self._ids = itertools.count(1)

    def post(
        self,
        body: str,
        content_type: str,
        *,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        timestamp = int(time.time()) if timestamp is None else timestamp
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": sign(body, timestamp, secret),
            **(headers or {}),
        }
        return httpx.post(self.url, content=body.encode(), headers=all_headers, timeout=30)

    def new_ts(self) -> str:
        return f"1700000000.{next(self._ids):06d}"

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        **post_options: Any,
    ) -> httpx.Response:
        body = {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "api_app_id": "A0TEST",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
        headers = dict(post_options.pop("headers", {}) or {})
        if retry_num is not None:
            headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(json.dumps(body), "application/json", headers=headers, **post_options)

    def mention_event(
        self, text: str, *, channel: str, user: str = "U1", thread_ts: str | None = None
    ) -> dict[str, Any]:
        """An app_mention event as Slack sends it (new ts each time)."""
        event = {
            "type": "app_mention",
            "user": user,
            "text": f"<@{BOT_USER}> {text}",
            "ts": self.new_ts(),
            "channel": channel,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return event

    def mention(
        self, text: str, *, channel: str, user: str = "U1", thread_ts: str | None = None, **options: Any
    ) -> tuple[str, httpx.Response]:
        """Send an @mention; returns its ts (the thread the answer must go to) and the HTTP response."""
        event = self.mention_event(text, channel=channel, user=user, thread_ts=thread_ts)
        return event["ts"], self.event(event, **options)

    def direct_message(self, text: str, *, channel: str, user: str = "U1", **extra: Any) -> httpx.Response:
        event = {
            "type": "message",
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": self.new_ts(),
            "channel": channel,
            **extra,
        }
        return self.event(event)

    def command(self, text: str, *, channel: str, user: str = "U1", hook: str = "cmd") -> httpx.Response:
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "someone",
            "command": "/salary",
            "text": text,
            "api_app_id": "A0TEST",
            "response_url": self.fake.response_url(hook),
            "trigger_id": f"trigger-{next(self._ids)}",
        }
        return self.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded")

    def click(
        self,
        action_id: str,
        value: str,
        *,
        channel: str,
        user: str = "U1",
        message_ts: str = "1800000000.000001",
        thread_ts: str | None = None,
        ephemeral: bool = False,
        hook: str = "click",
    ) -> httpx.Response:
        """A block_actions payload for a button on a message (or on an ephemeral message)."""
        container: dict[str, Any] = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        }
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user, "username": "someone", "team_id": TEAM},
            "api_app_id": "A0TEST",
            "token": "legacy-verification-token",
            "container": container,
            "trigger_id": f"trigger-{next(self._ids)}",
            "team": {"id": TEAM, "domain": "fake"},
            "channel": {"id": channel, "name": "general"},
            "response_url": self.fake.response_url(hook),
            "actions": [{"action_id": action_id, "block_id": "answer_actions", "value": value, "type": "button"}],
        }
        if not ephemeral:
            container["thread_ts"] = thread_ts
            payload["message"] = {
                "type": "message",
                "ts": message_ts,
                "thread_ts": thread_ts,
                "user": BOT_USER,
            }
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")


def button_value(blocks: list[dict[str, Any]], action_id: str) -> str:
    """The value (answer id) of the button `action_id` in an answer's blocks."""
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button in {blocks}")


def action_ids(blocks: list[dict[str, Any]]) -> set[str]:
    """The action ids of all buttons in the blocks."""
    return {e["action_id"] for block in blocks for e in block.get("elements", []) if "action_id" in e}


def section_text(blocks: list[dict[str, Any]]) -> str:
    """The answer text: all section blocks' mrkdwn, joined."""
    return "\n".join(block["text"]["text"] for block in blocks if block["type"] == "section")


class RunningServer:
    """A real uvicorn serving `app` on a free loopback port, in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(WAIT_SECONDS)


@dataclass
class SlackHarness:
    """Everything a Slack HTTP test needs: the fake Slack, a signed sender, the running app and its bot."""

    fake: FakeSlackApi
    send: SlackSender
    server: RunningServer
    settings: Settings

    @property
    def bot(self) -> Any:
        return self.server.app.state.slack_bot  # set by the Slack router's lifespan

    def settle(self) -> None:
        """Wait until every question and click sent so far has been fully handled."""
        assert self.bot.wait_idle(WAIT_SECONDS), "the Slack bot did not finish its background work"


def slack_settings(core_settings: Settings, fake: FakeSlackApi, data_dir: Path) -> Settings:
    """Front-end settings: the session's index, Slack on and pointed at the fake, feedback in `data_dir`.

    Only the Slack bot reads `data_dir` here (its feedback store): the assistant is built from core_settings.
    """
    return core_settings.model_copy(
        update={
            "data_dir": data_dir,
            "slack_bot_token": SecretStr(BOT_TOKEN),
            "slack_signing_secret": SecretStr(SIGNING_SECRET),
            "slack_api_base_url": fake.base_url,
        }
    )


def start_harness(settings: Settings, assistant: Any, fake: FakeSlackApi) -> SlackHarness:
    from api.app import create_app

    server = RunningServer(create_app(settings, assistant))
    return SlackHarness(fake=fake, send=SlackSender(server.base_url, fake), server=server, settings=settings)


def only(calls: list[RecordedCall], what: str = "call") -> RecordedCall:
    assert len(calls) == 1, f"expected exactly one {what}, got {len(calls)}: {calls}"
    return calls[0]


_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class FakeSocketModeServer:
    """Slack's Socket Mode WebSocket endpoint on loopback (RFC 6455, text/ping/close frames only):
    says hello, pushes envelopes, answers pings, and records the envelope acks the bot sends back."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link/?ticket=fake"
        self.acks: list[dict[str, Any]] = []
        self._conn: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._connected = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-socket-mode", daemon=True)
        self._thread.start()

    def push(self, envelope: dict[str, Any]) -> None:
        assert self._connected.wait(WAIT_SECONDS), "the bot never connected over Socket Mode"
        self._send(0x1, json.dumps(envelope).encode())

    def wait_for_ack(self, envelope_id: str) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            for ack in list(self.acks):
                if ack.get("envelope_id") == envelope_id:
                    return ack
            time.sleep(0.02)
        raise AssertionError(f"no ack for envelope {envelope_id}; got {self.acks}")

    def close(self) -> None:
        self._listener.close()
        if self._conn is not None:
            self._conn.close()

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(1024)
        key = next(
            line.split(":", 1)[1].strip()
            for line in request.decode().split("\r\n")
            if line.lower().startswith("sec-websocket-key:")
        )
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        conn.sendall(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
        )
        self._conn = conn
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0TEST"}}
        self._send(0x1, json.dumps(hello).encode())
        self._connected.set()
        try:
            while True:
                opcode, payload = self._read_frame(conn)
                if opcode == 0x1:
                    self.acks.append(json.loads(payload))
                elif opcode == 0x9:
                    self._send(0xA, payload)
                elif opcode == 0x8:
                    self._send(0x8, payload[:2])
                    return
        except (OSError, ConnectionError):
            return

    @staticmethod
    def _read_exactly(conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _read_frame(self, conn: socket.socket) -> tuple[int, bytes]:
        first, second = self._read_exactly(conn, 2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(self._read_exactly(conn, 2), "big")
        elif length == 127:
            length = int.from_bytes(self._read_exactly(conn, 8), "big")
        mask = self._read_exactly(conn, 4) if second & 0x80 else b"\0\0\0\0"
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._read_exactly(conn, length)))
        return first & 0x0F, payload

    def _send(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([len(payload)])
        elif len(payload) < 1 << 16:
            header += bytes([126]) + len(payload).to_bytes(2, "big")
        else:
            header += bytes([127]) + len(payload).to_bytes(8, "big")
        assert self._conn is not None
        with self._send_lock:
            self._conn.sendall(header + payload)
