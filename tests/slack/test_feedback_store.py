"""assistant/feedback.py: answers and ratings in SQLite, exported as review cases."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml

from assistant.errors import NotFound, UnknownValue
from assistant.feedback import FeedbackStore, cases_to_yaml, export_cases
from assistant.models import Reply


def reply(answer: str, session_id: str = "slack:T:C:1", route: str = "statistics") -> Reply:
    return Reply(answer=answer, session_id=session_id, route=route, abstained=False, latency_ms=1.0)


def test_answers_round_trip_and_ratings_carry_question_answer_route(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    answer_id = store.record_answer("median 2025?", reply("$5,808 [1]"), user="U1", channel="C1", ts="1.1")
    assert store.get_answer(answer_id).reply.answer == "$5,808 [1]"
    record = store.rate(answer_id, "up", user="U2", channel="C1", ts="2.2")
    assert (record.question, record.answer, record.route, record.rating, record.user) == (
        "median 2025?",
        "$5,808 [1]",
        "statistics",
        "up",
        "U2",
    )
    store.rate(answer_id, "down", user="U2")  # a second click replaces the first
    assert [(r.user, r.rating) for r in store.ratings()] == [("U2", "down")]


def test_bad_rating_and_unknown_answer_are_refused(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    answer_id = store.record_answer("q", reply("a"))
    with pytest.raises(UnknownValue, match="'meh'.*up, down"):
        store.rate(answer_id, "meh", user="U1")
    with pytest.raises(NotFound, match="nope"):
        store.rate("nope", "up", user="U1")


def test_store_is_safe_across_threads_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "fb.sqlite3"
    store = FeedbackStore(path)

    def work(worker: int) -> None:
        for i in range(25):
            answer_id = store.record_answer(f"q{worker}-{i}", reply("a", session_id=f"s{worker}"))
            store.rate(answer_id, "up" if i % 2 else "down", user=f"U{worker}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    assert len(FeedbackStore(path).ratings()) == 100


def test_export_writes_review_cases_with_the_conversation(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record_answer("What was the median salary expectation in 2025?", reply("$5,808 [1]"))
    follow_up = store.record_answer("and in 2024?", reply("$5,640 [1]"))
    store.rate(follow_up, "down", user="U7")
    [case] = export_cases(store)
    assert case.question == "and in 2024?"
    assert case.conversation == ["What was the median salary expectation in 2025?"]
    assert case.tags == ["feedback", "thumbs_down"]
    document = yaml.safe_load(cases_to_yaml([case]))
    assert document["suite"] == "feedback"
    assert document["cases"][0] == {
        "id": f"feedback-{follow_up[:12]}-u7",
        "kind": "feedback",
        "question": "and in 2024?",
        "conversation": ["What was the median salary expectation in 2025?"],
        "answer_given": "$5,640 [1]",
        "rating": "down",
        "route": "statistics",
        "tags": ["feedback", "thumbs_down"],
        "needs_review": True,
    }
