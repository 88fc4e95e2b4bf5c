"""Documentation retrieval: one query embedding, one Chroma search, then the most relevant sentences."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "i",
        "you",
        "your",
        "we",
        "our",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "me",
        "my",
        "can",
        "could",
        "should",
        "would",
        "will",
        "may",
        "might",
        "must",
        "about",
        "into",
        "than",
        "then",
        "there",
        "here",
        "so",
        "such",
        "not",
        "no",
        "yes",
        "also",
        "tell",
        "explain",
        "describe",
        "give",
        "me",
        "please",
        "any",
        "some",
        "more",
        "most",
        "much",
        "many",
        "does",
        "mean",
        "means",
    ]
)


def terms(text: str) -> list[str]:
    """Lower-cased content words with a light plural/-ing trim, for lexical sentence scoring."""
    out = []
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS or len(word) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s", "e"):
            if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    text: str
    section: str
    title: str
    source: str  # first location, "file.md:12-14"
    locations: tuple[str, ...]
    titles: tuple[str, ...]
    score: float  # cosine similarity, 0-1


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for line in text.split("\n"):
        line = line.strip().lstrip("-•* ").strip()
        if line:
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return sentences


class Retriever:
    def __init__(self, store: Chroma, embeddings: Embeddings, top_k: int) -> None:
        self._store = store
        self._embeddings = embeddings
        self._top_k = top_k

    def embed(self, query: str) -> list[float]:
        return self._embeddings.embed_query(query)

    def search(self, query: str, k: int | None = None, vector: list[float] | None = None) -> list[Passage]:
        vector = vector if vector is not None else self.embed(query)
        hits = self._store.similarity_search_by_vector_with_relevance_scores(vector, k=k or self._top_k)
        # Chroma returns cosine distance; similarity = 1 - distance.
        return [_passage(doc, round(max(0.0, 1.0 - float(distance)), 4)) for doc, distance in hits]

    def fetch(self, scores: dict[str, float]) -> list[Passage]:
        """Passages by chunk id (found through their sentences), scored by their best sentence."""
        if not scores:
            return []
        docs = self._store.get_by_ids(list(scores))
        return [_passage(doc, round(scores[str(doc.id)], 4)) for doc in docs]


def _passage(doc: Any, score: float) -> Passage:
    meta = doc.metadata
    return Passage(
        chunk_id=str(doc.id),
        text=doc.page_content,
        section=str(meta.get("section", "")),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        locations=tuple(str(meta.get("locations", "")).split("|")),
        titles=tuple(str(meta.get("titles", "")).split("|")),
        score=score,
    )


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

    def best_chunks(self, query_vector: list[float], n: int = 5) -> dict[str, float]:
        """Chunks holding the n sentences most similar to the query (one sentence can carry a chunk)."""
        if not len(self._keys):
            return {}
        sims = self._matrix @ np.asarray(query_vector, dtype=np.float32)
        best: dict[str, float] = {}
        for i in np.argsort(-sims)[: n * 6]:
            if len(self._keys[int(i)]["text"].split()) < 5:
                continue  # a bare label ("Machine Learning Engineer") matches names, not questions
            chunk_id = self._keys[int(i)]["chunk_id"]
            best[chunk_id] = max(best.get(chunk_id, -1.0), float(sims[i]))
            if len(best) == n:
                break
        return best


def _is_bullet(line: str) -> bool:
    return line.lstrip().startswith(("-", "•", "*"))


def _list_lines(passage: Passage) -> list[str]:
    """The passage's bullet items if it is mostly a list (the career guide's sections are)."""
    lines = [ln for ln in passage.text.split("\n") if ln.strip()]
    bullets = [ln.lstrip("-•* ").strip() for ln in lines if _is_bullet(ln)]
    return bullets if len(bullets) >= 2 and len(bullets) >= 0.5 * len(lines) else []


def best_sentences(
    question: str,
    passages: list[Passage],
    query_vector: list[float] | None = None,
    index: SentenceIndex | None = None,
    limit: int = 3,
) -> list[tuple[str, Passage]]:
    """The passages' sentences closest to the question (embedding similarity plus shared words).

    Prose gives its best sentences in reading order. A list section (most of the career guide) gives
    the items around its best item, and a sentence that introduces a list brings the items with it.
    """
    wanted = set(terms(question))
    query = np.asarray(query_vector, dtype=np.float32) if query_vector is not None else None
    scored: list[tuple[float, int, int, str, Passage]] = []
    for rank, passage in enumerate(passages):
        stored = index.sentences(passage.chunk_id) if index is not None else []
        pairs = stored or [(text, None) for text in split_sentences(passage.text)]
        for order, (sentence, vector) in enumerate(pairs):
            sentence_terms = set(terms(sentence)) | set(terms(passage.section.split(" > ")[-1]))
            lexical = len(wanted & sentence_terms) / max(len(wanted), 1)
            semantic = float(np.dot(query, vector)) if query is not None and vector is not None else 0.0
            if semantic == 0.0 and lexical == 0.0:
                continue
            score = semantic + 0.3 * lexical + 0.15 * passage.score
            scored.append((score, -rank, -order, sentence, passage))
    if not scored:
        return []
    scored.sort(key=lambda item: item[0], reverse=True)
    best_score, _, _, best_sentence, best_passage = scored[0]
    items = _list_lines(best_passage)
    if items:
        at = next((i for i, item in enumerate(items) if item == best_sentence or best_sentence in item), 0)
        window = items[max(0, at - 1) : max(0, at - 1) + 6]
        heading = best_passage.section.split(" > ")[-1]
        return [(f"{heading}: " + "; ".join(w.rstrip(".") for w in window) + ".", best_passage)]
    chosen = [
        item
        for item in scored[: limit + 3]
        if len(item[3].split()) >= 4
        and item[0] >= best_score - (0.35 if item[4].chunk_id == best_passage.chunk_id else 0.2)
    ]
    chosen = chosen[:limit] or scored[:1]
    chosen.sort(key=lambda item: (-item[1], -item[2]))  # reading order: passage rank, then position
    return [(_with_list_items(sentence, passage), passage) for _, _, _, sentence, passage in chosen]


def _with_list_items(sentence: str, passage: Passage, most: int = 8) -> str:
    """'AI skills are now sought after in …, including:' + the items that follow it in the passage."""
    if not sentence.rstrip().endswith(":"):
        return sentence
    lines = [ln.strip() for ln in passage.text.split("\n")]
    for i, line in enumerate(lines):
        if line.lstrip("-•* ").strip() == sentence.strip() or line.endswith(sentence.strip()):
            items = []
            for follower in lines[i + 1 :]:
                if not _is_bullet(follower):
                    break
                items.append(follower.lstrip("-•* ").strip().rstrip("."))
                if len(items) == most:
                    break
            if items:
                return f"{sentence.rstrip()} " + "; ".join(items) + "."
    return sentence
