"""`assistant ingest`: corpus -> chunks -> Chroma, and corpus -> statistics -> DuckDB, as one atomic build.

Each build lives in data/builds/<build_id>/ (Chroma files, stats.duckdb, sentence vectors, a copy of the
corpus it was made from, manifest.json with checksums: see assistant/builds.py). data/CURRENT names the
serving build and is replaced atomically (os.replace) only after the new build is complete, so a failure
half-way leaves the previous build serving. A build's content id is a hash of the corpus, the model and the
chunking settings: a re-ingest with nothing changed does nothing, unless the current build fails its
checksums (then it is rebuilt) or `force` is given. A build folder is never overwritten: a rebuild of the
same content gets a new folder name, so processes serving the old one are not disturbed.

One ingest at a time per data dir, whoever starts it (CLI, API, another host on a shared folder): an
exclusive non-blocking flock on data/ingest.lock, else IngestRunning (409).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.builds import (
    LEASES,
    OWNER,
    TMP_PREFIX,
    file_checksums,
    named_build,
    owner_record,
    prune,
    read_manifest,
    remove_orphaned_temp_folders,
    verified_build,
    verify_build,
)
from assistant.errors import IngestError, IngestRunning
from assistant.fingerprints import corpus_fingerprint, embedder_fingerprint
from assistant.settings import Settings, force_offline

if TYPE_CHECKING:
    from assistant.chunking import Chunk

log = logging.getLogger(__name__)

# Heavy modules (chromadb, langchain, onnxruntime) are imported only when a build is really needed.

INDEX_FORMAT = "7"  # bump when the chunking, metadata, statistics schema or manifest changes


class IngestReport(BaseModel):
    changed: bool
    build_id: str
    chunks: int
    documents: int
    embedded: int  # chunks that needed the model (others reused from the previous build)
    seconds: float


def build_id_for(settings: Settings) -> str:
    parts = [
        INDEX_FORMAT,
        corpus_fingerprint(settings.corpus_dir),
        embedder_fingerprint(settings.model_path, settings.embedding_precision),
        str(settings.chunk_size),
        str(settings.chunk_overlap),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def current_build(settings: Settings) -> tuple[str, Path] | None:
    """The build data/CURRENT names, for a process about to serve it: verified against its manifest
    (BuildDamaged names what is wrong) and leased to this process, so no ingest prunes it while open."""
    found = verified_build(settings)
    if found is not None:
        LEASES.hold(found[1])
    return found


@contextmanager
def _ingest_lock(settings: Settings) -> Iterator[None]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # "a+": opening must not truncate what the holder wrote about itself before we know we hold the lock.
    with open(settings.data_dir / "ingest.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            raise IngestRunning(
                f"an ingest is already running on this data directory{_holder(handle.read())}; wait for it to finish"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(owner_record()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(text: str) -> str:
    try:
        owner = json.loads(text)
        started = time.strftime("%H:%M:%S UTC", time.gmtime(owner["started"]))
        return f" (pid {owner['pid']} on {owner['host']}, started {started})"
    except (ValueError, KeyError, TypeError):
        return ""


def _vectors_by_text(vectors: dict[str, list[float]]) -> object:
    """An Embeddings that hands LangChain's Chroma wrapper the vectors computed (or reused) per chunk text."""
    from langchain_core.embeddings import Embeddings

    class VectorsByText(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [vectors[t] for t in texts]

        def embed_query(self, text: str) -> list[float]:
            raise IngestError("the ingest embedder does not embed queries")

    return VectorsByText()


@dataclass
class Reusable:
    """Vectors of the serving build that this ingest may keep: same model, build verified whole."""

    chunks: dict[str, list[float]] = field(default_factory=dict)
    sentences: dict[tuple[str, str], list[float]] = field(default_factory=dict)


def _reusable(settings: Settings, found: tuple[str, Path] | None, chunk_ids: list[str]) -> Reusable:
    import numpy as np

    from assistant.vector_store import open_store

    if found is None:
        return Reusable()
    build_id, build_dir = found
    try:
        if read_manifest(build_dir).get("model_fingerprint") != embedder_fingerprint(
            settings.model_path, settings.embedding_precision
        ):
            return Reusable()  # another model's vectors are not this model's vectors
        _, store = open_store(settings, build_dir, build_id, _vectors_by_text({}))
        got = store.get(ids=chunk_ids, include=["embeddings"])
        chunks = {cid: list(vec) for cid, vec in zip(got["ids"], got["embeddings"], strict=True)}
        keys = json.loads((build_dir / "sentences.json").read_text())
        matrix = np.load(build_dir / "sentences.npy")
        sentences = {(k["chunk_id"], k["text"]): matrix[i].tolist() for i, k in enumerate(keys)}
    except Exception:  # noqa: BLE001 - an unreadable old build only costs us the reuse
        return Reusable()
    return Reusable(chunks=chunks, sentences=sentences)


def _embed(
    settings: Settings, chunks: list[Chunk], reuse: Reusable, tmp_dir: Path, progress: bool
) -> tuple[dict[str, list[float]], int]:
    """Chunk vectors (for Chroma) and sentence vectors (for picking answer sentences), reusing old ones."""
    import numpy as np
    from tqdm import tqdm

    from assistant.embeddings import document_embeddings
    from assistant.progress import show_progress
    from assistant.retrieval import split_sentences

    sentence_keys = [(c.chunk_id, s) for c in chunks for s in split_sentences(c.text)]
    missing = [c for c in chunks if c.chunk_id not in reuse.chunks]
    missing_sentences = [key for key in dict.fromkeys(sentence_keys) if key not in reuse.sentences]
    vectors = {c.text: reuse.chunks[c.chunk_id] for c in chunks if c.chunk_id in reuse.chunks}
    sentence_vectors = dict(reuse.sentences)
    jobs: list[tuple[str, Any]] = [(c.embedding_text, c) for c in missing] + [(k[1], k) for k in missing_sentences]
    if jobs:
        model = document_embeddings(settings.model_path, settings.onnx_dir, settings.embedding_precision)
        bar = tqdm(total=len(jobs), desc="embedding", unit="text", disable=not show_progress(progress))
        for start in range(0, len(jobs), 256):
            batch = jobs[start : start + 256]
            for (_, item), vector in zip(batch, model.embed_documents([t for t, _ in batch]), strict=True):
                if isinstance(item, tuple):
                    sentence_vectors[item] = vector
                else:
                    vectors[item.text] = vector
            bar.update(len(batch))
        bar.close()
    matrix = np.array([sentence_vectors[key] for key in sentence_keys], dtype=np.float32).reshape(-1, 384)
    np.save(tmp_dir / "sentences.npy", matrix)
    (tmp_dir / "sentences.json").write_text(json.dumps([{"chunk_id": c, "text": t} for c, t in sentence_keys]))
    return vectors, len(missing)


def _build(
    settings: Settings,
    content_id: str,
    build_id: str,
    tmp_dir: Path,
    reuse_from: tuple[str, Path] | None,
    progress: bool,
) -> tuple[int, int, int]:
    from assistant.chunking import chunk_documents
    from assistant.documents import load_corpus
    from assistant.statistics.conflicts import warn_conflicts
    from assistant.statistics.extract import load_source_docs
    from assistant.statistics.store import StatsStore
    from assistant.vector_store import collection_digest, open_store

    shutil.copytree(settings.corpus_dir, tmp_dir / "corpus", ignore=shutil.ignore_patterns(".*"))
    documents = load_corpus(tmp_dir / "corpus")
    if not documents:
        raise IngestError(f"no .md or .txt documents in {settings.corpus_dir}")
    chunks = chunk_documents(documents, settings.chunk_size, settings.chunk_overlap)
    StatsStore.build(tmp_dir / "stats.duckdb", load_source_docs(tmp_dir / "corpus"))
    warn_conflicts(tmp_dir / "stats.duckdb")  # one WARNING per figure the sources state differently
    reuse = _reusable(settings, reuse_from, [c.chunk_id for c in chunks])
    vectors, embedded = _embed(settings, chunks, reuse, tmp_dir, progress)
    _, store = open_store(settings, tmp_dir, build_id, _vectors_by_text(vectors), create=True)
    for start in range(0, len(chunks), 256):
        batch = chunks[start : start + 256]
        store.add_texts(
            texts=[c.text for c in batch],
            metadatas=[c.metadata() for c in batch],
            ids=[c.chunk_id for c in batch],
        )
    count, digest = collection_digest(settings, tmp_dir, build_id)
    manifest = {
        "build_id": build_id,
        "content_id": content_id,
        "index_format": INDEX_FORMAT,
        "corpus_fingerprint": corpus_fingerprint(settings.corpus_dir),
        "model": str(settings.model_path),
        "model_fingerprint": embedder_fingerprint(settings.model_path, settings.embedding_precision),
        "embedding_precision": settings.embedding_precision,
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "documents": [d.doc_id for d in documents],
        "chunks": len(chunks),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "vectors": {"count": count, "sha256": digest},
        "files": file_checksums(tmp_dir),
    }
    (tmp_dir / OWNER).unlink()
    (tmp_dir / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return len(chunks), len(documents), embedded


def _swap(settings: Settings, build_id: str, tmp_dir: Path) -> None:
    os.replace(tmp_dir, settings.builds_dir / build_id)  # a new name: never replaces a build in use
    pointer_tmp = settings.current_pointer.with_suffix(f".{uuid.uuid4().hex}.tmp")
    pointer_tmp.write_text(build_id + "\n")
    os.replace(pointer_tmp, settings.current_pointer)  # the one atomic step that changes what is served


def _new_build_id(settings: Settings, content_id: str) -> str:
    """The content id, or (rebuilding content that already has a folder: --force, a repair) a fresh variant."""
    if not (settings.builds_dir / content_id).exists():
        return content_id
    return f"{content_id}-{uuid.uuid4().hex[:6]}"


def run_ingest(settings: Settings, *, progress: bool = True, force: bool = False) -> IngestReport:
    """Build the index and statistics unless the current build already matches the corpus and is whole.

    `force` rebuilds everything (every vector embedded again) even when nothing changed."""
    force_offline()
    started = time.perf_counter()
    if not settings.corpus_dir.is_dir():
        raise IngestError(f"corpus folder {settings.corpus_dir} does not exist")
    content_id = build_id_for(settings)
    with _ingest_lock(settings):
        remove_orphaned_temp_folders(settings)
        found = named_build(settings)
        problems = verify_build(settings, *found, deep=False) if found is not None else []
        if problems:
            log.warning("the current build %s is damaged, rebuilding it: %s", found[0], "; ".join(problems))
        if found is not None and not problems and not force:
            manifest = read_manifest(found[1])
            if manifest.get("content_id") == content_id:
                return IngestReport(
                    changed=False,
                    build_id=found[0],
                    chunks=manifest["chunks"],
                    documents=len(manifest["documents"]),
                    embedded=0,
                    seconds=time.perf_counter() - started,
                )
        settings.builds_dir.mkdir(parents=True, exist_ok=True)
        build_id = _new_build_id(settings, content_id)
        tmp_dir = settings.builds_dir / f"{TMP_PREFIX}{uuid.uuid4().hex[:8]}"
        tmp_dir.mkdir()
        (tmp_dir / OWNER).write_text(json.dumps(owner_record()))  # lets the next ingest spot our debris
        reuse_from = None if (force or problems) else found
        try:
            chunks, documents, embedded = _build(settings, content_id, build_id, tmp_dir, reuse_from, progress)
            _swap(settings, build_id, tmp_dir)
        except IngestError:
            shutil.rmtree(tmp_dir, ignore_errors=True)
            raise
        except Exception as exc:
            shutil.rmtree(tmp_dir, ignore_errors=True)
            raise IngestError(f"ingest failed, the previous index keeps serving: {exc}") from exc
        prune(settings, build_id)
    return IngestReport(
        changed=True,
        build_id=build_id,
        chunks=chunks,
        documents=documents,
        embedded=embedded,
        seconds=time.perf_counter() - started,
    )
