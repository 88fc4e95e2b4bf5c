"""Query vectors (ONNX runtime) and document vectors come from the same model, at the same precision."""

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
    onnx_file = find_onnx(core_settings.model_path, core_settings.onnx_dir, "fp32")
    assert onnx_file is not None
    onnx = np.array(OnnxEmbeddings(onnx_file, core_settings.model_path).embed_documents(SENTENCES))
    torch = np.array(torch_embeddings(core_settings.model_path).embed_documents(SENTENCES))
    assert onnx.shape == torch.shape == (len(SENTENCES), 384)
    cosine = (onnx * torch).sum(axis=1)
    assert cosine.min() > 0.999, cosine


def test_int8_weights_stay_close_to_fp32(core_settings: Settings) -> None:
    """The quantised export (the default) keeps the model's geometry: cosine >= 0.97 on every text, even 'x'."""
    fp32_file = find_onnx(core_settings.model_path, core_settings.onnx_dir, "fp32")
    int8_file = find_onnx(core_settings.model_path, core_settings.onnx_dir, "int8")
    assert fp32_file is not None and int8_file is not None and int8_file != fp32_file
    fp32 = np.array(OnnxEmbeddings(fp32_file, core_settings.model_path).embed_documents(SENTENCES))
    int8 = np.array(OnnxEmbeddings(int8_file, core_settings.model_path).embed_documents(SENTENCES))
    cosine = (fp32 * int8).sum(axis=1)
    assert cosine.min() > 0.97, cosine


def test_int8_ranks_the_corpus_as_fp32_does(core_settings: Settings, real_assistant: object) -> None:
    """What matters for answers: over the real chunks, int8 queries against int8 chunk vectors find the
    chunks that fp32 queries find against fp32 chunk vectors (the same best chunks, the top 5 mostly).
    The eval's dev split gave the same 220/227 at both precisions."""
    from assistant.ingest import current_build

    build_id, build_dir = current_build(core_settings)  # type: ignore[misc]
    _, store = open_store(core_settings, build_dir, build_id, torch_embeddings(core_settings.model_path))
    got = store.get(include=["documents", "metadatas"])
    texts = [f"{meta['section']}\n{text}" for text, meta in zip(got["documents"], got["metadatas"], strict=True)]
    questions = [
        "What is overfitting?",
        "which skills does an ML engineer need",
        "How is the median salary expectation calculated?",
        "career paths for AI specialists",
        "What does a data scientist do day to day?",
        "What are the challenges of deploying AI in a company?",
        "Which industries are hiring AI talent?",
        "supervised vs unsupervised learning",
    ]
    top1 = overlap = 0
    reference = np.zeros((0, 5))
    for precision in ("fp32", "int8"):
        onnx_file = find_onnx(core_settings.model_path, core_settings.onnx_dir, precision)
        assert onnx_file is not None
        model = OnnxEmbeddings(onnx_file, core_settings.model_path)
        scores = np.array(model.embed_documents(questions)) @ np.array(model.embed_documents(texts)).T
        ranked = np.argsort(-scores, axis=1)[:, :5]
        if precision == "fp32":
            reference = ranked
    for ours, theirs in zip(ranked, reference, strict=True):
        top1 += int(ours[0] in theirs[:3])  # near-ties may swap; the best chunk never drops out of the top
        overlap += len(set(ours) & set(theirs))
    print(f"int8 vs fp32: best chunk in fp32's top 3 for {top1}/{len(questions)}, top-5 overlap {overlap}/40")
    assert top1 == len(questions), (ranked, reference)
    assert overlap >= 0.8 * 5 * len(questions), overlap


def test_stored_vectors_are_the_models_document_vectors(core_settings: Settings, real_assistant: object) -> None:
    from assistant.embeddings import document_embeddings
    from assistant.ingest import current_build

    build_id, build_dir = current_build(core_settings)  # type: ignore[misc]
    _, store = open_store(core_settings, build_dir, build_id, torch_embeddings(core_settings.model_path))
    got = store.get(limit=3, include=["embeddings", "documents", "metadatas"])
    precision = core_settings.embedding_precision
    ingest_model = document_embeddings(core_settings.model_path, core_settings.onnx_dir, precision)
    reference = torch_embeddings(core_settings.model_path)  # the model itself, in sentence-transformers
    for text, meta, stored in zip(got["documents"], got["metadatas"], got["embeddings"], strict=True):
        embedding_text = f"{meta['section']}\n{text}"
        assert float(np.dot(ingest_model.embed_documents([embedding_text])[0], stored)) > 0.9999
        assert float(np.dot(reference.embed_documents([embedding_text])[0], stored)) > (
            0.999 if precision == "fp32" else 0.97
        )


@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_ingest_embedder_gives_the_query_embedders_vectors(core_settings: Settings, precision: str) -> None:
    """Documents (batched, sorted by length, every core) and queries (one at a time) share one model."""
    from assistant.embeddings import document_embeddings, query_embeddings

    documents = np.array(
        document_embeddings(core_settings.model_path, core_settings.onnx_dir, precision).embed_documents(SENTENCES)
    )
    query_side = query_embeddings(core_settings.model_path, core_settings.onnx_dir, "onnx", precision)
    queries = np.array([query_side.embed_query(text) for text in SENTENCES])
    assert ((documents * queries).sum(axis=1) > 0.99999).all()


def test_a_missing_export_is_made_where_it_is_needed(core_settings: Settings, tmp_path: object) -> None:
    """A server whose model cache is empty (its own container, no ingest ran there) exports the model itself:
    the same vectors as the ingest's export, at the asked precision."""
    from pathlib import Path

    from assistant.embeddings import onnx_model, query_embeddings

    empty = Path(str(tmp_path)) / "onnx"
    made = onnx_model(core_settings.model_path, empty, "int8")
    assert made.exists() and made.stem.endswith("-int8") and find_onnx(core_settings.model_path, empty) is not None
    fresh = np.array(query_embeddings(core_settings.model_path, empty, "onnx", "int8").embed_query(SENTENCES[0]))
    shipped = query_embeddings(core_settings.model_path, core_settings.onnx_dir, "onnx", "int8")
    assert float(fresh @ np.array(shipped.embed_query(SENTENCES[0]))) > 0.9999
