"""The one pipeline every front end calls: `build_assistant(settings).ask(message, session_id)`.

Wiring, top to bottom (see `build_assistant`):
  current build (data/CURRENT) -> documents copy, Chroma collection, DuckDB statistics
  query embeddings (ONNX, cached) -> Retriever;  StatsTools -> StatisticsAnswerer
  ask(): validate -> plan (parts, each with its kind, entities and route; assistant/planning.py)
         -> answer each part (statistics tools or documents; an uncovered part says so)
         -> compose with numbered citations -> numeric grounding check -> Reply
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.answer_documents import DocumentAnswerer
from assistant.answer_examples import AnswerExamples
from assistant.answer_parts import answer_beyond_repeat, answer_part
from assistant.answer_reasons import answer_pay_reason, pay_reason_slots
from assistant.answer_statistics import StatisticsAnswerer
from assistant.builds import named_build, read_manifest
from assistant.documents import Document, load_corpus
from assistant.draft import Draft
from assistant.embeddings import CachedQueryEmbeddings, query_embeddings
from assistant.errors import EmptyMessage, IndexNotReady, InvalidInput, MessageTooLong
from assistant.fingerprints import corpus_fingerprint, embedder_fingerprint
from assistant.followup_forms import FollowupForms
from assistant.grounding import evidence_numbers, ungrounded_numbers
from assistant.ingest import current_build
from assistant.llm import AnswerWriter, checked_rewrite, writer_from_settings
from assistant.models import PlanPart, Reply, Route
from assistant.planning import PlannedPart, Planner
from assistant.pointed_items import listed_items
from assistant.query_adapter import QueryAdapter
from assistant.question_kinds import (
    PLAN_VOCABULARY_PATH,
    QUESTION_EXAMPLES_PATH,
    KindClassifier,
    PlanVocabulary,
    QuestionExamples,
)
from assistant.reply_cache import Composed, ReplyCache
from assistant.retrieval import Retriever, SentenceIndex
from assistant.scoring_weights import ScoringWeights
from assistant.sessions import SessionState, SessionStore, Turn, new_session_id
from assistant.settings import Settings, force_offline
from assistant.shared_state import open_session_store
from assistant.statistics.store import StatsStore
from assistant.statistics.tools import StatsTools
from assistant.unanswered_examples import forms_of
from assistant.understanding import INJECTION, Vocabulary, load_dictionary
from assistant.vector_store import open_store

log = logging.getLogger(__name__)
# How long a replaced build stays open for the requests already reading it (longer than any one answer takes).
RETIRE_OLD_BUILD_SECONDS = 30.0
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


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
            query_embeddings(
                settings.model_path, settings.onnx_dir, settings.query_runtime, settings.embedding_precision
            )
        )
        # Real English words are never "corrected" into corpus words (the model's vocabulary is the dictionary).
        self._dictionary = load_dictionary(settings.model_path)
        # The labelled example questions do not depend on the build: embedded once per process.
        examples = QuestionExamples.load(QUESTION_EXAMPLES_PATH)
        followup_forms = FollowupForms.load(self._query_embeddings, cache_dir=settings.model_cache_dir / "planner")
        self._answer_examples = AnswerExamples.load(
            settings.answer_examples,
            self._query_embeddings,
            settings.model_cache_dir / "planner",
            settings.unanswered_examples,
            # what the kinds and follow-ups answer is the unanswered examples' answered side: the files loaded
            # here, wherever ASSISTANT_UNANSWERED_EXAMPLES points
            forms_of(examples.kinds, followup_forms.texts),
        )
        self._scoring_weights = ScoringWeights.load(settings.scoring_weights)  # read once: not per build
        self.planner = Planner(
            examples,
            KindClassifier(examples, self._query_embeddings, settings.model_cache_dir / "planner"),
            self._query_embeddings,
            PlanVocabulary.load(PLAN_VOCABULARY_PATH),
            self._answer_examples,
            followup_forms,
        )

    # -- lifecycle -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Open the build data/CURRENT names (after an ingest); the old one keeps serving until then."""
        named = named_build(self.settings)
        if self._build is not None and named is not None and named[0] == self._build.build_id:
            return  # already serving it (verified when it was opened): no need to hash its files again
        found = current_build(self.settings)
        if found is None:
            raise IndexNotReady(f"no index in {self.settings.data_dir}: run `assistant ingest` first")
        build_id, build_dir = found
        if self._build is not None and self._build.build_id == build_id:
            return
        embedder = embedder_fingerprint(self.settings.model_path, self.settings.embedding_precision)
        if read_manifest(build_dir).get("model_fingerprint") != embedder:
            # Still usable (int8 and fp32 vectors are ~0.99 alike), but not what this process would build.
            log.warning(
                "build %s was embedded by another model or precision than this process's queries (%s); "
                "run `assistant ingest` to re-embed it",
                build_id,
                embedder,
            )
        documents = {d.doc_id: d for d in load_corpus(build_dir / "corpus")}
        stats = StatsStore.open(build_dir / "stats.duckdb")
        tools = StatsTools(stats)
        _, chroma = open_store(self.settings, build_dir, build_id, self._query_embeddings)
        words = {w.lower() for d in documents.values() for line in d.lines for w in re.findall(r"[A-Za-z]+", line)}
        sentences = SentenceIndex.load(build_dir)
        retriever = Retriever(chroma, self._query_embeddings, self.settings.top_k, self._adapter(sentences))
        answerer = StatisticsAnswerer(tools, stats)
        coverage = answerer.coverage()  # build metadata: computed once, before the build serves
        loaded = LoadedBuild(
            build_id=build_id,
            build_dir=build_dir,
            documents=documents,
            stats=stats,
            tools=tools,
            answerer=answerer,
            retriever=retriever,
            sentences=sentences,
            vocabulary=Vocabulary(words | self.planner.known_words(), _names(coverage), self._dictionary),
            document_answerer=DocumentAnswerer(
                retriever,
                sentences,
                self.settings.min_relevance,
                examples=self._answer_examples,
                weights=self._scoring_weights,
            ),
        )
        with self._lock:
            previous, self._build = self._build, loaded
            self._replies.clear()
        if previous is not None:
            # Requests that picked up the old build a moment ago are still reading it: closing its DuckDB
            # connection now would turn them into 503s during the swap. Close it once they have finished.
            retire = threading.Timer(RETIRE_OLD_BUILD_SECONDS, previous.stats.close)
            retire.daemon = True
            retire.start()

    def _adapter(self, sentences: SentenceIndex) -> QueryAdapter:
        """The query adapter for this build's sentences and the answer examples (fitted once, then a file read)."""
        if not self.settings.query_adapter:
            return QueryAdapter.identity()
        examples = self._answer_examples
        if self.settings.query_adapter_examples is not None:
            examples = AnswerExamples.load(
                self.settings.query_adapter_examples, self._query_embeddings, self.settings.model_cache_dir / "planner"
            )
        return QueryAdapter.fitted(
            examples.matrix, examples.quotes, sentences.texts(), sentences.matrix(), self.settings.data_dir / "adapters"
        )

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
            "model": embedder_fingerprint(self.settings.model_path, self.settings.embedding_precision),
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
        last = state.last_asked()
        history_years = tuple(y for turn in state.turns for y in turn.years)
        asked = (state.roles_asked(), state.levels_asked())
        key = (build.build_id, question, last.model_dump_json() if last else "", history_years, asked)
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
            plan=composed.plan,
            latency_ms=_ms(started),
        )

    def _compose(self, build: LoadedBuild, question: str, state: SessionState) -> Composed:
        """Understand, answer and check one question: the whole pipeline behind ask()."""
        draft = Draft(documents=build.documents)
        route, slots, plan = self._answer(build, question, state, draft)
        answer = draft.text()
        evidence = evidence_numbers([c.snippet for c in draft.citations], [call.result for call in draft.tool_calls])
        missing = ungrounded_numbers(draft.claims(), evidence)
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
        items = listed_items(answer)  # "tell me about the third one" names one of them
        return Composed(
            route=route,
            answer=answer,
            abstained=draft.abstained,
            citations=draft.citations,
            tool_calls=draft.tool_calls,
            years=draft.years,
            slots={**slots, "items": items} if items else slots,
            plan=plan,
        )

    def clear_caches(self) -> None:
        """Forget cached replies and query vectors (the benchmark measures the work, not the caches)."""
        self._replies.clear()
        self._query_embeddings.clear()
        if self._build is not None:
            self._build.answerer.forget_results()

    def _answer(
        self, build: LoadedBuild, question: str, state: SessionState, draft: Draft
    ) -> tuple[Route, dict[str, Any], list[PlanPart]]:
        """Plan the message, answer each part (statistics or documents), and say which parts were not covered."""
        if not _mostly_latin(question) or INJECTION.search(question):
            draft.abstained = True
            draft.say(
                "I can only answer questions in English."
                if not _mostly_latin(question)
                else "I only answer from my sources and can't follow instructions to change or invent answers."
            )
            draft.say(build.answerer.coverage_summary(draft))
            return "out_of_scope", {}, [PlanPart(text=question, kind="other", route="out_of_scope", covered=False)]
        history_years = [y for turn in state.turns for y in turn.years]
        previous = state.last_asked()  # "thanks!" between a salary and "what about data scientists?" is no turn
        parts = self.planner.plan(
            question, build.vocabulary, previous, history_years, state.roles_asked(), state.levels_asked()
        )
        asked = [p for p in parts if p.route != "smalltalk"]
        if not asked:
            draft.say(self.planner.examples.smalltalk_reply(parts[0].text))
            return "smalltalk", {}, [_plan_entry(p, "smalltalk", True) for p in parts]
        routes: dict[int, Route] = {}
        figure_before = False  # an earlier part of this message gave a figure ("who makes more ..., and why?")
        for i, part in enumerate(asked):
            alone = len(asked) == 1
            why_pay = pay_reason_slots(part, previous, figure_before)
            said = len(draft.parts)
            if why_pay is not None:
                routes[id(part)] = answer_pay_reason(build, why_pay, draft, figure_before, alone)
            else:
                routes[id(part)] = answer_part(build, self.planner, part, draft, alone=alone)
            # Every part is answered or explicitly not: one that only repeated the part before looks further.
            repeated = i and routes[id(part)] == "statistics" and len(draft.parts) == said
            if repeated and answer_beyond_repeat(build, self.planner, part, asked[i - 1], draft):
                routes[id(part)] = "documents"
            figure_before = figure_before or (routes[id(part)] == "statistics" and part.kind == "figure")
        covered = {r for r in routes.values() if r != "out_of_scope"}
        plan = [
            _plan_entry(p, routes.get(id(p), "smalltalk"), routes.get(id(p), "smalltalk") != "out_of_scope")
            for p in parts
        ]
        last = next((p for p in reversed(asked) if routes[id(p)] == "statistics"), asked[-1])
        slots = {**last.slots.to_dict(), "kind": last.kind}
        if routes[id(last)] == "documents":
            slots["topic"] = self.planner.topic_of(last)  # what a pointing follow-up goes on with
            if previous is not None and previous.route in ("documents", "both") and previous.slots.get("topic"):
                slots["topic_before"] = previous.slots["topic"]  # "the difference between those two?" names both
        if not covered:
            if len(asked) > 1:  # one part alone has said what the sources cover already
                draft.abstained = True
                draft.say(build.answerer.coverage_summary(draft))
            return "out_of_scope", slots, plan
        draft.abstained = False
        build.answerer.note_quoted_claims(draft)
        route: Route = "both" if len(covered) > 1 else covered.pop()
        return route, slots, plan


def _plan_entry(part: PlannedPart, route: Route, covered: bool) -> PlanPart:
    return PlanPart(
        text=part.text,
        kind=part.kind,
        route=route,
        covered=covered,
        confidence=part.confidence,
        entities=part.entities(),
    )


def _names(coverage: dict[str, Any]) -> dict[str, list[str]]:
    """The roles, levels and cities the statistics hold: understood by name with no synonym entry."""
    cities = [*coverage.get("cities_with_figures", []), *coverage.get("cities_mentioned", [])]
    return {
        "roles": list(coverage.get("roles", [])),
        "levels": list(coverage.get("levels", [])),
        "cities": list(dict.fromkeys(cities)),
    }


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
