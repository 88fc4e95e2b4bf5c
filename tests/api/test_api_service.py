"""Metrics, OpenAPI docs, statistics endpoints, concurrency, and the `python -m api` entry point."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_helpers import LiveServer, serve
from servers import free_port

from api.app import create_app
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow


def metric_value(text: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` in Prometheus text, or 0 if absent (label order as exposed)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_answers_abstentions_and_errors(http: httpx.Client) -> None:
    before = http.get("/metrics").text
    http.post("/chat", json={"message": "What was the median salary expectation in 2025?"})
    http.post("/chat", json={"message": "What is the best pizza topping in Naples?"})
    http.post("/chat", json={"message": " "})

    response = http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text
    timed = "assistant_http_request_duration_seconds_count"
    chat_timed = metric_value(after, timed, method="POST", path="/chat")
    assert chat_timed - metric_value(before, timed, method="POST", path="/chat") == 3
    assert 'le="0.05"' in after, "latency is a histogram with buckets"
    assert metric_value(after, "assistant_answers_total", route="statistics") > metric_value(
        before, "assistant_answers_total", route="statistics"
    )
    assert metric_value(after, "assistant_abstentions_total") > metric_value(before, "assistant_abstentions_total")
    assert metric_value(after, "assistant_errors_total", code="empty_message") == 1 + metric_value(
        before, "assistant_errors_total", code="empty_message"
    )


def test_metrics_label_routes_by_path_template(http: httpx.Client) -> None:
    http.get("/stats/no_such_table")

    text = http.get("/metrics").text

    assert 'path="/stats/{table}"' in text
    assert "no_such_table" not in text


def test_openapi_describes_every_model_and_field(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()

    paths = spec["paths"]
    for path in (
        "/chat",
        "/chat/stream",
        "/v1/chat/completions",
        "/v1/models",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert path in paths
    assert {"/stats", "/stats/{table}"} <= set(paths)
    assert "/admin/reindex" not in paths, "no admin token configured: the endpoint does not exist"
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), f"{method} {path} undocumented"
    undescribed = [
        f"{name}.{field}"
        for name, schema in spec["components"]["schemas"].items()
        for field, prop in schema.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []
    assert all(schema.get("description") for schema in spec["components"]["schemas"].values())
    assert spec["components"]["schemas"]["ChatReply"]["properties"].keys() >= {
        "answer",
        "citations",
        "tool_calls",
    }


def test_docs_page_works_offline(http: httpx.Client) -> None:
    page = http.get("/docs")

    assert page.status_code == 200
    assert "/openapi.json" in page.text
    assert "cdn." not in page.text, "the docs page must not need the internet"
    script = re.search(r'<script src="([^"]+swagger-ui-bundle\.js)"', page.text)
    assert script is not None
    assert http.get(script.group(1)).status_code == 200


def test_stats_lists_tables_and_returns_rows_with_provenance(http: httpx.Client, real_assistant: object) -> None:
    tables = http.get("/stats").json()["tables"]

    assert tables == real_assistant.stats.tables()  # type: ignore[attr-defined]
    for table in tables:
        body = http.get(f"/stats/{table}").json()
        assert body["table"] == table
        assert body["count"] == len(body["rows"])
        assert body["rows"] == real_assistant.stats.rows(table, {})  # type: ignore[attr-defined]


def test_stats_unknown_table_or_column_names_the_choices(http: httpx.Client) -> None:
    table = http.get("/stats/no_such_table")
    first_table = http.get("/stats").json()["tables"][0]
    column = http.get(f"/stats/{first_table}", params={"no_such_column": "1"})

    assert table.status_code in {400, 404}
    assert "no_such_table" in table.json()["error"]["message"]
    assert column.status_code == 400
    assert "no_such_column" in column.json()["error"]["message"]


def test_sixteen_parallel_chats_all_answer_correctly(live: LiveServer, real_assistant: object) -> None:
    questions = [
        "What was the median salary expectation in 2025?",
        "How many offers were there in 2024?",
        "What is overfitting in machine learning?",
        "What does a machine learning engineer do?",
    ]
    expected = {q: real_assistant.ask(q).answer for q in questions}  # type: ignore[attr-defined]

    async def run_all() -> list[tuple[str, httpx.Response]]:
        async with httpx.AsyncClient(base_url=live.url, timeout=60) as client:
            asked = [questions[i % len(questions)] for i in range(16)]
            responses = await asyncio.gather(*(client.post("/chat", json={"message": q}) for q in asked))
            return list(zip(asked, responses, strict=True))

    results = asyncio.run(run_all())

    assert [response.status_code for _, response in results] == [200] * 16
    for question, response in results:
        assert response.json()["answer"] == expected[question]
    assert len({response.json()["session_id"] for _, response in results}) == 16


class CountingAssistant:
    """The real assistant, recording how many ask() calls run at the same time."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self._lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def ask(self, message: str, session_id: str | None = None) -> Any:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            return self._real.ask(message, session_id=session_id)
        finally:
            with self._lock:
                self.running -= 1


def test_concurrent_asks_are_capped_per_process(api_settings: Settings, real_assistant: Any) -> None:
    counting = CountingAssistant(real_assistant)

    async def sixteen_at_once(url: str) -> list[int]:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            question = {"message": "What is overfitting in machine learning?"}
            responses = await asyncio.gather(*(client.post("/chat", json=question) for _ in range(16)))
            return [response.status_code for response in responses]

    with serve(create_app(api_settings, assistant=counting, ask_threads=2)) as server:
        statuses = asyncio.run(sixteen_at_once(server.url))

    assert statuses == [200] * 16
    assert 1 <= counting.most_at_once <= 2


def test_python_dash_m_api_serves(built_data_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(built_data_dir),
        "ASSISTANT_CORPUS_DIR": str(PROJECT_ROOT / "corpus"),
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "api", "--port", str(port), "--log-level", "warning"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        ready = _wait_ready(f"http://127.0.0.1:{port}", process)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            reply = client.post("/chat", json={"message": "How many offers were there in 2025?"})
            page = client.get("/")
    finally:
        process.terminate()  # uvicorn shuts down gracefully, then re-raises SIGTERM (exit code -15)
        process.wait(timeout=30)

    assert ready, (tmp_path / "server.log").read_text()
    assert reply.status_code == 200
    assert "59" in reply.json()["answer"]
    assert page.status_code == 200 and "<form" in page.text


def test_help_lists_the_options() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "api", "--help"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0
    for option in ("--host", "--port", "--workers"):
        assert option in result.stdout


def _wait_ready(url: str, process: subprocess.Popen[bytes], limit_seconds: float = 120) -> bool:
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return False
