"""The one pipeline every front end calls: `build_assistant(settings).ask(message, session_id)`.

Wiring, top to bottom (see `build_assistant`):
  current build (data/CURRENT) -> open_build (assistant/loaded_build.py): documents copy, Chroma collection,
         DuckDB statistics, Retriever, StatisticsAnswerer, DocumentAnswerer
  query embeddings (ONNX, cached), example questions, planner: loaded once per process, shared by every build
  ask(): validate -> answer_message (assistant/answer_message.py): plan the parts (kind, entities, route;
         assistant/planning.py) -> answer each part (statistics tools or documents; an uncovered part says so)
         -> compose with numbered citations -> numeric grounding check -> Reply
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from typing import Any

from assistant.answer_examples import AnswerExamples
from assistant.answer_message import answer_message
from assistant.builds import named_build, read_manifest
from assistant.draft import Draft
from assistant.embeddings import CachedQueryEmbeddings, query_embeddings
from assistant.errors import EmptyMessage, IndexNotReady, InvalidInput, MessageTooLong
from assistant.fingerprints import corpus_fingerprint, embedder_fingerprint
from assistant.followup_forms import FollowupForms
from assistant.grounding import evidence_numbers, ungrounded_numbers
from assistant.ingest import current_build
from assistant.llm import AnswerWriter, checked_rewrite, writer_from_settings
from assistant.loaded_build import LoadedBuild, open_build
from assistant.models import Reply
from assistant.planning import Planner
from assistant.pointed_items import listed_items
from assistant.question_kinds import (
    PLAN_VOCABULARY_PATH,
    QUESTION_EXAMPLES_PATH,
    KindClassifier,
    PlanVocabulary,
    QuestionExamples,
)
from assistant.reply_cache import Composed, ReplyCache
from assistant.scoring_weights import ScoringWeights
from assistant.sessions import SessionState, SessionStore, Turn, new_session_id
from assistant.settings import Settings, force_offline
from assistant.shared_state import open_session_store
from assistant.statistics.store import StatsStore
from assistant.unanswered_examples import forms_of
from assistant.understanding import load_dictionary

log = logging.getLogger(__name__)
# How long a replaced build stays open for the requests already reading it (longer than any one answer takes).
RETIRE_OLD_BUILD_SECONDS = 30.0
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


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
        loaded = open_build(
            self.settings,
            build_id,
            build_dir,
            embeddings=self._query_embeddings,
            examples=self._answer_examples,
            weights=self._scoring_weights,
            known_words=self.planner.known_words(),
            dictionary=self._dictionary,
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
        asked = (state.roles_asked(), state.levels_asked(), state.cities_asked())  # all the planner reads
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
        route, slots, plan = answer_message(build, self.planner, question, state, draft)
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
