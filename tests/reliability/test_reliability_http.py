"""Issue 10's findings at the HTTP edge, each reproduced as it was found, through a real uvicorn server
started with the same options as `assistant serve` (api.server.uvicorn_options)."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from api.app import create_app
from api.server import uvicorn_options
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

QUESTION = {"message": "How many offers were there in 2025?"}
STARTUP_LIMIT_SECONDS = 120
# An absolute POSIX path of two or more parts ("/tmp/x", "/work/wt/edge/data"), not a URL path in the text.
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])/(?:[\w.\-]+/)+[\w.\-]*")


@contextmanager
def serve_as_deployed(app: FastAPI) -> Iterator[httpx.Client]:
    """uvicorn on a free loopback port with `assistant serve`'s options; a client bound to it."""
    options: dict[str, Any] = {"log_level": "info", "access_log": True, "log_config": None, **uvicorn_options()}
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-reliability", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the reliability test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def edge_settings(core_settings: Settings) -> Settings:
    return core_settings.model_copy(update={"rate_limit_per_minute": 1_000_000})


def app_with(settings: Settings, assistant: Any, **overrides: Any) -> FastAPI:
    return create_app(settings.model_copy(update=overrides), assistant=assistant)


# ---- 2. proxies are trusted only when configured ---------------------------------------------------


