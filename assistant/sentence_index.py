"""Precomputed sentence vectors per chunk (written by ingest): the answer composer's sentence choice, the refusal
checks' "how near is the unit's own sentence" and the sentence ranking of the hybrid search all read them here, at
the cost of a dot product."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class SentenceIndex:
    """Precomputed sentence vectors per chunk (from ingest), so choosing answer sentences costs a dot product."""

    def __init__(self, keys: list[dict[str, str]], matrix: np.ndarray) -> None:
        self._keys = keys
        self._matrix = matrix.astype(np.float32)
        self._by_chunk: dict[str, list[tuple[str, np.ndarray]]] = {}
        for key, vector in zip(keys, matrix, strict=True):
            self._by_chunk.setdefault(key["chunk_id"], []).append((key["text"], vector))

    @classmethod
    def load(cls, build_dir: Path) -> SentenceIndex:
        keys_file, matrix_file = build_dir / "sentences.json", build_dir / "sentences.npy"
        if not keys_file.exists():
            return cls([], np.zeros((0, 384), dtype=np.float32))
        return cls(json.loads(keys_file.read_text()), np.load(matrix_file))

    def sentences(self, chunk_id: str) -> list[tuple[str, np.ndarray]]:
        return self._by_chunk.get(chunk_id, [])

    def chunk_ids(self) -> list[str]:
        return list(self._by_chunk)

    def texts(self) -> list[str]:
        """Every sentence's text, in the order of matrix() (the query adapter's candidates)."""
        return [key["text"] for key in self._keys]

    def matrix(self) -> np.ndarray:
        return self._matrix

    def nearest(self, query_vector: list[float], n: int = 3) -> list[str]:
        """The n sentences most similar to the query, best first."""
        if not len(self._keys):
            return []
        sims = self._matrix @ np.asarray(query_vector, dtype=np.float32)
        return [self._keys[int(i)]["text"] for i in np.argsort(-sims)[:n]]

    def closest(self, query_vector: list[float]) -> float:
        """The similarity of the sentence (or bare label: "Life sciences") most similar to the vector."""
        if not len(self._keys):
            return 0.0
        return float((self._matrix @ np.asarray(query_vector, dtype=np.float32)).max())

    def best_chunks(
        self, query_vector: list[float], n: int = 5, rank_by: list[float] | None = None
    ) -> dict[str, float]:
        """Chunks holding the n sentences most similar to the query (one sentence can carry a chunk), each with its
        best sentence's cosine; `rank_by`: another vector of the query that chooses them (the query adapter's)."""
        if not len(self._keys):
            return {}
        sims = self._matrix @ np.asarray(query_vector, dtype=np.float32)
        ranking = sims if rank_by is None else self._matrix @ np.asarray(rank_by, dtype=np.float32)
        best: dict[str, float] = {}
        for i in np.argsort(-ranking)[: n * 6]:
            if len(self._keys[int(i)]["text"].split()) < 5:
                continue  # a bare label ("Machine Learning Engineer") matches names, not questions
            chunk_id = self._keys[int(i)]["chunk_id"]
            best[chunk_id] = max(best.get(chunk_id, -1.0), float(sims[i]))
            if len(best) == n:
                break
        return best
