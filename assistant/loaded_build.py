"""One build opened for serving: its documents, DuckDB statistics, Chroma search and the answerers over them.

`open_build` is what `Assistant.reload` swaps in; everything here belongs to one build and is closed with it,
while what does not depend on the build (the model, the example questions, the weights) is loaded once per process
and passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.answer_documents import DocumentAnswerer
from assistant.answer_examples import AnswerExamples
from assistant.answer_statistics import StatisticsAnswerer
from assistant.documents import Document, load_corpus
from assistant.embeddings import CachedQueryEmbeddings
from assistant.query_adapter import QueryAdapter
from assistant.retrieval import Retriever
from assistant.scoring_weights import ScoringWeights
from assistant.sentence_index import SentenceIndex
from assistant.settings import Settings
from assistant.statistics.store import StatsStore
from assistant.statistics.tools import StatsTools
from assistant.understanding import Vocabulary
from assistant.vector_store import open_store


@dataclass
class LoadedBuild:
    build_id: str
    build_dir: Path
    documents: dict[str, Document]
    stats: StatsStore
    tools: StatsTools
    answerer: StatisticsAnswerer
    retriever: Retriever
    sentences: SentenceIndex
    vocabulary: Vocabulary
    document_answerer: DocumentAnswerer


def open_build(
    settings: Settings,
    build_id: str,
    build_dir: Path,
    *,
    embeddings: CachedQueryEmbeddings,
    examples: AnswerExamples,
    weights: ScoringWeights,
    known_words: set[str],
    dictionary: set[str],
) -> LoadedBuild:
    """Open a build's documents, statistics and vector store, and the answerers that read them."""
    documents = {d.doc_id: d for d in load_corpus(build_dir / "corpus")}
    stats = StatsStore.open(build_dir / "stats.duckdb")
    tools = StatsTools(stats)
    _, chroma = open_store(settings, build_dir, build_id, embeddings)
    words = {w.lower() for d in documents.values() for line in d.lines for w in re.findall(r"[A-Za-z]+", line)}
    sentences = SentenceIndex.load(build_dir)
    adapter = _query_adapter(settings, sentences, examples, embeddings)
    retriever = Retriever(chroma, embeddings, settings.top_k, adapter)
    answerer = StatisticsAnswerer(tools, stats)
    coverage = answerer.coverage()  # build metadata: computed once, before the build serves
    return LoadedBuild(
        build_id=build_id,
        build_dir=build_dir,
        documents=documents,
        stats=stats,
        tools=tools,
        answerer=answerer,
        retriever=retriever,
        sentences=sentences,
        vocabulary=Vocabulary(words | known_words, _names(coverage), dictionary),
        document_answerer=DocumentAnswerer(
            retriever, sentences, settings.min_relevance, examples=examples, weights=weights
        ),
    )


def _query_adapter(
    settings: Settings, sentences: SentenceIndex, examples: AnswerExamples, embeddings: CachedQueryEmbeddings
) -> QueryAdapter:
    """The query adapter for this build's sentences and the answer examples (fitted once, then a file read)."""
    if not settings.query_adapter:
        return QueryAdapter.identity()
    if settings.query_adapter_examples is not None:
        examples = AnswerExamples.load(
            settings.query_adapter_examples, embeddings, settings.model_cache_dir / "planner"
        )
    return QueryAdapter.fitted(
        examples.matrix,
        examples.quotes,
        sentences.texts(),
        sentences.matrix(),
        settings.data_dir / "adapters",
        settings.query_adapter_use,
        settings.query_adapter_l2,
    )


def _names(coverage: dict[str, Any]) -> dict[str, list[str]]:
    """The roles, levels and cities the statistics hold: understood by name with no synonym entry."""
    cities = [*coverage.get("cities_with_figures", []), *coverage.get("cities_mentioned", [])]
    return {
        "roles": list(coverage.get("roles", [])),
        "levels": list(coverage.get("levels", [])),
        "cities": list(dict.fromkeys(cities)),
    }
