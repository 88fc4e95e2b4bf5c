"""`assistant ingest`: corpus -> chunks -> Chroma, and corpus -> statistics -> DuckDB, as one atomic build.

Each build lives in data/builds/<build_id>/ (Chroma files, stats.duckdb, a copy of the corpus it was made
from, manifest.json). data/CURRENT names the serving build and is replaced atomically (os.replace) only
after the new build is complete, so a failure half-way leaves the previous build serving. The build id is
a hash of the corpus, the model and the chunking settings: a re-ingest with nothing changed does nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from assistant.errors import IngestError
from assistant.fingerprints import corpus_fingerprint, model_fingerprint
from assistant.settings import Settings, force_offline

if TYPE_CHECKING:
    from assistant.chunking import Chunk

# Heavy modules (chromadb, langchain, torch) are imported only when a build is really needed, so that a
# re-ingest with nothing changed answers in a fraction of a second.

INDEX_FORMAT = "5"  # bump when the chunking, metadata or statistics schema changes
KEEP_BUILDS = 2


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
        model_fingerprint(settings.model_path),
        str(settings.chunk_size),
        str(settings.chunk_overlap),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def current_build(settings: Settings) -> tuple[str, Path] | None:
    pointer = settings.current_pointer
    if not pointer.exists():
        return None
    build_id = pointer.read_text().strip()
    build_dir = settings.builds_dir / build_id
    return (build_id, build_dir) if (build_dir / "manifest.json").exists() else None


@contextmanager
def _ingest_lock(settings: Settings) -> Iterator[None]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.data_dir / "ingest.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestError("another ingest is already running on this data directory") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _vectors_by_text(vectors: dict[str, list[float]]) -> object:
    """An Embeddings that hands LangChain's Chroma wrapper the vectors computed (or reused) per chunk text."""
    from langchain_core.embeddings import Embeddings

    class VectorsByText(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [vectors[t] for t in texts]

        def embed_query(self, text: str) -> list[float]:
            raise IngestError("the ingest embedder does not embed queries")

    return VectorsByText()


def _previous_vectors(settings: Settings, chunk_ids: list[str]) -> dict[str, list[float]]:
    from assistant.vector_store import open_store

    found = current_build(settings)
    if found is None:
        return {}
    build_id, build_dir = found
    try:
        _, store = open_store(settings, build_dir, build_id, _vectors_by_text({}))
        got = store.get(ids=chunk_ids, include=["embeddings"])
        return {cid: list(vec) for cid, vec in zip(got["ids"], got["embeddings"], strict=True)}
    except Exception:  # an unreadable old build only costs us the reuse
        return {}


def _previous_sentences(settings: Settings) -> dict[tuple[str, str], list[float]]:
    """Sentence vectors of the serving build, keyed by (chunk id, sentence), to reuse."""
    import numpy as np

    found = current_build(settings)
    if found is None or not (found[1] / "sentences.json").exists():
        return {}
    try:
        keys = json.loads((found[1] / "sentences.json").read_text())
        matrix = np.load(found[1] / "sentences.npy")
        return {(k["chunk_id"], k["text"]): matrix[i].tolist() for i, k in enumerate(keys)}
    except (OSError, ValueError, KeyError, IndexError):
        return {}


def _embed(
    settings: Settings, chunks: list[Chunk], reuse: dict[str, list[float]], tmp_dir: Path, progress: bool
) -> tuple[dict[str, list[float]], int]:
    """Chunk vectors (for Chroma) and sentence vectors (for picking answer sentences), reusing old ones."""
    import numpy as np
    from tqdm import tqdm

    from assistant.embeddings import export_onnx, find_onnx, torch_embeddings
    from assistant.progress import show_progress
    from assistant.retrieval import split_sentences

    old_sentences = _previous_sentences(settings)
    sentence_keys = [(c.chunk_id, s) for c in chunks for s in split_sentences(c.text)]
    missing = [c for c in chunks if c.chunk_id not in reuse]
    missing_sentences = [key for key in sentence_keys if key not in old_sentences]
    need_onnx = find_onnx(settings.model_path, settings.onnx_dir) is None
    vectors = {c.text: reuse[c.chunk_id] for c in chunks if c.chunk_id in reuse}
    sentence_vectors = dict(old_sentences)
    if missing or missing_sentences or need_onnx:
        model = torch_embeddings(settings.model_path)
        if need_onnx:
            export_onnx(model, settings.model_path, settings.onnx_dir)
        jobs = [(c.embedding_text, ("chunk", c)) for c in missing] + [
            (k[1], ("sentence", k)) for k in missing_sentences
        ]
        bar = tqdm(total=len(jobs), desc="embedding", unit="text", disable=not show_progress(progress))
        for start in range(0, len(jobs), 256):
            batch = jobs[start : start + 256]  # sentence-transformers sorts by length within a call
            for (_, (kind, item)), vector in zip(batch, model.embed_documents([t for t, _ in batch]), strict=True):
                if kind == "chunk":
                    vectors[item.text] = vector
                else:
                    sentence_vectors[item] = vector
            bar.update(len(batch))
        bar.close()
    matrix = np.array([sentence_vectors[key] for key in sentence_keys], dtype=np.float32).reshape(-1, 384)
    np.save(tmp_dir / "sentences.npy", matrix)
    (tmp_dir / "sentences.json").write_text(json.dumps([{"chunk_id": c, "text": t} for c, t in sentence_keys]))
    return vectors, len(missing)


def _build(settings: Settings, build_id: str, tmp_dir: Path, progress: bool) -> tuple[int, int, int]:
    from assistant.chunking import chunk_documents
    from assistant.documents import load_corpus
    from assistant.statistics.conflicts import warn_conflicts
    from assistant.statistics.extract import load_source_docs
    from assistant.statistics.store import StatsStore
    from assistant.vector_store import open_store

    shutil.copytree(settings.corpus_dir, tmp_dir / "corpus", ignore=shutil.ignore_patterns(".*"))
    documents = load_corpus(tmp_dir / "corpus")
    if not documents:
        raise IngestError(f"no .md or .txt documents in {settings.corpus_dir}")
    chunks = chunk_documents(documents, settings.chunk_size, settings.chunk_overlap)
    StatsStore.build(tmp_dir / "stats.duckdb", load_source_docs(tmp_dir / "corpus"))
    warn_conflicts(tmp_dir / "stats.duckdb")  # one WARNING per figure the sources state differently
    reuse = _previous_vectors(settings, [c.chunk_id for c in chunks])
    vectors, embedded = _embed(settings, chunks, reuse, tmp_dir, progress)
    _, store = open_store(settings, tmp_dir, build_id, _vectors_by_text(vectors), create=True)
    for start in range(0, len(chunks), 256):
        batch = chunks[start : start + 256]
        store.add_texts(
            texts=[c.text for c in batch],
            metadatas=[c.metadata() for c in batch],
            ids=[c.chunk_id for c in batch],
        )
    manifest = {
        "build_id": build_id,
        "index_format": INDEX_FORMAT,
        "corpus_fingerprint": corpus_fingerprint(settings.corpus_dir),
        "model": str(settings.model_path),
        "model_fingerprint": model_fingerprint(settings.model_path),
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "documents": [d.doc_id for d in documents],
        "chunks": len(chunks),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (tmp_dir / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return len(chunks), len(documents), embedded


def _swap(settings: Settings, build_id: str, tmp_dir: Path) -> None:
    final = settings.builds_dir / build_id
    if final.exists():
        shutil.rmtree(final)
    os.replace(tmp_dir, final)
    pointer_tmp = settings.current_pointer.with_suffix(f".{uuid.uuid4().hex}.tmp")
    pointer_tmp.write_text(build_id + "\n")
    os.replace(pointer_tmp, settings.current_pointer)  # the one atomic step that changes what is served


def _prune(settings: Settings, keep: str) -> None:
    builds = sorted(
        (p for p in settings.builds_dir.iterdir() if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    kept = 0
    for path in builds:
        if path.name.startswith(".tmp-"):
            if time.time() - path.stat().st_mtime > 3600:
                shutil.rmtree(path, ignore_errors=True)  # debris of a crashed ingest
            continue
        if path.name == keep or kept < KEEP_BUILDS:
            kept += 1
            continue
        shutil.rmtree(path, ignore_errors=True)


def run_ingest(settings: Settings, *, progress: bool = True) -> IngestReport:
    """Build the index and statistics unless the current build already matches the corpus."""
    force_offline()
    started = time.perf_counter()
    if not settings.corpus_dir.is_dir():
        raise IngestError(f"corpus folder {settings.corpus_dir} does not exist")
    build_id = build_id_for(settings)
    with _ingest_lock(settings):
        found = current_build(settings)
        if found is not None and found[0] == build_id:
            manifest = json.loads((found[1] / "manifest.json").read_text())
            return IngestReport(
                changed=False,
                build_id=build_id,
                chunks=manifest["chunks"],
                documents=len(manifest["documents"]),
                embedded=0,
                seconds=time.perf_counter() - started,
            )
        settings.builds_dir.mkdir(parents=True, exist_ok=True)
        tmp_dir = settings.builds_dir / f".tmp-{uuid.uuid4().hex[:8]}"
        tmp_dir.mkdir()
        try:
            chunks, documents, embedded = _build(settings, build_id, tmp_dir, progress)
            _swap(settings, build_id, tmp_dir)
        except IngestError:
            shutil.rmtree(tmp_dir, ignore_errors=True)
            raise
        except Exception as exc:
            shutil.rmtree(tmp_dir, ignore_errors=True)
            raise IngestError(f"ingest failed, the previous index keeps serving: {exc}") from exc
        _prune(settings, build_id)
    return IngestReport(
        changed=True,
        build_id=build_id,
        chunks=chunks,
        documents=documents,
        embedded=embedded,
        seconds=time.perf_counter() - started,
    )