def test_forged_forwarded_for_from_loopback_does_not_escape_the_rate_limit(
    edge_settings: Settings, real_assistant: Any
) -> None:
    """Found: 60 requests, each with a new forged X-Forwarded-For, all passed a 30/min limit."""
    with serve_as_deployed(app_with(edge_settings, real_assistant, rate_limit_per_minute=30)) as client:
        started = time.monotonic()
        statuses = [client.get("/stats", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(60)]
        refilled = refills(time.monotonic() - started, per_minute=30)

    assert statuses[:30] == [200] * 30
    assert statuses.count(429) >= 30 - refilled, statuses


def refills(seconds: float, per_minute: int) -> int:
    """Tokens a bucket may have regained while a test sent its requests (a slow machine is no failure)."""
    return int(seconds * per_minute / 60) + 1


def test_a_configured_proxy_hands_over_the_right_most_untrusted_hop(
    edge_settings: Settings, real_assistant: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Behind a trusted load balancer the client is the hop it saw; what the client wrote before it is not."""
    app = app_with(edge_settings, real_assistant, rate_limit_per_minute=3, trusted_proxies="127.0.0.1, 10.0.0.0/8")
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    with serve_as_deployed(app) as client:
        # The client forges a left-most hop each time; the proxies (10.1.2.3, then loopback) append the real one.
        first = [
            client.get("/stats", headers={"X-Forwarded-For": f"1.1.1.{n}, 198.51.100.7, 10.1.2.3"}).status_code
            for n in range(4)
        ]
        other_client = client.get("/stats", headers={"X-Forwarded-For": "198.51.100.8"})

    assert first == [200, 200, 200, 429]
    assert other_client.status_code == 200
    access_lines = [record.getMessage() for record in caplog.records if record.name == "uvicorn.access"]
    assert any("198.51.100.7" in line for line in access_lines), access_lines
    assert not any("1.1.1." in line for line in access_lines), "a forged hop reached the access log"


# ---- 3. failed authentication is throttled; /admin is rate limited ---------------------------------


def test_wrong_api_keys_are_throttled(edge_settings: Settings, real_assistant: Any) -> None:
    """Found: 300 wrong API keys gave 300 x 401."""
    app = app_with(edge_settings, real_assistant, rate_limit_per_minute=5, api_key=SecretStr("right-key"))
    with serve_as_deployed(app) as client:
        started = time.monotonic()
        responses = [
            client.post("/chat", json=QUESTION, headers={"Authorization": f"Bearer wrong-{n}"}) for n in range(300)
        ]
        right_key_while_throttled = client.post("/chat", json=QUESTION, headers={"Authorization": "Bearer right-key"})
        refilled = refills(time.monotonic() - started, per_minute=5)

    statuses = [response.status_code for response in responses]
    assert statuses[:5] == [401] * 5
    assert statuses.count(429) >= 295 - refilled, statuses
    assert int(responses[-1].headers["Retry-After"]) >= 1
    assert responses[-1].json()["error"]["code"] == "rate_limited"
    # Otherwise a throttled guesser would still learn which key is right (429 vs 200).
    assert right_key_while_throttled.status_code == 429


def test_admin_is_rate_limited(edge_settings: Settings, real_assistant: Any) -> None:
    """Found: /admin had no rate limit at all."""
    app = app_with(edge_settings, real_assistant, rate_limit_per_minute=5, admin_token=SecretStr("admin-token"))
    with serve_as_deployed(app) as client:
        statuses = [
            client.post("/admin/reindex", headers={"Authorization": f"Bearer guess-{n}"}).status_code for n in range(8)
        ]

    assert statuses == [401] * 5 + [429] * 3


# ---- 7. no absolute paths; ASSISTANT_PROTECT_OPS -------------------------------------------------


def _assert_no_paths(response: httpx.Response, *secrets: Path) -> None:
    text = response.text
    for secret in secrets:
        assert str(secret) not in text, f"{response.request.url.path} shows {secret}: {text}"
    assert not ABSOLUTE_PATH.search(text), f"{response.request.url.path} shows an absolute path: {text}"


def test_no_absolute_paths_when_the_index_is_missing(core_settings: Settings, tmp_path: Path) -> None:
    """Found: 503 messages named the data dir; the default assistant is built over an empty data dir."""
    settings = core_settings.model_copy(update={"data_dir": tmp_path / "empty-data"})
    app = create_app(settings)
    with serve_as_deployed(app) as client:
        deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
        while app.state.service.load_error is None and time.monotonic() < deadline:
            time.sleep(0.05)
        ready = client.get("/readyz")
        chat = client.post("/chat", json=QUESTION)

    assert ready.status_code == 503 and chat.status_code == 503
    for response in (ready, chat):
        assert response.json()["error"]["code"] == "index_not_ready"
        _assert_no_paths(response, tmp_path, PROJECT_ROOT)
    assert "assistant ingest" in chat.json()["error"]["message"], "the message still says what to do"


def test_no_absolute_paths_in_readiness_or_errors(edge_settings: Settings, real_assistant: Any) -> None:
    """Found: /readyz showed the embedding model's path."""
    with serve_as_deployed(app_with(edge_settings, real_assistant)) as client:
        ready = client.get("/readyz")
        missing_table = client.get("/stats/no_such_table")
        bad_filter = client.get("/stats/platform_stats", params={"no_such_column": "1"})

    assert ready.status_code == 200
    assert set(ready.json()["fingerprints"]) >= {"corpus", "index", "model"}
    for response in (ready, missing_table, bad_filter):
        _assert_no_paths(response, edge_settings.model_path, edge_settings.data_dir, PROJECT_ROOT)


def test_protect_ops_puts_metrics_and_readiness_details_behind_the_key(
    edge_settings: Settings, real_assistant: Any
) -> None:
    """Found: /readyz and /metrics stayed public with an API key set."""
    app = app_with(edge_settings, real_assistant, api_key=SecretStr("ops-key"), protect_ops=True)
    key = {"Authorization": "Bearer ops-key"}
    with serve_as_deployed(app) as client:
        bare = client.get("/readyz")
        detailed = client.get("/readyz", headers=key)
        metrics_anonymous = client.get("/metrics")
        metrics_wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
        metrics_with_key = client.get("/metrics", headers=key)
        alive = client.get("/healthz")

    assert bare.status_code == 200
    assert bare.json() == {"status": "ready"}, "probes get the bare status, nothing more"
    assert set(detailed.json()["fingerprints"]) >= {"corpus", "index", "model"}
    assert metrics_anonymous.status_code == 401
    assert metrics_anonymous.json()["error"]["code"] == "unauthorized"
    assert metrics_wrong.status_code == 401
    assert metrics_with_key.status_code == 200
    assert "assistant_http_responses_total" in metrics_with_key.text
    assert alive.status_code == 200


def test_ops_stay_public_by_default(edge_settings: Settings, real_assistant: Any) -> None:
    app = app_with(edge_settings, real_assistant, api_key=SecretStr("k"))
    with serve_as_deployed(app) as client:
        assert client.get("/metrics").status_code == 200
        assert "fingerprints" in client.get("/readyz").json()


# ---- 8. the OpenAPI document tells the truth --------------------------------------------------


def test_openapi_declares_what_the_server_enforces(edge_settings: Settings, real_assistant: Any) -> None:
    """Found: no minLength on message; bearer auth marked required although no key was configured."""
    with serve_as_deployed(app_with(edge_settings, real_assistant)) as client:
        open_doc = client.get("/openapi.json").json()
    keyed = app_with(edge_settings, real_assistant, api_key=SecretStr("k"), admin_token=SecretStr("a"))
    with serve_as_deployed(keyed) as client:
        keyed_doc = client.get("/openapi.json").json()

    message = open_doc["components"]["schemas"]["ChatRequest"]["properties"]["message"]
    assert message["minLength"] == 1
    assert message["maxLength"] == edge_settings.max_message_chars
    assert "security" not in open_doc["paths"]["/chat"]["post"], "no key configured: no auth to declare"
    keyed_security = keyed_doc["paths"]["/chat"]["post"]["security"]
    assert {} not in keyed_security
    assert {name for requirement in keyed_security for name in requirement} == {"ApiKey", "ApiKeyHeader"}
    assert keyed_doc["paths"]["/admin/reindex"]["post"]["security"] == [{"AdminToken": []}]
    assert "415" in open_doc["paths"]["/chat"]["post"]["responses"]
    assert not any(path.startswith("/admin/") for path in open_doc["paths"]), "admin is off without a token"


def test_deeply_nested_json_is_invalid_json(edge_settings: Settings, real_assistant: Any) -> None:
    """Found: deeply nested JSON gave 400 bad_request, not invalid_json."""
    nested = "[" * 20_000 + "]" * 20_000  # 40 KB: under the body size limit
    body = '{"message": "hi", "session_id": ' + nested + "}"
    with serve_as_deployed(app_with(edge_settings, real_assistant)) as client:
        response = client.post("/chat", content=body, headers={"Content-Type": "application/json"})
        modest = client.post(
            "/chat",
            content=json.dumps({"message": "hi", "session_id": [[[1]]]}),
            headers={"Content-Type": "application/json"},
        )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_json"
    assert "nested" in error["message"]
    assert modest.status_code == 422, "shallow JSON still reaches field validation"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_415(edge_settings: Settings, real_assistant: Any, content_type: str | None) -> None:
    """Found: a JSON body without a JSON content type gave 422 (or was accepted)."""
    headers = {"Content-Type": content_type} if content_type else {}
    with serve_as_deployed(app_with(edge_settings, real_assistant)) as client:
        request = client.build_request("POST", "/chat", content=json.dumps(QUESTION).encode(), headers=headers)
        if content_type is None:
            request.headers.pop("Content-Type", None)
        response = client.send(request)

    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "application/json" in error["message"]
