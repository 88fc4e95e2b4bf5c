"""Chroma server mode: ingest, answers and a reindex through a real `chroma run` server (tests/servers.py).

The same code as the embedded mode, pointed at ASSISTANT_CHROMA_HOST/PORT: the vectors must live on the
server (no local Chroma files in the build), answers must cite passages retrieved from it, and a reindex
must put a new collection there that the reloaded assistant serves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant.ingest import current_build, run_ingest
from assistant.pipeline import build_assistant
from assistant.settings import PROJECT_ROOT, Settings
from assistant.vector_store import collection_name

pytestmark = pytest.mark.slow

# The paragraph is one line: how the answerer treats hard-wrapped lines is not what this test is about.
NEW_PAGE = (
    "# Hiring notes from the Lisbon meetup\n\n## Take-home assignments\n\n"
    "Teams at the Lisbon meetup said a take-home assignment for a machine learning engineer should take no "
    "more than four hours, and that candidates should be paid for anything longer.\n"
)


def test_ingest_answers_and_reindex_through_a_chroma_server(chroma_server, tmp_path: Path) -> None:  # noqa: ANN001
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    settings = Settings(
        data_dir=tmp_path / "data",
        corpus_dir=corpus,
        chroma_host=chroma_server.host,
        chroma_port=chroma_server.port,
        shared_state="memory",
    )
    server = chromadb.HttpClient(
        host=chroma_server.host, port=chroma_server.port, settings=ChromaSettings(anonymized_telemetry=False)
    )

    first = run_ingest(settings, progress=False)
    assert first.changed and first.chunks > 0
    build_id, build_dir = current_build(settings)  # type: ignore[misc]
    on_server = {c.name for c in server.list_collections()}
    assert collection_name(settings, build_id) in on_server
    assert server.get_collection(collection_name(settings, build_id)).count() == first.chunks
    assert not (build_dir / "chroma").exists(), "server mode keeps no local Chroma files"

    assistant = build_assistant(settings)
    try:
        reply = assistant.ask("What skills does an AI/ML expert need?")
        assert not reply.abstained and reply.citations, reply.answer
        statistic = assistant.ask("What was the median salary expectation in 2025?")
        assert "$5,808" in statistic.answer

        unknown = assistant.ask("How long should a take-home assignment take?")
        assert "four hours" not in unknown.answer

        (corpus / "hiring-notes.md").write_text(NEW_PAGE)
        second = run_ingest(settings, progress=False)
        assert second.changed and second.build_id != build_id and second.documents == first.documents + 1
        assert 0 < second.embedded < second.chunks, "unchanged chunks reuse the vectors stored on the server"
        assert server.get_collection(collection_name(settings, second.build_id)).count() == second.chunks

        assistant.reload()
        answered = assistant.ask("How long should a take-home assignment take?")
        assert "four hours" in answered.answer and not answered.abstained, answered.answer
        assert any(c.source.startswith("hiring-notes.md") for c in answered.citations)
    finally:
        assistant.close()


def test_pruned_builds_leave_the_chroma_server_too(chroma_server, tmp_path: Path) -> None:  # noqa: ANN001
    """Three ingests from separate processes (no lease outlives them): the oldest build beyond the newest two
    is pruned, and its collection is deleted from the server rather than left to pile up."""
    import os
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    settings = Settings(
        data_dir=tmp_path / "data", corpus_dir=corpus, chroma_host=chroma_server.host, chroma_port=chroma_server.port
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")} | {
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_CHROMA_HOST": chroma_server.host,
        "ASSISTANT_CHROMA_PORT": str(chroma_server.port),
    }
    assistant_command = Path(sys.executable).parent / "assistant"
    built = []
    for n in range(3):
        (corpus / "notes.md").write_text(f"# Notes\n\n## Round {n}\n\nRound {n} covers {n + 2} topics.\n")
        done = subprocess.run(
            [str(assistant_command), "ingest", "--quiet"], env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        # The pointer read as text: opening the build here would lease it to this (live) process.
        built.append(settings.current_pointer.read_text().strip())
    assert len(set(built)) == 3
    server = chromadb.HttpClient(
        host=chroma_server.host, port=chroma_server.port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    on_server = {c.name for c in server.list_collections()}
    assert collection_name(settings, built[0]) not in on_server, "the pruned build's collection was dropped"
    assert {collection_name(settings, b) for b in built[1:]} <= on_server
    assert not (settings.builds_dir / built[0]).exists()
