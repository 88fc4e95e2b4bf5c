"""POST /chat and /chat/stream against a live server over the real assistant."""

from __future__ import annotations

import json

import httpx
import pytest
from api_helpers import parse_sse

pytestmark = pytest.mark.slow

REPLY_FIELDS = {"answer", "session_id", "route", "abstained", "citations", "tool_calls", "plan", "chart", "latency_ms"}


def test_chat_returns_the_core_reply_with_a_new_session(http: httpx.Client) -> None:
    response = http.post("/chat", json={"message": "What was the median salary expectation in 2025?"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    reply = response.json()
    assert set(reply) == REPLY_FIELDS
    assert reply["route"] == "statistics"
    assert reply["abstained"] is False
    assert "5,808" in reply["answer"]
    assert len(reply["session_id"]) >= 16
    assert reply["tool_calls"], "a statistics answer shows the lookup behind it"
    for citation in reply["citations"]:
        assert set(citation) == {"id", "title", "source", "section", "snippet", "score"}
        assert f"[{citation['id']}]" in reply["answer"]


def test_chat_matches_the_core_answer_exactly(http: httpx.Client, real_assistant: object) -> None:
    question = "What does a machine learning engineer do?"
    expected = real_assistant.ask(question)  # type: ignore[attr-defined]

    reply = http.post("/chat", json={"message": question}).json()

    assert reply["answer"] == expected.answer
    assert reply["route"] == expected.route
    assert [c["source"] for c in reply["citations"]] == [c.source for c in expected.citations]


def test_documents_question_cites_passages(http: httpx.Client) -> None:
    reply = http.post("/chat", json={"message": "What is overfitting in machine learning?"}).json()

    assert reply["route"] in {"documents", "both"}
    assert reply["abstained"] is False
    assert reply["citations"]
    assert all(c["snippet"] for c in reply["citations"])


def test_out_of_scope_question_abstains(http: httpx.Client) -> None:
    reply = http.post("/chat", json={"message": "What is the best pizza topping in Naples?"}).json()

    assert reply["abstained"] is True
    assert reply["route"] == "out_of_scope"


def test_follow_up_keeps_context_through_session_id(http: httpx.Client) -> None:
    first = http.post("/chat", json={"message": "What was the median salary expectation in 2025?"}).json()

    follow_up = http.post("/chat", json={"message": "And in 2024?", "session_id": first["session_id"]})

    assert follow_up.status_code == 200
    reply = follow_up.json()
    assert reply["session_id"] == first["session_id"]
    assert "5,640" in reply["answer"]


def test_stream_sends_answer_pieces_then_the_full_reply(http: httpx.Client) -> None:
    response = http.post("/chat/stream", json={"message": "How many offers were there in 2024?"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    kinds = [event for event, _ in events]
    assert kinds[-1] == "reply"
    assert set(kinds[:-1]) == {"delta"} and len(kinds) >= 3
    reply = json.loads(events[-1][1])
    assert set(reply) == REPLY_FIELDS
    streamed = "".join(json.loads(data)["text"] for event, data in events if event == "delta")
    assert streamed == reply["answer"]
    assert "45" in reply["answer"]


def test_stream_rejects_bad_input_before_streaming(http: httpx.Client) -> None:
    response = http.post("/chat/stream", json={"message": "   "})

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == "empty_message"
