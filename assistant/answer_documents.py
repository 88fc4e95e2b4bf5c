"""Documentation answers: find the passages and sentences that answer one question part, quote them, cite them.

The one entry point is `DocumentAnswerer.answer(query, kind, draft, context)`; it writes into the draft and
returns False (leaving the draft untouched) when the documents do not answer the part.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.draft import Draft
from assistant.models import PartKind
from assistant.retrieval import Passage, Retriever, SentenceIndex, best_sentences, terms

# A single sentence this close to the question brings its chunk in even when the chunk as a whole ranks low
# ("How many parameters do GPT-3 and BLOOM have?"); lower values let unrelated sentences in ("weather").
SENTENCE_MATCH = 0.6


class DocumentAnswerer:
    """Answers a documentation part from the retrieved passages (built once per loaded build)."""

    def __init__(self, retriever: Retriever, sentences: SentenceIndex, min_relevance: float) -> None:
        self._retriever = retriever
        self._sentences = sentences
        self._min_relevance = min_relevance

    def answer(self, query: str, kind: PartKind, draft: Draft, context: list[str] | None = None) -> bool:
        """Write the answer to `query` (a `kind` question; `context` = entities that sharpen the search)."""
        context_text = " ".join(context or []).replace("all", "")
        search_text = f"{query} {context_text}".strip()
        vector = self._retriever.embed(search_text)
        passages = self._retriever.search(search_text, vector=vector)
        # A chunk whose one sentence answers the question can rank low as a whole: add the chunks of the
        # best-matching sentences too (a dot product over the precomputed sentence vectors).
        by_sentence = self._sentences.best_chunks(vector, n=3)
        strong = {c: s for c, s in by_sentence.items() if s >= SENTENCE_MATCH}
        passages = [
            replace(p, score=max(p.score, round(strong[p.chunk_id], 4))) if p.chunk_id in strong else p
            for p in passages
        ]
        have = {p.chunk_id for p in passages}
        passages += self._retriever.fetch({c: s for c, s in strong.items() if c not in have})
        relevant = [p for p in passages if p.score >= self._min_relevance]
        if not relevant:
            return False
        chosen = best_sentences(query, relevant, vector, self._sentences, limit=3)
        if not chosen or not _shares_topic(query, chosen):
            return False
        draft.say(" ".join(f"{sentence} {draft.cite_passage(passage, sentence)}" for sentence, passage in chosen))
        return True


def _shares_topic(query: str, chosen: list[tuple[str, Passage]]) -> bool:
    wanted = set(terms(query))
    return any(wanted & (set(terms(sentence)) | set(terms(p.section))) for sentence, p in chosen)
