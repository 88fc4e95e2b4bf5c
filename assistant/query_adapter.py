"""A linear query adapter learned from the answered examples: W maps a question's vector nearer its answer's.

MiniLM puts a casual question ("what eats the most time?") far from the document sentence that answers it ("the
time-intensive nature of model training"): the question and the answer are written in different registers. The
answered examples (stats/answer_examples.yaml: questions, each with the sentence that answers it) say where the
answers lie: W (384x384, fitted from the identity, L2-pulled toward it) is chosen so that normalise(W q) of every
example question ranks its own sentence above the document's others (softmax over every sentence: InfoNCE).

Only a question compared with DOCUMENT text is adapted, and only to RANK it (the dense chunk search, the best
sentences, the unit score's semantic term): the gates that read a cosine against a threshold (min_relevance, a
sentence vouching for its chunk) keep the plain vector's, on which they were measured (adapted cosines run
~0.05-0.1 lower). A question compared with other questions (the answer examples, the planner's kinds, follow-up
forms) is never adapted: W moves questions toward answers, so two questions' similarity means nothing after it.

W is derived data: fitted at load (deterministic) from the examples and the build's sentence vectors, and cached in
the data dir under a key of both, so a new document or new examples refit it with no code change and nothing binary
is committed. No examples -> the identity (behaviour unchanged).

Off by default (Settings.query_adapter). On the held-out rank of the answering sentence it gains (MRR 0.58 -> 0.66
on sentences no training question had, scripts/query_adapter_proxy.py), but end to end (two-fold over the probe
files, 2026-11-24) one fold lost probes in every variant tried (fit on the shipped examples away from the fold's
questions: +15 -11 and +8 -10), and dev fell 243 -> 241/247 with the full fit: the answers already hold the
example's sentence 85-91% of the time without it (the nearest-example prior, BM25, headings), and re-ranking changes
which section, list or sentence answers about as often as it fixes one.

Second round (2026-11-24, fitted also on 325 hard paraphrases, questions sharing no content word with their
sentence): on such questions the answering chunk is already among the candidates 77% of the time, so the uses that
only add candidates ('candidates', 'union') change nearly nothing (doc2q3 half split: +0 -0 / +1 -1); the uses
that also score the units ('rank', 'blend', l2 0.03) gain there (+3 -2 / +5 -1, +2 -1 / +4 -1) but swap dev cases
(a unit the adapted score picks is then refused by the plain gates: "Is NLP an in-demand skill?") and answer one
more unanswerable probe.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# Softmax temperature of the fit: cosines of MiniLM lie in a narrow band (a question's best sentences 0.4-0.7),
# so a sharp softmax is needed for the loss to tell the answer from its neighbours.
TEMPERATURE = 0.05
L2 = 0.3  # pull toward the identity (squared distance, against the mean loss); proxy: 0.1-0.3 best on unseen sentences
MAX_ITERATIONS = 200
FORMAT = 1  # bump when the fit changes: cached matrices of an older fit are not reused


def _normalised(rows: np.ndarray) -> np.ndarray:
    return rows / np.clip(np.linalg.norm(rows, axis=-1, keepdims=True), 1e-12, None)


def fit_matrix(
    questions: np.ndarray,
    answers: np.ndarray,
    documents: np.ndarray,
    l2: float = L2,
    temperature: float = TEMPERATURE,
    iterations: int = MAX_ITERATIONS,
) -> np.ndarray:
    """W minimising the mean cross-entropy of each question's answer (`answers[i]`: its row of `documents`)
    among all `documents` rows, for normalise(W q) . d / temperature, plus l2 * ||W - I||^2 (full-batch L-BFGS
    from the identity: the same examples and sentences give the same W)."""
    from scipy.optimize import minimize  # only when a fit runs: the serving path needs numpy alone

    q = np.asarray(questions, dtype=np.float64)
    d = np.asarray(documents, dtype=np.float64)
    n, dim = q.shape
    target = np.zeros((n, d.shape[0]))
    target[np.arange(n), answers] = 1.0
    eye = np.eye(dim)

    def loss_and_grad(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(dim, dim)
        u = q @ w.T
        norm = np.linalg.norm(u, axis=1, keepdims=True)
        z = u / norm
        logits = z @ d.T / temperature
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(np.clip(p[np.arange(n), answers], 1e-300, None)))
        grad_z = (p - target) @ d / (temperature * n)
        # through the normalisation: the part of grad_z along z does not change z
        grad_u = (grad_z - np.sum(grad_z * z, axis=1, keepdims=True) * z) / norm
        delta = w - eye
        return float(loss + l2 * np.sum(delta * delta)), (grad_u.T @ q + 2 * l2 * delta).ravel()

    result = minimize(loss_and_grad, eye.ravel(), jac=True, method="L-BFGS-B", options={"maxiter": iterations})
    return result.x.reshape(dim, dim).astype(np.float32)


# Where the adapted vector is used (Settings.query_adapter_use):
# - "rank": it ranks the dense search, the best sentences and the unit score's semantic term (the first round's);
# - "candidates": it ranks the dense search and the best sentences only; the units are scored on the plain vector;
# - "union": the plain candidates stay as they are, and those the adapted vector finds besides (its dense search and
#   best sentences) join them after; every score and gate reads the plain vector. It adds recall without moving the
#   pick among the plain candidates;
# - "blend": as "rank", with the vector half-way between the plain and the adapted one (normalise(q + normalise(W q))).
USES = ("rank", "candidates", "union", "blend")
RANKING_USES = ("rank", "blend")  # the uses whose vector also scores the units (and reads acronyms)


@dataclass(frozen=True)
class QueryAdapter:
    """normalise(W q) for a question compared with document text; W None = the identity. `use`: where (USES)."""

    matrix: np.ndarray | None = None
    use: str = "rank"

    @classmethod
    def identity(cls) -> QueryAdapter:
        return cls(None)

    @property
    def adapting(self) -> bool:
        return self.matrix is not None

    def adapt(self, vector: list[float] | np.ndarray) -> np.ndarray:
        plain = np.asarray(vector, dtype=np.float32)
        if self.matrix is None:
            return plain
        adapted = _normalised(self.matrix @ plain)
        return _normalised(_normalised(plain) + adapted) if self.use == "blend" else adapted

    @classmethod
    def fitted(
        cls,
        questions: np.ndarray | None,
        quotes: tuple[str, ...],
        sentence_texts: list[str],
        sentence_matrix: np.ndarray,
        cache_dir: Path | None,
        use: str = "rank",
        l2: float = L2,
    ) -> QueryAdapter:
        """The adapter for these examples (their question vectors and answering sentences) and this build's sentences,
        read from `cache_dir` when fitted before; the identity when no example's sentence is in the build."""
        if questions is None or not len(quotes) or not len(sentence_texts):
            return cls.identity()
        row: dict[str, int] = {}
        for i, text in enumerate(sentence_texts):
            row.setdefault(text, i)
        pairs = [(i, row[quote]) for i, quote in enumerate(quotes) if quote in row]
        if not pairs:
            return cls.identity()
        unique = sorted(set(row.values()))  # a sentence written twice is one candidate, not two rivals
        position = {r: k for k, r in enumerate(unique)}
        documents = np.asarray(sentence_matrix, dtype=np.float32)[unique]
        asked = np.asarray(questions, dtype=np.float32)[[i for i, _ in pairs]]
        answers = np.array([position[r] for _, r in pairs])
        key = cache_key(asked, answers, documents, l2)
        path = cache_dir / f"query-adapter-{key}.npy" if cache_dir is not None else None
        if path is not None and path.exists():
            return cls(np.load(path), use)
        log.info("fitting the query adapter on %d answered examples, %d sentences", len(answers), len(documents))
        matrix = fit_matrix(asked, answers, documents, l2=l2)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{uuid.uuid4().hex}.tmp.npy")
            np.save(tmp, matrix)
            tmp.replace(path)  # atomic: concurrent starts never read half a file
        return cls(matrix, use)


def cache_key(questions: np.ndarray, answers: np.ndarray, documents: np.ndarray, l2: float = L2) -> str:
    """Names a fit by everything it depends on: the question vectors (so the examples and the model), which sentence
    answers each, the sentence vectors (the build), the fit's own settings."""
    digest = hashlib.sha256(f"{FORMAT}|{TEMPERATURE}|{l2}|{MAX_ITERATIONS}".encode())
    for part in (questions, answers, documents):
        digest.update(np.ascontiguousarray(part).tobytes())
    return digest.hexdigest()[:16]
