"""Eval fixtures: a fake chat service on 127.0.0.1 (the HTTP contract of POST /chat) and small case sets."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

GUIDE = "ai-ml-expert-career-guide.md"
PAGE_2025 = "ai-ml-developer-salary-2025.md"

# A tiny suite written like the real ones; the fake server below answers it correctly.
SMALL_CASES = """
suite: small
split: dev
description: a handful of cases for harness tests
cases:
  - id: s-median-2025
    kind: statistics
    tags: [platform]
    question: What was the median salary expectation in 2025?
    expect:
      route: statistics
      numbers: [{value: 5808, unit: usd}]
      tool_calls: [{tool: platform_stat, arguments: {metric: median_salary_expectation, year: 2025}}]
      sources: [{doc: ai-ml-developer-salary-2025.md}]
  - id: s-mle-mid
    kind: statistics
    question: Mid-Career ML Engineer salary?
    expect:
      route: statistics
      numbers: [{value: 120368, unit: usd}, {value: 193263, unit: usd}]
      sources:
        - doc: ai-ml-expert-career-guide.md
          section: "Salary Ranges (US Market, 2024) > Machine Learning Engineer"
  - id: s-boston
    kind: abstention
    question: What is the ML Engineer salary in Boston?
    expect: {abstain: true}
  - id: s-median-typo
    kind: robustness
    paraphrase_of: s-median-2025
    question: wat was teh median in 2025
    expect:
      numbers: [{value: 5808, unit: usd}]
  - id: s-followup
    kind: multiturn
    turns:
      - message: What was the median salary expectation in 2025?
        expect: {numbers: [{value: 5808, unit: usd}]}
      - message: And in 2024?
        expect: {numbers: [{value: 5640, unit: usd}]}
  - id: s-empty
    kind: robustness
    question: ""
    expect: {route: invalid, abstain: true}
"""


def _citation(number: int, source: str, section: str, snippet: str) -> dict[str, Any]:
    return {
        "id": number,
        "title": "t",
        "source": source,
        "section": section,
        "snippet": snippet,
        "score": None,
    }


CORRECT_REPLIES: dict[str, dict[str, Any]] = {
    "What was the median salary expectation in 2025?": {
        "answer": "In 2025 the median salary expectation was $5,808 [1].",
        "route": "statistics",
        "abstained": False,
        "citations": [_citation(1, f"{PAGE_2025}:12", "AI and Machine Learning Developer Salary in 2025", "$5,808")],
        "tool_calls": [
            {
                "tool": "platform_stat",
                "arguments": {"metric": "median_salary_expectation", "year": 2025},
                "result": [{"value": 5808}],
            }
        ],
    },
    "Mid-Career ML Engineer salary?": {
        "answer": "A Mid-Career Machine Learning Engineer earns $120,368 – $193,263 [1].",
        "route": "statistics",
        "abstained": False,
        "citations": [
            _citation(
                1,
                f"{GUIDE}:183",
                "Salary Ranges (US Market, 2024) > Machine Learning Engineer",
                "Mid-Career: $120,368 - $193,263",
            )
        ],
        "tool_calls": [],
    },
    "What is the ML Engineer salary in Boston?": {
        "answer": "The guide names Boston as a hub but gives no salary figure for it.",
        "route": "statistics",
        "abstained": True,
        "citations": [],
        "tool_calls": [],
    },
    "wat was teh median in 2025": {
        "answer": "The 2025 median salary expectation was $5,808 [1].",
        "route": "statistics",
        "abstained": False,
        "citations": [_citation(1, f"{PAGE_2025}:12", "AI and Machine Learning Developer Salary in 2025", "$5,808")],
        "tool_calls": [],
    },
    "And in 2024?": {
        "answer": "In 2024 it was $5,640 [1].",
        "route": "statistics",
        "abstained": False,
        "citations": [
            _citation(
                1,
                "ai-ml-developer-salary-2024.md:12",
                "AI and Machine Learning Developer Salary in 2024",
                "$5,640",
            )
        ],
        "tool_calls": [],
    },
}


@dataclass
class FakeChatService:
    """Answers POST /chat from `replies` (message -> Reply fields); records what it was asked."""

    replies: dict[str, dict[str, Any]]
    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    rate_limit_first: bool = False
    fingerprints: dict[str, Any] = field(default_factory=lambda: {"index": "fake-build", "corpus": "c0"})

    def reply_for(self, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        self.requests.append(body)
        if self.rate_limit_first:
            self.rate_limit_first = False
            return 429, {"error": {"code": "rate_limited", "message": "slow down"}}, {"Retry-After": "0"}
        message = body.get("message", "")
        if not message.strip():
            return 400, {"error": {"code": "empty_message", "message": "message is empty"}}, {}
        session = body.get("session_id") or f"s{len(self.requests)}"
        known = self.replies.get(message)
        reply = known or {
            "answer": "The sources I have don't cover that.",
            "route": "out_of_scope",
            "abstained": True,
            "citations": [],
            "tool_calls": [],
        }
        return 200, {**reply, "session_id": session, "latency_ms": 12.5}, {}


@pytest.fixture
def fake_chat() -> Iterator[FakeChatService]:
    service = FakeChatService(replies=copy.deepcopy(CORRECT_REPLIES))

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            self._send(*service.reply_for(body))

        def do_GET(self) -> None:  # noqa: N802
            self._send(200, {"status": "ready", "fingerprints": service.fingerprints}, {})

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def small_cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_CASES, encoding="utf-8")
    return folder


@pytest.fixture
def lenient_gates(tmp_path: Path) -> Path:
    path = tmp_path / "gates.yaml"
    path.write_text(
        "overall:\n  case_accuracy: {min: 0.5}\n  abstention_recall: {min: 0.5}\nblocking_cases: [s-median-2025]\n",
        encoding="utf-8",
    )
    return path
