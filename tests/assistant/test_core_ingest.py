"""Ingest over the real corpus: no-change re-ingest, atomic swap on failure, drop-in documents, dedup,
vector reuse only for the same model, no torch on the ingest path, the lock, leases."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.ingest import current_build, run_ingest
from assistant.pipeline import build_assistant
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow


def test_reingest_with_nothing_changed_does_nothing(own_data: Settings) -> None:
    before = current_build(own_data)
    report = run_ingest(own_data, progress=False)
    assert not report.changed and report.embedded == 0
    assert current_build(own_data) == before


def test_chunk_ids_are_stable_content_hashes(own_data: Settings) -> None:
    from assistant.chunking import chunk_documents
    from assistant.documents import load_corpus

    docs = load_corpus(own_data.corpus_dir)
    first = [c.chunk_id for c in chunk_documents(docs, own_data.chunk_size, own_data.chunk_overlap)]
    again = [c.chunk_id for c in chunk_documents(docs, own_data.chunk_size, own_data.chunk_overlap)]
    assert first == again and len(set(first)) == len(first)


def test_shared_explainer_is_indexed_once_knowing_both_pages(own_data: Settings) -> None:
    from assistant.chunking import chunk_documents
    from assistant.documents import load_corpus

    chunks = chunk_documents(load_corpus(own_data.corpus_dir), own_data.chunk_size, own_data.chunk_overlap)
    rl = [c for c in chunks if "Reinforcement Learning" in c.section]
    assert rl and all(
        {loc.doc_id for loc in c.locations} == {"ai-ml-developer-salary-2024.md", "ai-ml-developer-salary-2025.md"}
        for c in rl
    )
    headline = [c for c in chunks if "Median Salary Expectations" in c.text]
    assert len(headline) == 2  # different figures: never merged


def test_failed_ingest_leaves_the_previous_index_serving(own_data: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    assistant = build_assistant(own_data)
    before = current_build(own_data)
    (own_data.corpus_dir / "new-notes.md").write_text("# Notes\n\nAutoML tools are covered here too.\n")

    def broken_build(*_: object, **__: object) -> None:
        raise OSError("disk full (simulated half-way through the statistics build)")

    monkeypatch.setattr("assistant.statistics.store.StatsStore.build", broken_build)
    with pytest.raises(IngestError, match="previous index keeps serving"):
        run_ingest(own_data, progress=False)
    assert current_build(own_data) == before
    assert not [p for p in own_data.builds_dir.iterdir() if p.name.startswith(".tmp-")]
    assistant.reload()
    assert "$5,808" in assistant.ask("median salary expectation 2025").answer
    assistant.close()


def test_a_new_document_is_picked_up_and_only_it_is_embedded(own_data: Settings) -> None:
    page = (own_data.corpus_dir / "ai-ml-developer-salary-2025.md").read_text()
    page = (
        page.replace("2025", "2026")
        .replace("\n59\n", "\n61\n")
        .replace("$5,808", "$6,120")
        .replace("Proposals:\n1\n", "Proposals:\n2\n")
    )
    (own_data.corpus_dir / "ai-ml-developer-salary-2026.md").write_text(page)
    report = run_ingest(own_data, progress=False)
    assert report.changed and report.documents == 4
    assert 0 < report.embedded < report.chunks  # unchanged chunks reuse the previous build's vectors
    manifest = json.loads((own_data.builds_dir / report.build_id / "manifest.json").read_text())
    assert "ai-ml-developer-salary-2026.md" in manifest["documents"]
    assistant = build_assistant(own_data)
    reply = assistant.ask("What was the median salary expectation in 2026?")
    assert "$6,120" in reply.answer and "61" in reply.answer and not reply.abstained
    change = assistant.ask("How did the median change from 2025 to 2026?")
    assert "+$312" in change.answer and "+5.4%" in change.answer
    assistant.close()


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="does not exist"):
        run_ingest(Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "nope"), progress=False)


def test_empty_corpus_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="no .md or .txt"):
        run_ingest(Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "empty"), progress=False)


def test_vectors_are_reused_only_from_a_build_of_the_same_model(own_data: Settings) -> None:
    build_id, build_dir = current_build(own_data)  # type: ignore[misc]
    manifest = json.loads((build_dir / "manifest.json").read_text())
    manifest["model_fingerprint"] = "another-model"  # as if the build came from other weights
    (build_dir / "manifest.json").write_text(json.dumps(manifest))
    (own_data.corpus_dir / "new-notes.md").write_text("# Notes\n\nAutoML tools are covered here too.\n")
    report = run_ingest(own_data, progress=False)
    assert report.changed and report.embedded == report.chunks


def test_ingest_does_not_import_torch(own_data: Settings) -> None:
    """The 7-12 s torch import is what made ingest slow: documents go through ONNX like queries."""
    script = (
        "import sys\n"
        "from assistant.ingest import run_ingest\n"
        "from assistant.settings import Settings\n"
        "report = run_ingest(Settings(), progress=False, force=True)\n"
        "print(report.embedded, report.chunks, 'torch' in sys.modules)\n"
    )
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(own_data.data_dir), "ASSISTANT_CORPUS_DIR": str(own_data.corpus_dir)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    embedded, chunks, torch_imported = done.stdout.split()
    assert embedded == chunks and torch_imported == "False"


def test_an_ingest_holding_the_lock_makes_another_409(own_data: Settings) -> None:
    from assistant.errors import IngestRunning
    from assistant.ingest import _ingest_lock

    with _ingest_lock(own_data), pytest.raises(IngestRunning, match=f"pid {os.getpid()}") as error:
        run_ingest(own_data, progress=False)
    assert error.value.status_code == 409 and error.value.code == "ingest_running"
    assert not run_ingest(own_data, progress=False).changed  # released afterwards


def test_leases_of_gone_processes_do_not_keep_builds(tmp_path: Path) -> None:
    from assistant.builds import HOST, LEASE_TTL_SECONDS, in_use

    build = tmp_path / "build"
    (build / "leases").mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (build / "leases" / f"{dead.pid}@{HOST}").write_text("0")
    stale = build / "leases" / "123@another-host"
    stale.write_text("0")
    os.utime(stale, (time.time() - LEASE_TTL_SECONDS - 5,) * 2)
    assert not in_use(build)
    assert not any((build / "leases").iterdir())  # stale leases are cleared on the way
    (build / "leases" / "123@another-host").write_text("0")  # refreshed just now on another host
    assert in_use(build)
    (build / "leases" / "123@another-host").unlink()
    (build / "leases" / f"{os.getpid()}@{HOST}").write_text("0")
    assert in_use(build)


@pytest.mark.parametrize("damaged", ["vector-index", "chroma-database"])
def test_a_no_change_ingest_rebuilds_a_damaged_chroma_build(own_data: Settings, damaged: str) -> None:
    """The quick check of the no-change path (no chromadb import) still sees Chroma's files broken."""
    build_id, build_dir = current_build(own_data)  # type: ignore[misc]
    if damaged == "vector-index":
        next((build_dir / "chroma").glob("*/data_level0.bin")).unlink()
    else:
        database = build_dir / "chroma" / "chroma.sqlite3"
        database.write_bytes(database.read_bytes()[: 64 * 1024])
    report = run_ingest(own_data, progress=False)
    assert report.changed and report.build_id != build_id
    assert "$5,808" in _ask_once(own_data, "What was the median salary expectation in 2025?")


