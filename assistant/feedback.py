"""Answers the chat front ends gave, and the 👍/👎 people gave them, kept so they can become eval cases.

Stdlib sqlite3 at `settings.feedback_db_path`. One connection behind a lock makes it safe to share
between threads; SQLite's own file locking (WAL journal, busy timeout) covers several processes.
Front ends record every answer they show (`record_answer`) and put the returned id on their buttons,
so a rating, a "share" or a "show sources" click finds the exact reply again, even after a restart.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from assistant.errors import NotFound, UnknownValue
from assistant.models import Reply, Route

Rating = Literal["up", "down"]
RATINGS: tuple[Rating, ...] = ("up", "down")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    answer_id  TEXT PRIMARY KEY,
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    route      TEXT NOT NULL,
    session_id TEXT NOT NULL,
    reply_json TEXT NOT NULL,
    user       TEXT,
    channel    TEXT,
    ts         TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_session ON answers (session_id, created_at);
CREATE TABLE IF NOT EXISTS ratings (
    answer_id TEXT NOT NULL REFERENCES answers (answer_id),
    user      TEXT NOT NULL,
    rating    TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    channel   TEXT,
    ts        TEXT,
    rated_at  TEXT NOT NULL,
    PRIMARY KEY (answer_id, user)
);
"""


class GivenAnswer(BaseModel):
    """One answer a front end showed: the question, the full reply, and where it was asked."""

    answer_id: str
    question: str
    reply: Reply
    user: str | None = Field(None, description="Who asked (front-end user id, e.g. a Slack user).")
    channel: str | None = Field(None, description="Where it was asked (e.g. a Slack channel id).")
    ts: str | None = Field(None, description="Front-end message id of the question (Slack ts).")
    created_at: datetime


class FeedbackRecord(BaseModel):
    """One person's rating of one answer, with the question, answer and route it was about."""

    answer_id: str
    question: str
    answer: str
    route: Route
    session_id: str
    rating: Rating
    user: str = Field(description="Who rated.")
    channel: str | None = Field(None, description="Where the rated answer was shown.")
    ts: str | None = Field(None, description="Front-end message id of the rated answer (Slack ts).")
    rated_at: datetime


class FeedbackCase(BaseModel):
    """A rated answer written as an eval case for a person to review (never gated until reviewed)."""

    id: str
    kind: Literal["feedback"] = "feedback"
    question: str
    conversation: list[str] = Field(
        default_factory=list, description="Earlier questions in the same session, oldest first."
    )
    answer_given: str
    rating: Rating
    route: Route
    tags: list[str]
    needs_review: bool = True


def _now() -> datetime:
    return datetime.now(UTC)


class FeedbackStore:
    """Thread-safe store of given answers and their ratings in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)

    def record_answer(
        self,
        question: str,
        reply: Reply,
        *,
        user: str | None = None,
        channel: str | None = None,
        ts: str | None = None,
    ) -> str:
        """Keep an answer that is about to be shown; returns the id its buttons carry."""
        answer_id = uuid.uuid4().hex
        with self._lock:
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    question,
                    reply.answer,
                    reply.route,
                    reply.session_id,
                    reply.model_dump_json(),
                    user,
                    channel,
                    ts,
                    _now().isoformat(),
                ),
            )
        return answer_id

    def get_answer(self, answer_id: str) -> GivenAnswer:
        """The answer recorded under `answer_id`; raises NotFound for an unknown id."""
        with self._lock:
            row = self._db.execute("SELECT * FROM answers WHERE answer_id = ?", (answer_id,)).fetchone()
        if row is None:
            raise NotFound(f"answer {answer_id!r} is not in the feedback store (it keeps only answers it was given)")
        return GivenAnswer(
            answer_id=row["answer_id"],
            question=row["question"],
            reply=Reply.model_validate_json(row["reply_json"]),
            user=row["user"],
            channel=row["channel"],
            ts=row["ts"],
            created_at=datetime.fromisoformat(row["created_at"]),
        )

    def rate(
        self,
        answer_id: str,
        rating: str,
        *,
        user: str,
        channel: str | None = None,
        ts: str | None = None,
    ) -> FeedbackRecord:
        """Store `user`'s rating of an answer; rating again replaces their earlier one."""
        if rating not in RATINGS:
            raise UnknownValue(f"rating {rating!r} is not accepted (use one of: {', '.join(RATINGS)})")
        self.get_answer(answer_id)  # NotFound for an id this store never gave out
        with self._lock:
            self._db.execute(
                "INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, user) DO UPDATE SET "
                "rating = excluded.rating, channel = excluded.channel, ts = excluded.ts, "
                "rated_at = excluded.rated_at",
                (answer_id, user, rating, channel, ts, _now().isoformat()),
            )
        return self._ratings("WHERE r.answer_id = ? AND r.user = ?", (answer_id, user))[0]

    def ratings(self) -> list[FeedbackRecord]:
        """Every rating with the answer it rates, oldest first."""
        return self._ratings("", ())

    def _ratings(self, where: str, params: tuple[str, ...]) -> list[FeedbackRecord]:
        with self._lock:
            rows = self._db.execute(
                "SELECT a.answer_id, a.question, a.answer, a.route, a.session_id, r.rating, r.user, "
                f"r.channel, r.ts, r.rated_at FROM ratings r JOIN answers a USING (answer_id) {where} "
                "ORDER BY r.rated_at, a.answer_id, r.user",
                params,
            ).fetchall()
        return [FeedbackRecord.model_validate(dict(row)) for row in rows]

    def earlier_questions(self, answer_id: str) -> list[str]:
        """Questions asked before this answer in the same session (context a follow-up depends on)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT e.question FROM answers a JOIN answers e ON e.session_id = a.session_id "
                "AND e.created_at < a.created_at WHERE a.answer_id = ? ORDER BY e.created_at",
                (answer_id,),
            ).fetchall()
        return [row["question"] for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def export_cases(store: FeedbackStore) -> list[FeedbackCase]:
    """One review case per rating: the question (with its conversation), the answer given, the verdict."""
    cases = []
    for record in store.ratings():
        cases.append(
            FeedbackCase(
                id=f"feedback-{record.answer_id[:12]}-{record.user.lower()}",
                question=record.question,
                conversation=store.earlier_questions(record.answer_id),
                answer_given=record.answer,
                rating=record.rating,
                route=record.route,
                tags=["feedback", "thumbs_up" if record.rating == "up" else "thumbs_down"],
            )
        )
    return cases


def cases_to_yaml(cases: list[FeedbackCase]) -> str:
    """The cases as a YAML case file (suite, description, cases) in the order given, for people to review.

    Not a runnable suite on purpose: a reviewer gives each case its kind and `expect` checks, written from
    the documents, and drops `needs_review`, `answer_given` and `rating` before it joins eval/cases/.
    """
    document = {
        "suite": "feedback",
        "description": "Answers rated in chat front ends; review each before it becomes an eval case.",
        "cases": [case.model_dump(mode="json") for case in cases],
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
