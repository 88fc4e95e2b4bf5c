"""Chroma, always with our own embedding function: never Chroma's default (it downloads a model).

Embedded (local files per build) by default; a Chroma server when ASSISTANT_CHROMA_HOST is set. Both go
through LangChain's `Chroma` wrapper; the collection is created here first so that its persisted
configuration names our registered embedding function rather than Chroma's default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaVectors
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.builds import collection_name
from assistant.settings import Settings

EMBEDDING_FUNCTION_NAME = "ai-careers-minilm"


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma-side handle on our model; only used if someone queries Chroma by text directly."""

    def __init__(
        self, embeddings: Embeddings | None = None, model_path: str = "", onnx_dir: str = "", precision: str = "fp32"
    ) -> None:
        self._embeddings = embeddings
        self._model_path = model_path
        self._onnx_dir = onnx_dir
        self._precision = precision

    def __call__(self, input: Documents) -> ChromaVectors:  # noqa: A002 - Chroma's signature
        import numpy as np

        if self._embeddings is None:
            from assistant.embeddings import query_embeddings

            self._embeddings = query_embeddings(Path(self._model_path), Path(self._onnx_dir), "onnx", self._precision)
        return [np.asarray(v, dtype=np.float32) for v in self._embeddings.embed_documents(list(input))]

    @staticmethod
    def name() -> str:
        return EMBEDDING_FUNCTION_NAME

    def get_config(self) -> dict[str, Any]:
        return {"model_path": self._model_path, "onnx_dir": self._onnx_dir, "precision": self._precision}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        return MiniLMEmbeddingFunction(
            None, config.get("model_path", ""), config.get("onnx_dir", ""), config.get("precision", "fp32")
        )

    def is_legacy(self) -> bool:
        return False


def chroma_client(settings: Settings, build_dir: Path) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    return chromadb.PersistentClient(path=str(build_dir / "chroma"), settings=chroma_settings)


def open_store(
    settings: Settings, build_dir: Path, build_id: str, embeddings: Embeddings, create: bool = False
) -> tuple[chromadb.ClientAPI, Chroma]:
    client = chroma_client(settings, build_dir)
    name = collection_name(settings, build_id)
    if create:
        client.get_or_create_collection(
            name,
            embedding_function=MiniLMEmbeddingFunction(
                embeddings, str(settings.model_path), str(settings.onnx_dir), settings.embedding_precision
            ),
            configuration={"hnsw": {"space": "cosine"}},
        )
    store = Chroma(
        client=client,
        collection_name=name,
        embedding_function=embeddings,
        create_collection_if_not_exists=False,
    )
    return client, store


def collection_digest(settings: Settings, build_dir: Path, build_id: str) -> tuple[int, str]:
    """Count and sha256 of a build's stored vectors (by id). Chroma rewrites its own files whenever it opens
    them, so a build's chunk vectors are checked by content, not by file checksums."""
    import hashlib

    import numpy as np

    collection = chroma_client(settings, build_dir).get_collection(collection_name(settings, build_id))
    got = collection.get(include=["embeddings"])
    digest = hashlib.sha256()
    for chunk_id, vector in sorted(zip(got["ids"], got["embeddings"], strict=True), key=lambda pair: pair[0]):
        digest.update(chunk_id.encode())
        digest.update(np.asarray(vector, dtype=np.float32).tobytes())
    return len(got["ids"]), digest.hexdigest()


def drop_collection(settings: Settings, build_id: str) -> None:
    """Delete a pruned build's collection from the Chroma server (embedded builds go with their folder)."""
    if not settings.chroma_host:
        return
    client = chroma_client(settings, settings.builds_dir)
    try:
        client.delete_collection(collection_name(settings, build_id))
    except (NotFoundError, ValueError):  # already gone, or never made: nothing to free
        return
