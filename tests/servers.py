"""Real servers for the tests (a pytest plugin, loaded by tests/conftest.py): `chroma run` and `redis-server`.

No fakes: the Chroma server is the one the installed `chromadb` package ships, and Redis is the Debian
`redis-server` binary (.ci/run installs it). Each listens on a free loopback port, in a temporary folder,
and is terminated at the end of the test session. Also `free_port()` and `ServerProcess` for tests that
start API servers of their own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

STARTUP_LIMIT_SECONDS = 60


def free_port() -> int:
    """A port free on 127.0.0.1 right now (the OS picks it; the caller binds it at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ServerProcess:
    """A server child process, its port and its log file (shown when it fails to start)."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    name: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def wait_until(self, ready: Callable[[], bool], limit: float = STARTUP_LIMIT_SECONDS) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if ready():
                    return
            except (OSError, httpx.HTTPError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not become ready within {limit} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_process(
    name: str, argv: list[str], log_path: Path, port: int, env: dict[str, str] | None = None
) -> ServerProcess:
    log = log_path.open("wb")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)
    log.close()  # the child holds its own descriptor
    return ServerProcess(process=process, port=port, log_path=log_path, name=name)


def http_ok(url: str) -> bool:
    return httpx.get(url, timeout=2).status_code == 200


# ---- Redis ---------------------------------------------------------------------------------------


@dataclass
class RedisServer:
    server: ServerProcess

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.server.port}/0"

    def flush(self) -> None:
        """Empty the database between tests that must not see each other's keys."""
        import redis

        with redis.Redis.from_url(self.url) as client:
            client.flushdb()


def _redis_answers(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
        conn.sendall(b"PING\r\n")
        return conn.recv(16).startswith(b"+PONG")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real `redis-server` on a free port, no persistence; skipped only when the binary is absent."""
    binary = shutil.which("redis-server")
    missing = "redis-server is not installed here (apt-get install redis-server; .ci/run installs it)"
    if binary is None:
        # On CI (.ci/run installs it) a missing server is a broken setup, not a reason to skip.
        pytest.fail(missing) if os.environ.get("CI") else pytest.skip(missing)
    pytest.importorskip("redis", reason="the `redis` client is a dependency: bash scripts/setup.sh installs it")
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    argv += ["--daemonize", "no", "--dir", str(folder)]
    server = start_process("redis-server", argv, folder / "redis.log", port)
    server.wait_until(lambda: _redis_answers(port))
    yield RedisServer(server)
    server.stop()


# ---- Chroma --------------------------------------------------------------------------------------


@dataclass
class ChromaServer:
    server: ServerProcess
    path: Path

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        return self.server.port


def chroma_executable() -> Path:
    """The `chroma` command of the running interpreter's environment (the venv's chromadb)."""
    return Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    """`chroma run` from the installed chromadb on a free port, its data in a temporary folder."""
    executable = chroma_executable()
    if not executable.exists():
        pytest.fail(f"{executable} is missing: chromadb is a dependency and ships it (bash scripts/setup.sh)")
    folder = tmp_path_factory.mktemp("chroma")
    port = free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_TELEMETRY_IMPL": "none"}
    argv = [str(executable), "run", "--path", str(folder / "db"), "--host", "127.0.0.1", "--port", str(port)]
    server = start_process("chroma run", argv, folder / "chroma.log", port, env=env)
    server.wait_until(lambda: http_ok(f"http://127.0.0.1:{port}/api/v2/heartbeat"))
    yield ChromaServer(server, folder / "db")
    server.stop()
