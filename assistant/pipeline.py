"""The one pipeline every front end calls: `build_assistant(settings).ask(message, session_id)`.

Wiring, top to bottom (see `build_assistant`):
  current build (data/CURRENT) -> documents copy, Chroma collection, DuckDB statistics
  query embeddings (ONNX, cached) -> Retriever;  StatsTools -> StatisticsAnswerer
  ask(): validate -> understand (+ inherit from the session) -> route -> tools and/or retrieval
         -> compose with numbered citations -> numeric grounding check -> Reply
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.answer_documents import DocumentAnswerer
from assistant.answer_statistics import StatisticsAnswerer
from assistant.documents import Document, load_corpus
from assistant.draft import Draft
from assistant.embeddings import CachedQueryEmbeddings, query_embeddings
from assistant.errors import EmptyMessage, IndexNotReady, InvalidInput, MessageTooLong
from assistant.fingerprints import corpus_fingerprint, model_fingerprint
from assistant.grounding import evidence_numbers, ungrounded_numbers
from assistant.ingest import current_build
from assistant.llm import AnswerWriter, checked_rewrite, writer_from_settings
from assistant.models import Citation, Reply, Route, ToolCall
from assistant.retrieval import Retriever, SentenceIndex
from assistant.sessions import SessionState, SessionStore, Turn, new_session_id
from assistant.settings import Settings, force_offline
from assistant.shared_state import open_session_store
from assistant.statistics.store import StatsStore
from assistant.statistics.tools import StatsTools
from assistant.understanding import Slots, Vocabulary, inherit, understand
from assistant.vector_store import open_store

log = logging.getLogger(__name__)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_QUESTION_START = re.compile(r"\s*(?:what|which|how|why|who|where|is|are|do|does|can|should)\b", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(
    r"\?\s+|;\s*|,?\s+and\s+(?=(?:what|how|which|why|who|where|when|is|are|do|does|"
    r"can|should|tell|explain|describe)\b)",
    re.IGNORECASE,
)


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


@dataclass(frozen=True)
class Composed:
    """A composed, checked reply, independent of the session it was asked in."""

    route: Route
    answer: str
    abstained: bool
    citations: list[Citation]
    tool_calls: list[ToolCall]
    years: list[int]
    slots: dict[str, Any]


class ReplyCache:
    """Thread-safe LRU of composed replies; one per loaded build (a reload starts a fresh one)."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._items: OrderedDict[tuple[Any, ...], Composed] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Composed | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: Composed) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Assistant:
    """Thread-safe: the build is swapped under a lock on reload; each ask works on one consistent build."""

    def __init__(
        self, settings: Settings, sessions: SessionStore | None = None, writer: AnswerWriter | None = None
    ) -> None:
        self.settings = settings
        self._writer = writer if writer is not None else writer_from_settings(settings)
        # Default: the shared store (a SQLite file in the data dir), so `ask --session` works across processes.
        self._sessions = sessions if sessions is not None else open_session_store(settings)
        self._lock = threading.Lock()
        self._build: LoadedBuild | None = None
        self._replies = ReplyCache()
        self._query_embeddings = CachedQueryEmbeddings(
            query_embeddings(settings.model_path, settings.onnx_dir, settings.query_runtime)
        )

    # -- lifecycle -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Open the build data/CURRENT names (after an ingest); the old one keeps serving until then."""
        found = current_build(self.settings)
        if found is None:
            raise IndexNotReady(f"no index in {self.settings.data_dir}: run `assistant ingest` first")
        build_id, build_dir = found
        if self._build is not None and self._build.build_id == build_id:
            return
        documents = {d.doc_id: d for d in load_corpus(build_dir / "corpus")}
        stats = StatsStore.open(build_dir / "stats.duckdb")
        tools = StatsTools(stats)
        _, chroma = open_store(self.settings, build_dir, build_id, self._query_embeddings)
        words = {w.lower() for d in documents.values() for line in d.lines for w in re.findall(r"[A-Za-z]+", line)}
        retriever = Retriever(chroma, self._query_embeddings, self.settings.top_k)
        sentences = SentenceIndex.load(build_dir)
        loaded = LoadedBuild(
            build_id=build_id,
            build_dir=build_dir,
            documents=documents,
            stats=stats,
            tools=tools,
            answerer=StatisticsAnswerer(tools, stats),
            retriever=retriever,
            sentences=sentences,
            vocabulary=Vocabulary(words),
            document_answerer=DocumentAnswerer(retriever, sentences, self.settings.min_relevance),
        )
        loaded.answerer.coverage()  # build metadata: computed once, before the build serves
        with self._lock:
            previous, self._build = self._build, loaded
            self._replies.clear()
        if previous is not None:
            previous.stats.close()

    def ready(self) -> bool:
        return self._build is not None

    def close(self) -> None:
        with self._lock:
            build, self._build = self._build, None
        if build is not None:
            build.stats.close()

    @property
    def build(self) -> LoadedBuild:
        build = self._build
        if build is None:
            raise IndexNotReady("the index is not loaded yet")
        return build

    @property
    def stats(self) -> StatsStore:
        return self.build.stats

    def coverage(self) -> dict[str, Any]:
        return self.build.answerer.coverage()

    def fingerprints(self) -> dict[str, str]:
        return {
            "index": self.build.build_id,
            "corpus": corpus_fingerprint(self.build.build_dir / "corpus"),
            "model": model_fingerprint(self.settings.model_path),
            "model_path": str(self.settings.model_path),
        }

    # -- answering -------------------------------------------------------------------------------

    def validate(self, message: str) -> str:
        """The cleaned question, or a clear error saying what was wrong with it."""
        if not isinstance(message, str):
            raise InvalidInput(f"message must be text, got {type(message).__name__}")
        cleaned = unicodedata.normalize("NFC", _CONTROL.sub(" ", message)).strip()
        limit = self.settings.max_message_chars
        if not cleaned:
            raise EmptyMessage(f"message is empty: send a question of 1 to {limit} characters")
        if len(cleaned) > limit:
            raise MessageTooLong(f"message is {len(cleaned):,} characters; the limit is {limit:,}")
        return cleaned

    def ask(self, message: str, session_id: str | None = None) -> Reply:
        started = time.perf_counter()
        session_id = (session_id or "").strip()[:128] or new_session_id()
        build = self.build
        try:
            question = self.validate(message)
        except InvalidInput as error:
            return Reply(
                answer=error.message,
                session_id=session_id,
                route="invalid",
                abstained=True,
                latency_ms=_ms(started),
            )
        state = self._sessions.get(session_id) or SessionState(session_id=session_id)
        # A reply depends only on the build, the question and what the session carries into it, so
        # identical situations (the same question asked fresh, a team asking alike) reuse the work.
        last = state.last()
        history_years = tuple(y for turn in state.turns for y in turn.years)
        key = (build.build_id, question, last.model_dump_json() if last else "", history_years)
        composed = self._replies.get(key) if self._writer is None else None
        if composed is None:
            composed = self._compose(build, question, state)
            if self._writer is None:
                self._replies.put(key, composed)
        state.turns.append(
            Turn(message=question[:500], route=composed.route, slots=composed.slots, years=composed.years)
        )
        self._sessions.save(state)
        return Reply(
            answer=composed.answer,
            session_id=session_id,
            route=composed.route,
            abstained=composed.abstained,
            citations=composed.citations,
            tool_calls=composed.tool_calls,
            latency_ms=_ms(started),
        )

    def _compose(self, build: LoadedBuild, question: str, state: SessionState) -> Composed:
        """Understand, answer and check one question: the whole pipeline behind ask()."""
        draft = Draft(documents=build.documents)
        route, slots = self._answer(build, question, state, draft)
        answer = draft.text()
        evidence = evidence_numbers([c.snippet for c in draft.citations], [call.result for call in draft.tool_calls])
        missing = ungrounded_numbers(answer, evidence)
        if missing:
            # Never send a figure the evidence lacks: fall back to a plain abstention.
            log.error("ungrounded numbers %s in answer %r; answer withheld", missing, answer)
            draft = Draft(documents=build.documents)
            draft.abstained = True
            draft.say("I couldn't verify every figure in the answer against the sources, so I won't guess.")
            answer = draft.text()
        elif self._writer is not None and not draft.abstained:
            snippets = [c.snippet for c in draft.citations]
            markers = {c.id for c in draft.citations}
            answer = checked_rewrite(self._writer, question, answer, snippets, evidence, markers)
        return Composed(
            route=route,
            answer=answer,
            abstained=draft.abstained,
            citations=draft.citations,
            tool_calls=draft.tool_calls,
            years=draft.years,
            slots=slots.to_dict(),
        )

    def clear_caches(self) -> None:
        """Forget cached replies and query vectors (the benchmark measures the work, not the caches)."""
        self._replies.clear()
        self._query_embeddings.clear()
        if self._build is not None:
            self._build.answerer.forget_results()

    def _answer(self, build: LoadedBuild, question: str, state: SessionState, draft: Draft) -> tuple[Route, Slots]:
        if not _mostly_latin(question):
            draft.abstained = True
            draft.say("I can only answer questions in English.")
            draft.say(build.answerer.coverage_summary(draft))
            return "out_of_scope", Slots()
        slots = understand(question, build.vocabulary)
        if slots.injection:
            draft.abstained = True
            draft.say("I only answer from my sources and can't follow instructions to change or invent answers.")
            draft.say(build.answerer.coverage_summary(draft))
            return "out_of_scope", slots
        history_years = [y for turn in state.turns for y in turn.years]
        slots = inherit(slots, state.last(), history_years)
        doc_query = self._documentation_clause(question, build) if slots.has_stats() else None
        if slots.method and not slots.years and not slots.compare:
            doc_query, stats_wanted = slots.corrected or question, False
            if re.search(r"platform|offers|median|statistic", question, re.IGNORECASE):
                doc_query += " (how statistics are calculated)"
        else:
            stats_wanted = slots.has_stats() or slots.coverage
        if stats_wanted:
            build.answerer.answer(slots, draft)
            if (
                doc_query
                and not draft.abstained
                and build.document_answerer.answer(doc_query, "other", draft, _context(slots))
            ):
                return "both", slots
            return "statistics", slots
        if build.document_answerer.answer(doc_query or slots.corrected or question, "other", draft, _context(slots)):
            return "documents", slots
        draft.parts.clear()
        draft.abstained = True
        draft.say("The sources I have don't cover that.")
        draft.say(build.answerer.coverage_summary(draft))
        return "out_of_scope", slots

    def _documentation_clause(self, question: str, build: LoadedBuild) -> str | None:
        """In 'what does X earn and what skills do they need?', the part for the documents."""
        clauses = [c for c in _CLAUSE_SPLIT.split(question) if c and c.strip()]
        if len(clauses) < 2:
            return None
        for clause in clauses[1:]:
            part = understand(clause, build.vocabulary)
            asks = part.doc_cue or part.method or _QUESTION_START.match(clause) is not None
            if asks and not part.years and (not part.has_stats() or part.method):
                return part.corrected or clause
        return None


def _context(slots: Slots) -> list[str]:
    """Entities that sharpen a documents search without being what it asks for (role, platform metric)."""
    return [*slots.roles, (slots.platform_metric or "").replace("_", " ")]


def _mostly_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters) >= 0.6


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def build_assistant(
    settings: Settings | None = None, *, sessions: SessionStore | None = None, writer: AnswerWriter | None = None
) -> Assistant:
    """Load the current build once (model, Chroma, DuckDB) and return the shared, thread-safe assistant."""
    force_offline()
    assistant = Assistant(settings or Settings(), sessions=sessions, writer=writer)
    assistant.reload()
    return assistant
