"""Documentation retrieval: one query embedding, one Chroma search, then the most relevant sentences."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

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
        for suffix in ("ing", "es", "s"):
            if len(word) > 5 and word.endswith(suffix):
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
        passages = []
        for doc, distance in hits:
            meta = doc.metadata
            passages.append(
                Passage(
                    chunk_id=str(doc.id),
                    text=doc.page_content,
                    section=str(meta.get("section", "")),
                    title=str(meta.get("title", "")),
                    source=str(meta.get("source", "")),
                    locations=tuple(str(meta.get("locations", "")).split("|")),
                    titles=tuple(str(meta.get("titles", "")).split("|")),
                    score=round(max(0.0, 1.0 - float(distance)), 4),  # cosine distance -> similarity
                )
            )
        return passages


def best_sentences(question: str, passages: list[Passage], limit: int = 3) -> list[tuple[str, Passage]]:
    """Sentences that share the question's content words, weighted by their passage's similarity."""
    wanted = terms(question)
    if not wanted or not passages:
        return [(s, passages[0]) for s in split_sentences(passages[0].text)[:limit]] if passages else []
    all_sentences = [(s, p) for p in passages for s in split_sentences(p.text)]
    doc_freq: dict[str, int] = {}
    for sentence, _ in all_sentences:
        for term in set(terms(sentence)):
            doc_freq[term] = doc_freq.get(term, 0) + 1
    total = max(len(all_sentences), 1)
    scored: list[tuple[float, int, str, Passage]] = []
    for order, (sentence, passage) in enumerate(all_sentences):
        sentence_terms = set(terms(sentence))
        heading_terms = set(terms(passage.section))
        overlap = sum(math.log(1 + total / doc_freq.get(t, 1)) for t in set(wanted) if t in sentence_terms)
        heading = sum(0.5 for t in set(wanted) if t in heading_terms)
        if overlap == 0 and heading == 0:
            continue
        scored.append((overlap * (0.5 + passage.score) + heading * passage.score, -order, sentence, passage))
    scored.sort(reverse=True)
    # Only sentences nearly as relevant as the best one: a weak third sentence dilutes the answer.
    chosen = [item for item in scored[:limit] if item[0] >= 0.5 * scored[0][0]] if scored else []
    chosen.sort(key=lambda item: -item[1])  # keep reading order
    return [(sentence, passage) for _, _, sentence, passage in chosen]