def _ask_once(settings: Settings, question: str) -> str:
    assistant = build_assistant(settings)
    try:
        return assistant.ask(question).answer
    finally:
        assistant.close()


def test_pruning_on_a_chroma_server_drops_old_collections_but_not_leased_ones(
    chroma_server: object, tmp_path: Path
) -> None:
    """Server mode: a pruned build's collection leaves the server too; a build open in a live process stays."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.builds import LEASES
    from assistant.vector_store import collection_name

    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    settings = Settings(
        data_dir=tmp_path / "data",
        corpus_dir=corpus,
        chroma_host=chroma_server.host,  # type: ignore[attr-defined]
        chroma_port=chroma_server.port,  # type: ignore[attr-defined]
    )
    server = chromadb.HttpClient(
        host=settings.chroma_host, port=settings.chroma_port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    builds = []
    for number in range(4):
        (corpus / f"note-{number}.md").write_text(f"# Note {number}\n\nA note number {number} about MLOps.\n")
        builds.append(run_ingest(settings, progress=False).build_id)
        if number == 0:
            LEASES.hold(settings.builds_dir / builds[0])  # as a process serving the first build would
    on_server = {c.name for c in server.list_collections()}
    assert collection_name(settings, builds[0]) in on_server  # leased: kept, folder and collection
    assert collection_name(settings, builds[1]) not in on_server  # neither leased nor among the newest two
    assert not (settings.builds_dir / builds[1]).exists()
    assert {collection_name(settings, b) for b in builds[2:]} <= on_server
