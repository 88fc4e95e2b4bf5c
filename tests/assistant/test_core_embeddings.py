"""Query vectors (ONNX runtime) and document vectors (sentence-transformers) come from the same model."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import OnnxEmbeddings, find_onnx, torch_embeddings
from assistant.settings import Settings
from assistant.vector_store import open_store

pytestmark = pytest.mark.slow

SENTENCES = [
    "What was the median salary expectation in 2025?",
    "What is reinforcement learning?",
    "mid-career ML engineer salary in New York",
    "Overfitting is the flipside of underfitting.",
    "x",
    "A much longer passage " * 40,
]


def test_onnx_and_torch_agree(core_settings: Settings) -> None:
    onnx_file = find_onnx(core_settings.model_path, core_settings.onnx_dir)
    assert onnx_file is not None
    onnx = np.array(OnnxEmbeddings(onnx_file, core_settings.model_path).embed_documents(SENTENCES))
    torch = np.array(torch_embeddings(core_settings.model_path).embed_documents(SENTENCES))
    assert onnx.shape == torch.shape == (len(SENTENCES), 384)
    cosine = (onnx * torch).sum(axis=1)
    assert cosine.min() > 0.999, cosine


def test_stored_vectors_are_the_models_document_vectors(core_settings: Settings, real_assistant: object) -> None:
    from assistant.ingest import current_build

    build_id, build_dir = current_build(core_settings)  # type: ignore[misc]
    _, store = open_store(core_settings, build_dir, build_id, torch_embeddings(core_settings.model_path))
    got = store.get(limit=3, include=["embeddings", "documents", "metadatas"])
    model = torch_embeddings(core_settings.model_path)
    for text, meta, stored in zip(got["documents"], got["metadatas"], got["embeddings"], strict=True):
        expected = model.embed_documents([f"{meta['section']}\n{text}"])[0]
        assert float(np.dot(expected, stored)) > 0.9999


def test_ingest_embedder_gives_the_query_embedders_vectors(core_settings: Settings) -> None:
    """Documents (batched, sorted by length, every core) and queries (one at a time) share one model."""
    from assistant.embeddings import document_embeddings

    onnx_file = find_onnx(core_settings.model_path, core_settings.onnx_dir)
    assert onnx_file is not None
    documents = np.array(
        document_embeddings(core_settings.model_path, core_settings.onnx_dir).embed_documents(SENTENCES)
    )
    query_side = OnnxEmbeddings(onnx_file, core_settings.model_path)
    queries = np.array([query_side.embed_query(text) for text in SENTENCES])
    assert ((documents * queries).sum(axis=1) > 0.99999).all()
