"""The multi-worker shape of `python -m api.bench_load --multi-worker`: what several workers must share.

Follow-ups whose context survived a new connection (must be 100%), Slack events answered twice when Slack's
retry arrives on a new connection (must be 0; a local fake Slack Web API receives the posts), and uncached
throughput (each question made unique, so no cache can answer it). Measuring helpers live in bench_load.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import os
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from api.bench_load import HEADER, Measurement, free_port, measure, print_row, start_server, wait_ready, warm_up

FOLLOW_UP_FIRST = "What was the median salary expectation in 2025?"
FOLLOW_UP_NEXT = ("And in 2024?", "2024")  # the follow-up, and what its answer must speak about
BENCH_BOT_USER = "UBENCHBOT"


class FakeSlackWebApi:
    """Slack's Web API on 127.0.0.1 for the bench: answers auth.test and counts chat.postMessage per channel."""

    def __init__(self) -> None:
        self.posts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/api/"
        threading.Thread(target=self._server.serve_forever, name="fake-slack", daemon=True).start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                json_body = "json" in (self.headers.get("Content-Type") or "")
                params = json.loads(raw or "{}") if json_body else dict(urllib.parse.parse_qsl(raw))
                method = self.path.removeprefix("/api/").split("?")[0]
                answer: dict[str, Any] = {"ok": True}
                if method == "auth.test":
                    answer |= {"team_id": "TBENCH", "user_id": BENCH_BOT_USER, "bot_id": "BBENCH", "user": "bench"}
                elif method == "chat.postMessage":
                    with fake._lock:
                        channel = str(params.get("channel"))
                        fake.posts[channel] = fake.posts.get(channel, 0) + 1
                    answer |= {"channel": params.get("channel"), "ts": f"1800000000.{next(fake._ts):06d}"}
                payload = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        return Handler

    def total(self) -> int:
        with self._lock:
            return sum(self.posts.values())

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass
class MultiWorkerReport:
    """What several workers must share, and the uncached throughput of the shape."""

    workers: int
    state: str  # which shared store the server used
    follow_ups: int
    follow_ups_kept: int
    slack_events: int
    slack_events_answered: int
    slack_duplicate_posts: int
    uncached: list[Measurement] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (
            self.follow_ups_kept == self.follow_ups
            and self.slack_duplicate_posts == 0
            and self.slack_events_answered == self.slack_events
            and all(m.errors == 0 for m in self.uncached)
        )


async def follow_ups_kept(url: str, sessions: int, concurrency: int = 8) -> int:
    """Ask a question, then its follow-up with the session id, each on a new connection; count the kept ones."""
    question, about = FOLLOW_UP_NEXT
    gate = asyncio.Semaphore(concurrency)

    async def post(message: str, session_id: str | None = None) -> dict[str, Any]:
        body = {"message": message} | ({"session_id": session_id} if session_id else {})
        # A client per request: a new connection each time, so the worker is the kernel's choice.
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            response = await client.post("/chat", json=body, headers={"Connection": "close"})
        response.raise_for_status()
        return response.json()

    async def one() -> bool:
        async with gate:
            first = await post(FOLLOW_UP_FIRST)
            reply = await post(question, first["session_id"])
        return reply["route"] == "statistics" and not reply["abstained"] and about in reply["answer"]

    return sum(await asyncio.gather(*(one() for _ in range(sessions))))


def signed_event_post(url: str, secret: str, body: str, retry: int | None) -> int:
    timestamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "Connection": "close",
    }
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return httpx.post(f"{url}/slack/events", content=body.encode(), headers=headers, timeout=30).status_code


def slack_events_with_retries(url: str, secret: str, fake: FakeSlackWebApi, events: int) -> tuple[int, int]:
    """Send each event, then Slack's retry of it, on new connections; (events answered, duplicate posts)."""
    run_id = secrets.token_hex(4).upper()
    channels = [f"CB{run_id}{n:04d}" for n in range(events)]
    for n, channel in enumerate(channels):
        event = {
            "type": "app_mention",
            "user": "UBENCH",
            "text": f"<@{BENCH_BOT_USER}> {FOLLOW_UP_FIRST}",
            "ts": f"1700000000.{n:06d}",
            "channel": channel,
        }
        body = json.dumps(
            {
                "team_id": "TBENCH",
                "api_app_id": "ABENCH",
                "type": "event_callback",
                "event_id": f"Ev{run_id}{n:06d}",
                "event_time": int(time.time()),
                "event": event,
                "authorizations": [{"team_id": "TBENCH", "user_id": BENCH_BOT_USER, "is_bot": True}],
            }
        )
        for retry in (None, 1, 2):  # the delivery and two retries, as when Slack misses the acknowledgement
            signed_event_post(url, secret, body, retry)
    deadline, last_total, quiet_since = time.monotonic() + 120, -1, time.monotonic()
    while time.monotonic() < deadline:
        total = fake.total()
        if total != last_total:
            last_total, quiet_since = total, time.monotonic()
        elif total >= events and time.monotonic() - quiet_since > 3:  # answers stopped arriving
            break
        time.sleep(0.2)
    posts = [fake.posts.get(channel, 0) for channel in channels]
    return sum(1 for count in posts if count), sum(max(0, count - 1) for count in posts)


def run_multi_worker(
    workers: int,
    client_counts: list[int],
    seconds: float,
    log_dir: Path,
    sessions: int,
    slack_events: int,
    baseline: bool = False,
) -> MultiWorkerReport:
    fake = FakeSlackWebApi()
    secret = secrets.token_hex(16)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    slack_env = {
        "ASSISTANT_SLACK_BOT_TOKEN": "xoxb-bench-" + secrets.token_hex(8),
        "ASSISTANT_SLACK_SIGNING_SECRET": secret,
        "ASSISTANT_SLACK_API_BASE_URL": fake.base_url,
    }
    process = start_server(workers, port, log_dir / f"bench-multi-{workers}w.log", slack_env)
    state = "redis" if os.environ.get("ASSISTANT_REDIS_URL") else os.environ.get("ASSISTANT_SHARED_STATE", "sqlite")
    try:
        wait_ready(url, process)
        warm_up(url, workers)
        kept = asyncio.run(follow_ups_kept(url, sessions))
        print(f"follow-ups kept: {kept}/{sessions} (each request on a new connection)", flush=True)
        answered, duplicates = slack_events_with_retries(url, secret, fake, slack_events)
        print(f"slack: {answered}/{slack_events} events answered, {duplicates} duplicate posts (3 deliveries each)")
        report = MultiWorkerReport(workers, state, sessions, kept, slack_events, answered, duplicates)
        print(HEADER, flush=True)
        for clients in client_counts:
            result = measure(url, process.pid, workers, clients, seconds, unique=True)
            print_row(result)
            report.uncached.append(result)
        if baseline:  # the same run's floor: the HTTP stack alone, on the same loaded machine
            result = measure(url, process.pid, workers, 16, seconds, baseline=True)
            print_row(result)
            report.uncached.append(result)
    finally:
        process.terminate()
        process.wait(timeout=60)
        fake.close()
    return report
