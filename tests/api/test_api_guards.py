"""Rate limit (429 + Retry-After), optional API key, readiness while loading, admin reindex."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_helpers import ServerFactory, serve
from pydantic import SecretStr

from api.app import create_app
from api.ratelimit import TokenBucketLimiter
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

QUESTION = {"message": "How many offers were there in 2025?"}


def test_rate_limit_answers_429_with_retry_after(server_with: ServerFactory) -> None:
    with server_with(rate_limit_per_minute=3) as server, server.client() as client:
        statuses = [client.post("/chat", json=QUESTION).status_code for _ in range(3)]
        limited = client.post("/chat", json=QUESTION)
        health = client.get("/healthz")

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    error = limited.json()["error"]
    assert error["code"] == "rate_limited"
    assert "3 requests per minute" in error["message"]
    assert health.status_code == 200, "health checks are not rate-limited"


def test_token_bucket_refills_at_the_configured_rate() -> None:
    limiter = TokenBucketLimiter(rate_per_minute=60)
    for _ in range(60):
        assert limiter.check("client", now=100.0) is None

    assert limiter.check("client", now=100.0) == 1
    assert limiter.check("other", now=100.0) is None, "buckets are per client"
    assert limiter.check("client", now=101.0) is None, "one token back after one second"
    assert limiter.check("client", now=101.0) == 1


def test_token_bucket_table_is_bounded() -> None:
    limiter = TokenBucketLimiter(rate_per_minute=1, max_clients=2)
    for client in ("a", "b", "c"):
        limiter.check(client, now=0.0)

    assert limiter.check("a", now=0.0) is None, "the oldest client was evicted and starts afresh"
    assert limiter.check("c", now=0.0) == 60


def test_api_key_when_configured(server_with: ServerFactory) -> None:
    with server_with(api_key=SecretStr("s3cret")) as server, server.client() as client:
        missing = client.post("/chat", json=QUESTION)
        wrong = client.post("/chat", json=QUESTION, headers={"Authorization": "Bearer nope"})
        right = client.post("/chat", json=QUESTION, headers={"Authorization": "Bearer s3cret"})
        header = client.get("/v1/models", headers={"X-API-Key": "s3cret"})
        v1_missing = client.get("/v1/models")
        page = client.get("/")

    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "unauthorized"
    assert wrong.status_code == 401
    assert right.status_code == 200
    assert header.status_code == 200
    assert v1_missing.status_code == 401
    assert page.status_code == 200


def test_readyz_is_503_while_loading_then_200(api_settings: Settings, real_assistant: Any) -> None:
    release = threading.Event()

    def slow_factory(_settings: Settings) -> Any:
        release.wait(timeout=120)
        return real_assistant

    app = create_app(api_settings, assistant_factory=slow_factory)
    with serve(app) as server, server.client() as client:
        alive = client.get("/healthz")
        loading = client.get("/readyz")
        chat_while_loading = client.post("/chat", json=QUESTION)
        release.set()
        ready = _poll_ready(client)
        chat_after = client.post("/chat", json=QUESTION)

    assert alive.status_code == 200
    assert loading.status_code == 503
    assert loading.json()["error"]["code"] == "index_not_ready"
    assert chat_while_loading.status_code == 503
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert set(ready.json()["fingerprints"]) >= {"corpus", "index", "model"}
    assert chat_after.status_code == 200


def test_readyz_reports_a_failed_load(api_settings: Settings) -> None:
    def broken_factory(_settings: Settings) -> Any:
        raise RuntimeError("disk on fire")

    app = create_app(api_settings, assistant_factory=broken_factory)
    with serve(app) as server, server.client() as client:
        load_finished = _wait_for(lambda: app.state.service.load_error is not None)
        response = client.get("/readyz")

    assert load_finished
    assert response.status_code == 503
    assert "disk on fire" in response.json()["error"]["message"]


def _poll_ready(client: httpx.Client, attempts: int = 600) -> httpx.Response:
    response = client.get("/readyz")
    for _ in range(attempts):
        if response.status_code == 200:
            break
        time.sleep(0.05)
        response = client.get("/readyz")
    return response


def _wait_for(condition: Any, attempts: int = 600) -> bool:
    for _ in range(attempts):
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_admin_reindex_is_off_without_a_token(http: httpx.Client) -> None:
    response = http.post("/admin/reindex", headers={"Authorization": "Bearer anything"})

    assert response.status_code == 404
    assert "ASSISTANT_ADMIN_TOKEN" in response.json()["error"]["message"]


def test_admin_reindex_needs_the_right_token(server_with: ServerFactory) -> None:
    with server_with(admin_token=SecretStr("admin-pw")) as server, server.client() as client:
        missing = client.post("/admin/reindex")
        wrong = client.post("/admin/reindex", headers={"Authorization": "Bearer guess"})

    assert missing.status_code == 401
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "unauthorized"


@pytest.fixture
def own_build(tmp_path: Path, built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A private copy of the corpus and of the session's build, so a reindex cannot disturb other tests."""
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    data_dir = tmp_path / "data"
    shutil.copytree(built_data_dir, data_dir, symlinks=True)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    return Settings(
        data_dir=data_dir,
        corpus_dir=corpus,
        admin_token=SecretStr("admin-pw"),
        rate_limit_per_minute=1_000_000,
    )


def test_admin_reindex_rebuilds_and_reloads(own_build: Settings) -> None:
    from assistant.pipeline import build_assistant

    question = {"message": "What is a quantum salary hedge ratio?"}
    assistant = build_assistant(own_build)
    try:
        with serve(create_app(own_build, assistant=assistant)) as server, server.client() as client:
            before = client.post("/chat", json=question).json()
            unchanged = client.post("/admin/reindex", headers={"Authorization": "Bearer admin-pw"})
            (own_build.corpus_dir / "quantum-hedge.md").write_text(
                "# Quantum salary hedge ratio\n\n"
                "The quantum salary hedge ratio is a made-up metric for this test: the share of an AI "
                "engineer's salary paid in quantum tokens. It is 0.25 for every quantum salary hedge.\n",
                encoding="utf-8",
            )
            rebuilt = client.post("/admin/reindex", headers={"Authorization": "Bearer admin-pw"})
            after = client.post("/chat", json=question).json()
    finally:
        assistant.close()

    assert unchanged.status_code == 200
    assert unchanged.json()["changed"] is False
    assert rebuilt.status_code == 200
    report = rebuilt.json()
    assert report["changed"] is True
    assert report["build_id"] != unchanged.json()["build_id"]
    assert not any("quantum-hedge" in c["source"] for c in before["citations"])
    assert any("quantum-hedge" in c["source"] for c in after["citations"])


def test_concurrent_reindex_is_409(server_with: ServerFactory) -> None:
    with server_with(admin_token=SecretStr("admin-pw")) as server, server.client() as client:
        lock = server.app.state.service.reindex_lock
        lock.acquire()  # a reindex in progress
        try:
            response = client.post("/admin/reindex", headers={"Authorization": "Bearer admin-pw"})
        finally:
            lock.release()

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "ingest_running"
