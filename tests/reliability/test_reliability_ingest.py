"""Issue 9 (builds, loading, repair) and issue 10 items 5-6 (concurrent and killed ingests), each reproduced
the way it was found: real `assistant` CLI processes, real `assistant serve` server processes, real files."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from servers import free_port

from assistant.builds import OWNER, TMP_PREFIX, named_build, read_manifest
from assistant.errors import BuildDamaged, IngestRunning
from assistant.ingest import run_ingest
from assistant.settings import Settings

pytestmark = pytest.mark.slow

ADMIN = {"Authorization": "Bearer admin-pw"}
READY_LIMIT_SECONDS = 120
NEW_PAGE = (
    "# Quantum salary hedge ratio\n\n"
    "The quantum salary hedge ratio is a made-up metric for this test: the share of an AI engineer's "
    "salary paid in quantum tokens. Every quantum salary hedge has the same ratio.\n"
)


def _env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_ADMIN_TOKEN": "admin-pw",
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], env=_env(settings), capture_output=True, text=True, timeout=600
    )


def start_cli(settings: Settings, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", *args],
        env=_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextmanager
def server_process(settings: Settings) -> Iterator[httpx.Client]:
    """`assistant serve` as its own process (as deployed); yields a client once loading is over."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--log-level", "warning"],
        env=_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        deadline = time.monotonic() + READY_LIMIT_SECONDS
        while True:
            assert process.poll() is None, f"the server died: {process.stderr.read() if process.stderr else ''}"
            assert time.monotonic() < deadline, "the server never became ready"
            try:
                probe = client.get("/readyz")
                if probe.status_code == 200 or (probe.status_code == 503 and "still loading" not in probe.text):
                    break  # loaded, or failed to load
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield client
    finally:
        client.close()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition: object, limit: float, step: float = 0.05) -> float:
    """Seconds until `condition()` is true; fails after `limit`."""
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        assert time.monotonic() - started < limit, f"not within {limit} s"
        time.sleep(step)
    return time.monotonic() - started


def served_build(client: httpx.Client) -> str | None:
    response = client.get("/readyz")
    return response.json()["fingerprints"]["index"] if response.status_code == 200 else None


def lock_holder(settings: Settings) -> int | None:
    try:
        return int(json.loads((settings.data_dir / "ingest.lock").read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return None


# -- issue 10 item 5: one ingest at a time, whoever started it -------------------------------------------


def test_concurrent_ingest_is_409_whoever_started_it(own_data: Settings) -> None:
    with server_process(own_data) as api:
        assert api.get("/readyz").status_code == 200
        running = start_cli(own_data, "ingest", "--force", "--quiet")
        try:
            wait_until(lambda: lock_holder(own_data) == running.pid, limit=120)
            through_api = api.post("/admin/reindex", headers=ADMIN)
            second_cli = cli(own_data, "ingest", "--quiet")
            with pytest.raises(IngestRunning) as in_process:
                run_ingest(own_data, progress=False)
        finally:
            out, err = running.communicate(timeout=600)
        assert running.returncode == 0, err

    assert through_api.status_code == 409, through_api.text
    assert through_api.json()["error"]["code"] == "ingest_running"
    assert f"pid {running.pid}" in through_api.json()["error"]["message"]  # the holder is named
    assert second_cli.returncode == 2 and "already running" in second_cli.stderr, second_cli.stderr
    assert in_process.value.status_code == 409 and f"pid {running.pid}" in in_process.value.message
    assert "index built" in out


# -- issue 10 item 6: a killed ingest's temporary folder goes with the next ingest -----------------------


def test_temp_folder_of_a_killed_ingest_is_removed_by_the_next(own_data: Settings) -> None:
    before = named_build(own_data)
    victim = start_cli(own_data, "ingest", "--force", "--quiet")
    wait_until(lambda: any((p / OWNER).exists() for p in own_data.builds_dir.glob(f"{TMP_PREFIX}*")), limit=120)
    victim.kill()  # kill -9 mid-ingest
    victim.wait()
    orphans = list(own_data.builds_dir.glob(f"{TMP_PREFIX}*"))
    assert orphans, "the killed ingest left no temporary folder to clean up"
    # A temp folder whose owner is alive on this host is work in progress: it stays.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    alive = own_data.builds_dir / f"{TMP_PREFIX}alive"
    alive.mkdir()
    (alive / OWNER).write_text(json.dumps({"pid": sleeper.pid, "host": socket.gethostname(), "started": 0}))
    try:
        report = run_ingest(own_data, progress=False)  # nothing changed: still cleans up
        assert not report.changed
        assert not any(p.exists() for p in orphans)
        assert alive.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    run_ingest(own_data, progress=False)
    assert not alive.exists()  # its owner is gone now, however young the folder
    assert named_build(own_data) == before


# -- issue 9 item 3: a damaged build is named, and an ingest repairs it ----------------------------------


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda build: _truncate(build / "stats.duckdb"), "stats.duckdb has"),
        (lambda build: (build / "sentences.npy").unlink(), "sentences.npy is missing"),
    ],
    ids=["truncated-duckdb", "missing-sentence-vectors"],
)
def test_damaged_build_is_named_and_ingest_rebuilds_it(own_data: Settings, damage: object, named: str) -> None:
    from assistant.pipeline import build_assistant

    build_id, build_dir = named_build(own_data)  # type: ignore[misc]
    damage(build_dir)  # type: ignore[operator]
    with pytest.raises(BuildDamaged, match=named):
        build_assistant(own_data)
    repaired = cli(own_data, "ingest", "--quiet")
    assert repaired.returncode == 0, repaired.stderr
    assert "index built" in repaired.stdout  # not "unchanged"
    assert named in repaired.stderr  # the log says what was wrong
    new_id, _ = named_build(own_data)  # type: ignore[misc]
    assert new_id != build_id and new_id.startswith(build_id)  # same content, a new folder
    assistant = build_assistant(own_data)
    try:
        assert "$5,808" in assistant.ask("What was the median salary expectation in 2025?").answer
    finally:
        assistant.close()


