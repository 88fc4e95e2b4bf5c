"""The CLI as a user runs it: a new process, readable output and errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import Settings

pytestmark = pytest.mark.slow


def run(args: list[str], settings: Settings, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        env=env,
        input=stdin,
        text=True,
        capture_output=True,
        timeout=120,
    )


def test_ask_json(core_settings: Settings) -> None:
    done = run(["ask", "What was the median salary expectation in 2025?", "--json"], core_settings)
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert "$5,808" in reply["answer"] and reply["citations"][0]["title"]
    assert set(reply) == {
        "answer",
        "session_id",
        "route",
        "abstained",
        "citations",
        "tool_calls",
        "plan",
        "latency_ms",
    }


def test_ask_plain_lists_citations(core_settings: Settings) -> None:
    done = run(["ask", "What is overfitting?"], core_settings)
    assert done.returncode == 0 and "[1]" in done.stdout and "route: documents" in done.stdout


def test_chat_keeps_the_session(core_settings: Settings) -> None:
    done = run(["chat"], core_settings, stdin="median salary expectation in 2025?\nand in 2024?\n\n")
    assert done.returncode == 0, done.stderr
    assert "$5,808" in done.stdout and "$5,640" in done.stdout


def test_no_index_is_a_readable_error(tmp_path: Path) -> None:
    done = run(["ask", "hello"], Settings(data_dir=tmp_path, corpus_dir=tmp_path))
    assert done.returncode == 2
    assert "run `assistant ingest`" in done.stderr and "Traceback" not in done.stderr


def test_ingest_of_missing_corpus_is_a_readable_error(tmp_path: Path) -> None:
    done = run(["ingest", "--quiet"], Settings(data_dir=tmp_path, corpus_dir=tmp_path / "missing"))
    assert done.returncode == 2 and "does not exist" in done.stderr and "Traceback" not in done.stderr
