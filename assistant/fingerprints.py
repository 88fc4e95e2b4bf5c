"""Cheap identities of the corpus and the model (hashlib only), so a no-change ingest decides in milliseconds."""

from __future__ import annotations

import hashlib
from pathlib import Path

CORPUS_SUFFIXES = (".md", ".txt")


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in Path(corpus_dir).iterdir()
        if p.suffix in CORPUS_SUFFIXES and p.is_file() and not p.name.lower().startswith("readme")
    )


def corpus_fingerprint(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_fingerprint(model_path: Path) -> str:
    """Identity of the weights: the configs and the safetensors file's size."""
    digest = hashlib.sha256()
    for name in ("config.json", "sentence_bert_config.json", "modules.json"):
        file = model_path / name
        if file.exists():
            digest.update(file.read_bytes())
    weights = model_path / "model.safetensors"
    if weights.exists():
        digest.update(str(weights.stat().st_size).encode())
    return digest.hexdigest()[:16]


def embedder_fingerprint(model_path: Path, precision: str = "fp32") -> str:
    """Identity of the vectors a build holds: the weights and the precision they ran at.

    Quantised weights give slightly different vectors (cosine ~0.99), so stored vectors are reused, and
    builds shared, only between embedders with the same fingerprint.
    """
    fingerprint = model_fingerprint(model_path)
    return fingerprint if precision == "fp32" else f"{fingerprint}-{precision}"