def _truncate(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def test_damaged_build_server_is_alive_not_ready_and_reindex_repairs(own_data: Settings) -> None:
    _, build_dir = named_build(own_data)  # type: ignore[misc]
    _truncate(build_dir / "stats.duckdb")
    with server_process(own_data) as api:
        live = api.get("/healthz")
        not_ready = api.get("/readyz")
        chat = api.post("/chat", json={"message": "What was the median salary expectation in 2025?"})
        reindex = api.post("/admin/reindex", headers=ADMIN)
        ready = api.get("/readyz")
        answer = api.post("/chat", json={"message": "What was the median salary expectation in 2025?"})

    assert live.status_code == 200
    assert not_ready.status_code == 503 and "stats.duckdb" in not_ready.text, not_ready.text
    assert chat.status_code == 503 and chat.json()["error"]["code"] == "index_not_ready"
    assert reindex.status_code == 200 and reindex.json()["changed"] is True, reindex.text
    assert ready.status_code == 200
    assert answer.status_code == 200 and "$5,808" in answer.json()["answer"]


def test_force_rebuilds_when_nothing_changed(own_data: Settings) -> None:
    before, _ = named_build(own_data)  # type: ignore[misc]
    unchanged = cli(own_data, "ingest", "--quiet")
    forced = cli(own_data, "ingest", "--force", "--quiet")
    assert "index unchanged" in unchanged.stdout
    assert forced.returncode == 0 and "index built" in forced.stdout, forced.stderr
    after, after_dir = named_build(own_data)  # type: ignore[misc]
    assert after != before
    manifest = read_manifest(after_dir)
    assert f"({manifest['chunks']} embedded)" in forced.stdout  # every vector made again, none reused


# -- issue 9 item 2: every server follows data/CURRENT; pruning never removes a build in use --------------


def test_cli_ingest_reaches_every_running_server(own_data: Settings) -> None:
    with server_process(own_data) as first, server_process(own_data) as second:
        old = served_build(first)
        assert old is not None and served_build(second) == old
        (own_data.corpus_dir / "quantum-hedge.md").write_text(NEW_PAGE, encoding="utf-8")
        ingest = start_cli(own_data, "ingest", "--quiet")
        try:
            wait_until(lambda: (named_build(own_data) or (old,))[0] != old, limit=300)
            new, _ = named_build(own_data)  # type: ignore[misc]
            pointer_changed = own_data.current_pointer.stat().st_mtime
            for client in (first, second):
                wait_until(lambda c=client: served_build(c) == new, limit=10)  # type: ignore[misc]
            # The figure: from the pointer's change to both servers answering with the new build.
            lag = time.time() - pointer_changed
            print(f"both servers served build {new} {lag:.2f} s after the pointer changed")
        finally:
            _, err = ingest.communicate(timeout=300)
        assert ingest.returncode == 0, err
        reply = second.post("/chat", json={"message": "What is the quantum salary hedge ratio?"}).json()

    assert new != old
    # The lag is a figure (printed above; the 2 s target is reported from it), not a timed assertion: on a
    # loaded CI machine a reload can take longer without anything being wrong. Both servers did switch.
    assert lag < 10, f"servers took {lag:.2f} s to serve the new build"
    assert any("quantum-hedge" in c["source"] for c in reply["citations"])


def test_pruning_never_removes_a_build_a_live_process_has_open(own_data: Settings) -> None:
    from assistant.pipeline import build_assistant

    holder = build_assistant(own_data)  # like `assistant chat`: opened build X and never reloads
    opened, opened_dir = named_build(own_data)  # type: ignore[misc]
    dead_lease_build = None
    try:
        with server_process(own_data) as api:
            statuses: list[int] = []
            for round_number in range(3):  # X -> three newer builds: X is no longer among the newest two
                (own_data.corpus_dir / f"note-{round_number}.md").write_text(
                    f"# Note {round_number}\n\nA short note number {round_number} about model evaluation.\n"
                )
                assert cli(own_data, "ingest", "--quiet").returncode == 0
                if round_number == 0:
                    dead_lease_build = named_build(own_data)
                for _ in range(10):
                    statuses.append(api.get("/readyz").status_code)
                    statuses.append(api.post("/chat", json={"message": "What is overfitting?"}).status_code)
            assert opened_dir.exists(), "a build held open by a live process was pruned"
            reply = holder.ask("What was the median salary expectation in 2025?")
        assert "$5,808" in reply.answer
        assert set(statuses) == {200}, statuses
    finally:
        holder.close()
    assert dead_lease_build is not None
    # The first new build was leased by the server process, now gone; the next ingest may prune it.
    (own_data.corpus_dir / "note-last.md").write_text("# Last note\n\nThe last note.\n")
    assert cli(own_data, "ingest", "--quiet").returncode == 0
    assert not dead_lease_build[1].exists()
    assert opened_dir.exists()  # still leased by this (live) test process
