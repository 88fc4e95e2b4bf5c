"""The optional LLM judge talks to an OpenAI-compatible server (a local fake here) and is only advisory."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import Settings
from eval.cli import main
from eval.judge import LlmJudge, completions_url, parse_verdict


@dataclass
class FakeLlm:
    content: str = '```json\n{"faithfulness": 0.0, "correctness": 0.25, "rationale": "made up"}\n```'
    status: int = 200
    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def fake_llm() -> Iterator[FakeLlm]:
    llm = FakeLlm()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            llm.requests.append({"path": self.path, **body})
            llm.headers.append(dict(self.headers))
            reply = {"choices": [{"message": {"role": "assistant", "content": llm.content}}]}
            data = json.dumps(reply).encode()
            self.send_response(llm.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    llm.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield llm
    server.shutdown()
    server.server_close()


def test_judge_calls_chat_completions_and_parses_the_verdict(fake_llm: FakeLlm) -> None:
    judge = LlmJudge(fake_llm.url, model="tiny", api_key="sekret", timeout=5)
    verdict = judge.judge("What was the median in 2025?", "It was $9,999.", ["Median: $5,808"], "states 5808")
    judge.close()
    assert verdict.faithfulness == 0.0 and verdict.correctness == 0.25 and verdict.error is None
    (request,) = fake_llm.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["model"] == "tiny" and request["temperature"] == 0
    assert "Median: $5,808" in request["messages"][1]["content"]
    assert fake_llm.headers[0]["Authorization"] == "Bearer sekret"


def test_judge_failures_become_notes(fake_llm: FakeLlm) -> None:
    judge = LlmJudge(fake_llm.url, model="tiny", timeout=5)
    fake_llm.content = "I think it is fine."
    assert "not JSON" in (judge.judge("q", "a", [], "r").error or "")
    fake_llm.status = 500
    assert "judge call failed" in (judge.judge("q", "a", [], "r").error or "")
    judge.close()
    down = LlmJudge("http://127.0.0.1:9", model="tiny", timeout=2)
    assert down.judge("q", "a", [], "r").error is not None
    down.close()


def test_verdict_parsing_and_urls() -> None:
    assert parse_verdict('{"faithfulness": 3, "correctness": "x"}').faithfulness == 1.0
    assert parse_verdict('{"faithfulness": 3, "correctness": "x"}').correctness is None
    assert completions_url("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert completions_url("http://h:1") == "http://h:1/v1/chat/completions"
    assert LlmJudge.from_settings(Settings(llm_base_url=None)) is None


def test_judge_is_advisory_in_a_run(
    fake_llm: FakeLlm,
    fake_chat: Any,
    small_cases: Path,
    lenient_gates: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", fake_llm.url)
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "judge-model")
    out = tmp_path / "out"
    argv = ["--api", fake_chat.url, "--cases", str(small_cases), "--gates", str(lenient_gates), "--out", str(out)]
    assert main([*argv, "--no-progress", "--no-rag-baseline"]) == 0  # a judge scoring 0 gates nothing
    results = json.loads((out / "results.json").read_text())
    metrics = results["assistant"]["overall"]["metrics"]
    assert metrics["judge_faithfulness"]["value"] == 0.0 and metrics["judge_faithfulness"]["n"] == 7
    assert metrics["case_accuracy"]["value"] == 1.0
    assert results["manifest"]["judge_model"] == "judge-model"
    assert len(fake_llm.requests) == 7  # one per turn
