"""The official `openai` client against /v1 on a live server: models, completion, streaming, follow-ups."""

from __future__ import annotations

import httpx
import openai
import pytest
from api_helpers import LiveServer

from api.schemas import MODEL_ID

pytestmark = pytest.mark.slow


@pytest.fixture
def client(live: LiveServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{live.url}/v1", api_key="x", max_retries=0)


def test_models_lists_the_assistant(client: openai.OpenAI) -> None:
    models = client.models.list()

    assert [model.id for model in models.data] == [MODEL_ID]


def test_completion_answers_with_citations_riding_along(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="anything",
        messages=[
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": "What is overfitting in machine learning?"},
        ],
    )

    assert completion.object == "chat.completion"
    assert completion.model == MODEL_ID
    choice = completion.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.role == "assistant"
    assert "overfit" in choice.message.content.lower()
    extras = completion.model_extra or {}
    assert extras["citations"], "citations ride along in an extra field"
    assert {"id", "title", "source", "section", "snippet", "score"} <= set(extras["citations"][0])
    assert extras["route"] in {"documents", "both"}
    assert completion.usage is not None and completion.usage.completion_tokens > 0


def test_streamed_completion_concatenates_to_the_plain_answer(client: openai.OpenAI) -> None:
    question = "What was the median salary expectation in 2025?"
    plain = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": question}])

    stream = client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": question}], stream=True
    )
    chunks = list(stream)

    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert text == plain.choices[0].message.content
    assert "5,808" in text
    assert len(chunks) >= 3
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    last_extras = chunks[-1].model_extra or {}
    assert last_extras["route"] == "statistics"
    assert last_extras["tool_calls"]


def test_stateless_history_gives_follow_up_context(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model=MODEL_ID,
        messages=[
            {"role": "user", "content": "What was the median salary expectation in 2025?"},
            {"role": "assistant", "content": "The median salary expectation in 2025 was $5,808."},
            {"role": "user", "content": "And in 2024?"},
        ],
    )

    assert "5,640" in completion.choices[0].message.content


def test_session_id_extension_continues_a_conversation(client: openai.OpenAI) -> None:
    question = "What was the median salary expectation in 2025?"
    first = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": question}])
    session_id = (first.model_extra or {})["session_id"]

    follow_up = client.chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "user", "content": "And in 2024?"}],
        extra_body={"session_id": session_id},
    )

    assert (follow_up.model_extra or {})["session_id"] == session_id
    assert "5,640" in follow_up.choices[0].message.content


def test_text_content_parts_are_read(http: httpx.Client) -> None:
    response = http.post(
        "/v1/chat/completions",
        json={
            "model": MODEL_ID,
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "How many offers were there in 2024?"}]}
            ],
        },
    )

    assert response.status_code == 200
    assert "45" in response.json()["choices"][0]["message"]["content"]


def test_bad_request_surfaces_as_an_openai_error(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": "   "}])

    assert raised.value.status_code == 400
    assert "empty" in str(raised.value).lower()
