"""The optional LLM backend, against a local fake OpenAI-compatible server: it can never add a number."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.pipeline import build_assistant
from assistant.settings import Settings

pytestmark = pytest.mark.slow


class FakeLLM:
    """Serves queued replies on /v1/chat/completions and records the requests."""

    def __init__(self) -> None:
        self.replies: list[str | int] = []
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                reply = fake.replies.pop(0) if fake.replies else 500
                if isinstance(reply, int):
                    self.send_response(reply)
                    self.end_headers()
                    return
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": reply}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture()
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()


@pytest.fixture()
def llm_assistant(core_settings: Settings, fake_llm: FakeLLM) -> Iterator[object]:
    assistant = build_assistant(core_settings.model_copy(update={"llm_base_url": fake_llm.url}))
    yield assistant
    assistant.close()


QUESTION = "What was the median salary expectation in 2025?"


def test_grounded_rewrite_is_used(llm_assistant, fake_llm: FakeLLM) -> None:  # type: ignore[no-untyped-def]
    fake_llm.replies = ["In 2025 AI/ML developers on the platform expected a median of $5,808 (59 offers) [1]."]
    reply = llm_assistant.ask(QUESTION)
    assert reply.answer.startswith("In 2025 AI/ML developers on the platform expected")
    assert "Evidence" in fake_llm.requests[0]["messages"][1]["content"]


def test_invented_number_is_rejected(llm_assistant, fake_llm: FakeLLM) -> None:  # type: ignore[no-untyped-def]
    fake_llm.replies = ["The median was $6,200 in 2025 [1], up 10% on the year."]
    reply = llm_assistant.ask(QUESTION)
    assert "$6,200" not in reply.answer and "$5,808" in reply.answer


def test_made_up_citation_is_rejected(llm_assistant, fake_llm: FakeLLM) -> None:  # type: ignore[no-untyped-def]
    fake_llm.replies = ["The median was $5,808 in 2025 [7]."]
    assert "[7]" not in llm_assistant.ask(QUESTION).answer


def test_backend_failure_falls_back_to_deterministic_answer(llm_assistant, fake_llm: FakeLLM) -> None:  # type: ignore[no-untyped-def]
    fake_llm.replies = [503]
    reply = llm_assistant.ask(QUESTION)
    assert "$5,808" in reply.answer and not reply.abstained
