"""Fixtures for the Slack tests: the fake Slack Web API and the real app with Slack switched on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_fakes import FakeSlackApi, SlackHarness, slack_settings, start_harness

from assistant.settings import Settings


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlackApi]:
    fake = FakeSlackApi()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def slack(
    core_settings: Settings,
    real_assistant: Any,
    fake_slack: FakeSlackApi,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[SlackHarness]:
    """The real API app (create_app) with Slack configured, over the real assistant, under uvicorn."""
    settings = slack_settings(core_settings, fake_slack, tmp_path_factory.mktemp("slack-data"))
    harness = start_harness(settings, real_assistant, fake_slack)
    yield harness
    harness.server.stop()
