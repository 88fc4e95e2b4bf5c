"""Test helpers for the API: a live uvicorn server in a thread, and a Server-Sent Events parser."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

STARTUP_LIMIT_SECONDS = 60


@dataclass
class LiveServer:
    """A running server: its base URL and the app it serves (tests may inspect `app.state.service`)."""

    app: FastAPI
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)


ServerFactory = Callable[..., AbstractContextManager[LiveServer]]


@contextmanager
def serve(app: FastAPI) -> Iterator[LiveServer]:
    """Run `app` under uvicorn in a background thread on a port the OS picks; stop it on exit."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield LiveServer(app=app, port=port)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def parse_sse(text: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a Server-Sent Events body; event defaults to 'message'."""
    events = []
    for frame in text.split("\n\n"):
        if not frame.strip():
            continue
        event, data = "message", []
        for line in frame.split("\n"):
            if line.startswith("event:"):
                event = line[len("event:") :].strip()
            elif line.startswith("data:"):
                data.append(line[len("data:") :].lstrip())
        events.append((event, "\n".join(data)))
    return events
