"""Shared fixtures: offline guard, and one real index build per test session (real model, Chroma, DuckDB)."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings, force_offline

force_offline()

# Real Chroma and Redis servers as session fixtures (`chroma_server`, `redis_server`).
pytest_plugins = ["servers"]

_LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0"}
_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in _LOOPBACK and self.family in (socket.AF_INET, socket.AF_INET6):
        raise RuntimeError(f"test tried to reach the network: {address!r} (only loopback is allowed)")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection beyond loopback fails the test: the product must work offline."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real ingest of the real corpus into a temporary data dir, shared by the whole session."""
    from assistant.ingest import run_ingest

    data_dir = tmp_path_factory.mktemp("data")
    run_ingest(Settings(data_dir=data_dir, corpus_dir=PROJECT_ROOT / "corpus"), progress=False)
    return data_dir


@pytest.fixture
def own_data(built_data_dir: Path, tmp_path: Path) -> Settings:
    """A private copy of the session's build and of the corpus, free to change (without the session
    process's leases and ingest lock, which belong to the original); /admin/reindex takes "admin-pw"."""
    data = tmp_path / "data"
    shutil.copytree(built_data_dir, data, ignore=shutil.ignore_patterns("leases", "ingest.lock"))
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    return Settings(data_dir=data, corpus_dir=corpus, admin_token="admin-pw")


@pytest.fixture(scope="session")
def core_settings(built_data_dir: Path) -> Settings:
    """Settings pointing at the session's built index (front-end tests may copy and tweak them).

    In-memory shared state: the many apps of one test run share this data dir, and each test expects fresh
    rate-limit buckets and seen Slack events. The shared stores have their own tests (test_core_sessions.py,
    tests/reliability/test_reliability_cluster.py)."""
    return Settings(data_dir=built_data_dir, corpus_dir=PROJECT_ROOT / "corpus", shared_state="memory")


@pytest.fixture(scope="session")
def real_assistant(core_settings: Settings) -> Iterator[object]:
    """The real assistant over the session's build; shared because loading the model is the slow part."""
    from assistant.pipeline import build_assistant

    assistant = build_assistant(core_settings)
    yield assistant
    assistant.close()
