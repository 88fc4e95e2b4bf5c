"""Fixtures: live uvicorn servers on free 127.0.0.1 ports over the real assistant (model, Chroma, DuckDB)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from api_helpers import LiveServer, ServerFactory, serve

from api.app import create_app
from assistant.settings import Settings


@pytest.fixture(scope="session")
def api_settings(core_settings: Settings) -> Settings:
    """The session's built index, with a rate limit high enough that ordinary tests never meet it."""
    return core_settings.model_copy(update={"rate_limit_per_minute": 1_000_000})


@pytest.fixture(scope="session")
def live(api_settings: Settings, real_assistant: Any) -> Iterator[LiveServer]:
    """The main test server: default settings, the real assistant, shared by the whole session."""
    with serve(create_app(api_settings, assistant=real_assistant)) as server:
        yield server


@pytest.fixture(scope="session")
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with live.client() as client:
        yield client


@pytest.fixture
def server_with(api_settings: Settings, real_assistant: Any) -> ServerFactory:
    """Start an extra server whose settings differ: `with server_with(api_key=...) as server: ...`."""

    @contextmanager
    def start(**overrides: Any) -> Iterator[LiveServer]:
        settings = api_settings.model_copy(update=overrides)
        with serve(create_app(settings, assistant=real_assistant)) as server:
            yield server

    return start
