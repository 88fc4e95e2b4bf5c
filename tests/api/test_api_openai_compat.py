"""The official `openai` client against /v1 on a live server: models, completion, streaming, follow-ups,
sources in the message text, usage, OpenAI's error shape, CORS, and Open WebUI's requests (its background
tasks shaped as its templates build them: `### Task:`, the JSON asked for, `<chat_history>` of
`USER:`/`ASSISTANT:` lines)."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from api_helpers import LiveServer, ServerFactory
from pydantic import SecretStr

from api.openai_tasks import answer_task, chat_tags, chat_title, follow_ups, recognise_task
from api.routes.openai_compat import openai_error_json, sources_markdown
from api.schemas import MODEL_ID
from assistant.models import Citation

slow = pytest.mark.slow


@pytest.fixture
def client(live: LiveServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{live.url}/v1", api_key="x", max_retries=0)


@slow
def test_models_lists_the_assistant(client: openai.OpenAI) -> None:
    models = client.models.list()

    assert [model.id for model in models.data] == [MODEL_ID]


@slow
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


@slow
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


@slow
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


@slow
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


@slow
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


@slow
def test_bad_request_surfaces_as_an_openai_error(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": "   "}])

    assert raised.value.status_code == 400
    assert "empty" in str(raised.value).lower()


# --- sources in the message text ------------------------------------------------------------------


@slow
def test_sources_are_listed_under_the_answer_and_kept_as_citations(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "What was the median salary expectation in 2025?"}]
    )

    content = completion.choices[0].message.content
    answer, _, sources = content.partition("\n\n**Sources**\n\n")
    citations = (completion.model_extra or {})["citations"]
    assert "5,808 [1]" in answer
    assert (completion.model_extra or {})["chart"] is None, "one figure: no chart"
    assert sources, "a markdown Sources list follows the answer"
    lines = sources.splitlines()
    assert len(lines) == len(citations)
    for line, citation in zip(lines, citations, strict=True):
        assert line.startswith(f"- [{citation['id']}] ")
        assert line.endswith(f"({citation['source']})")


@slow
def test_sources_can_be_switched_off_per_request_and_by_setting(
    client: openai.OpenAI, server_with: ServerFactory
) -> None:
    question = [{"role": "user", "content": "What is overfitting in machine learning?"}]
    off = client.chat.completions.create(model=MODEL_ID, messages=question, extra_body={"sources": False})
    with server_with(openai_sources=False) as server:
        quiet = openai.OpenAI(base_url=f"{server.url}/v1", api_key="x", max_retries=0)
        by_setting = quiet.chat.completions.create(model=MODEL_ID, messages=question)
        forced = quiet.chat.completions.create(model=MODEL_ID, messages=question, extra_body={"sources": True})

    for completion in (off, by_setting):
        assert "**Sources**" not in completion.choices[0].message.content
        assert (completion.model_extra or {})["citations"], "the structured citations stay"
    assert "**Sources**" in forced.choices[0].message.content


@slow
def test_chart_data_rides_along_as_on_chat(client: openai.OpenAI, http: httpx.Client) -> None:
    question = "What is the salary range for machine learning engineers by level?"
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": question}])
    chat = http.post("/chat", json={"message": question}).json()

    chart = (completion.model_extra or {})["chart"]
    assert chart["kind"] == "range_by_level"
    assert chart == chat["chart"]


# --- usage, models, errors ------------------------------------------------------------------------


@slow
def test_stream_ends_with_a_usage_chunk_when_asked(client: openai.OpenAI) -> None:
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "How many offers were there in 2024?"},
    ]
    plain = client.chat.completions.create(model=MODEL_ID, messages=messages)

    chunks = list(
        client.chat.completions.create(
            model=MODEL_ID, messages=messages, stream=True, stream_options={"include_usage": True}
        )
    )
    without = list(client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True))

    *content_chunks, usage_chunk = chunks
    text = "".join(chunk.choices[0].delta.content or "" for chunk in content_chunks)
    assert text == plain.choices[0].message.content
    assert usage_chunk.choices == [] and usage_chunk.usage is not None
    assert usage_chunk.usage.prompt_tokens == 5 + 7, "every message's words count, the system prompt's too"
    assert usage_chunk.usage.completion_tokens == len(text.split())
    assert usage_chunk.usage.total_tokens == usage_chunk.usage.prompt_tokens + usage_chunk.usage.completion_tokens
    assert plain.usage is not None and plain.usage.completion_tokens == len(text.split())
    assert all(chunk.usage is None for chunk in content_chunks + without)
    assert (content_chunks[-1].model_extra or {})["route"] == "statistics"
    assert (content_chunks[-1].model_extra or {})["chart"] is None


@slow
def test_a_model_is_retrieved_by_id_and_an_unknown_one_is_404(client: openai.OpenAI, http: httpx.Client) -> None:
    model = client.models.retrieve(MODEL_ID)
    with pytest.raises(openai.NotFoundError) as raised:
        client.models.retrieve("gpt-4o")
    raw = http.get("/v1/models/gpt-4o")

    assert model.id == MODEL_ID and model.object == "model"
    assert "gpt-4o" in str(raised.value) and MODEL_ID in str(raised.value)
    assert raw.json() == {
        "error": {
            "message": raw.json()["error"]["message"],
            "type": "not_found_error",
            "param": None,
            "code": "model_not_found",
        }
    }


def openai_error_of(response: httpx.Response) -> dict[str, object]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert "Traceback" not in response.text
    return body["error"]


@slow
def test_v1_errors_use_openai_shape_whoever_answers(http: httpx.Client, server_with: ServerFactory) -> None:
    no_user = http.post("/v1/chat/completions", json={"model": "x", "messages": [{"role": "system", "content": "Hi"}]})
    no_messages = http.post("/v1/chat/completions", json={"model": "x", "messages": []})
    oversized = b'{"messages": "' + b"x" * 70_000 + b'"}'
    too_large = http.post("/v1/chat/completions", content=oversized, headers={"Content-Type": "application/json"})
    not_json = http.post("/v1/chat/completions", content=b"hello", headers={"Content-Type": "text/plain"})
    elsewhere = http.post("/chat", json={"message": ""})
    with server_with(api_key=SecretStr("s3cret")) as server:
        keyed = openai.OpenAI(base_url=f"{server.url}/v1", api_key="wrong", max_retries=0)
        with pytest.raises(openai.AuthenticationError) as refused:
            keyed.models.list()

    first = openai_error_of(no_user)
    assert (no_user.status_code, first["type"], first["code"]) == (400, "invalid_request_error", "invalid_input")
    assert "user" in str(first["message"])
    second = openai_error_of(no_messages)
    assert (no_messages.status_code, second["param"], second["code"]) == (422, "messages", "validation_error")
    assert openai_error_of(too_large)["code"] == "payload_too_large" and too_large.status_code == 413
    assert openai_error_of(not_json)["code"] == "unsupported_media_type" and not_json.status_code == 415
    assert set(elsewhere.json()["error"]) == {"code", "message", "details"}, "the rest of the API keeps its shape"
    assert refused.value.status_code == 401
    assert refused.value.body["type"] == "authentication_error"  # type: ignore[index]


@slow
def test_cors_only_for_configured_origins(http: httpx.Client, server_with: ServerFactory) -> None:
    preflight = {
        "Origin": "http://ui.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    default = http.options("/v1/chat/completions", headers=preflight)
    with server_with(cors_origins="http://ui.example, http://other.example") as server, server.client() as client:
        allowed = client.options("/v1/chat/completions", headers=preflight)
        foreign = client.options("/v1/chat/completions", headers={**preflight, "Origin": "http://evil.example"})
        answered = client.post(
            "/v1/chat/completions",
            json={"model": MODEL_ID, "messages": [{"role": "user", "content": "How many offers were there in 2024?"}]},
            headers={"Origin": "http://ui.example"},
        )
        refused = client.post("/v1/chat/completions", json={"messages": []}, headers={"Origin": "http://ui.example"})

    assert "access-control-allow-origin" not in default.headers, "no origin is allowed by default"
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://ui.example"
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in foreign.headers
    assert answered.status_code == 200 and answered.headers["access-control-allow-origin"] == "http://ui.example"
    assert refused.status_code == 422 and refused.headers["access-control-allow-origin"] == "http://ui.example"


# --- Open WebUI -----------------------------------------------------------------------------------

CONVERSATION = (
    "USER: What was the median salary expectation in 2025?\n"
    "ASSISTANT: In 2025, the median salary expectation was $5,808 [1], based on 59 offers [1].\n"
    "USER: And for a Machine Learning Engineer at Mid-Career level?\n"
    "ASSISTANT: A Mid-Career Machine Learning Engineer earns $120,368 - $193,263 [1]."
)


def task_prompt(instructions: str, output: str, history: str = CONVERSATION, tail: str = "") -> str:
    """A prompt built the way Open WebUI's templates are (config.py DEFAULT_*_PROMPT_TEMPLATE): task,
    guidelines, the JSON to answer with, then the last messages as USER:/ASSISTANT: lines."""
    return (
        f"### Task:\n{instructions}\n### Guidelines:\n- Respond only with the JSON object.\n"
        f"### Output:\nJSON format: {output}\n### Chat History:\n<chat_history>\n{history}\n</chat_history>{tail}"
    )


TITLE = task_prompt("Generate a concise title summarizing the chat history.", '{ "title": "your concise title here" }')
TAGS = task_prompt(
    "Generate 1-3 broad tags categorizing the main themes of the chat history, along with 1-3 more specific "
    "subtopic tags.",
    '{ "tags": ["tag1", "tag2", "tag3"] }',
)
FOLLOW_UPS = task_prompt(
    "Suggest 3-5 relevant follow-up questions the user might naturally ask next in this conversation.",
    '{ "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }',
)
QUERIES = task_prompt(
    "Analyze the chat history to determine the necessity of generating search queries.",
    '{ "queries": ["query1", "query2"] }',
)
AUTOCOMPLETE = task_prompt(
    'You are an autocompletion system. Continue the text in `<text>`. If unsure, return: `{ "text": "" }`.',
    '{ "text": "<your_completion>" }',
    tail="\n<type>General</type>\n<text>What does a data</text>\n#### Output:\n",
)


def open_webui_task(http: httpx.Client, prompt: str) -> dict[str, object]:
    """POST the body Open WebUI sends for a task (routers/tasks.py): one user message, not streamed."""
    body = {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": prompt}],
        "stream": False,
        "max_completion_tokens": 1000,
    }
    response = http.post("/v1/chat/completions", json=body)
    assert response.status_code == 200, response.text
    completion = response.json()
    assert completion["route"] == "task"
    assert completion["citations"] == [] and completion["tool_calls"] == []
    content = completion["choices"][0]["message"]["content"]
    assert "$" not in content and "Sources" not in content, "never a salary answer"
    return json.loads(content)


@slow
def test_open_webui_title_tags_queries_and_autocomplete(http: httpx.Client) -> None:
    title = open_webui_task(http, TITLE)
    tags = open_webui_task(http, TAGS)
    queries = open_webui_task(http, QUERIES)
    completion = open_webui_task(http, AUTOCOMPLETE)

    assert set(title) == {"title"} and title["title"] == "Median Salary Expectation 2025"
    assert set(tags) == {"tags"}
    assert {"Median salary expectation", "Machine Learning Engineer", "Mid-Career", "2025"} >= set(tags["tags"])  # type: ignore[arg-type]
    assert "Machine Learning Engineer" in tags["tags"]  # type: ignore[operator]
    assert queries == {"queries": ["And for a Machine Learning Engineer at Mid-Career level?"]}
    assert completion == {"text": ""}


@slow
def test_open_webui_follow_ups_are_questions_the_assistant_answers(http: httpx.Client) -> None:
    suggested = open_webui_task(http, FOLLOW_UPS)["follow_ups"]

    assert isinstance(suggested, list) and len(suggested) == 3
    assert any("Machine Learning Engineer" in question for question in suggested), "the conversation's role first"
    for question in suggested:
        reply = http.post("/chat", json={"message": question}).json()
        assert not reply["abstained"], f"suggested but not answered: {question!r}"


@slow
def test_open_webui_chat_request_streams_with_sources_and_usage(http: httpx.Client) -> None:
    """An ordinary Open WebUI chat turn: system prompt, the history, stream with usage, sampling params."""
    body = {
        "model": MODEL_ID,
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "What was the median salary expectation in 2025?"},
            {"role": "assistant", "content": "In 2025, the median salary expectation was $5,808 [1]."},
            {"role": "user", "content": [{"type": "text", "text": "And in 2024?"}]},
        ],
        "stream": True,
        "stream_options": {"include_usage": True},
        "temperature": 0.8,
        "top_p": 0.9,
    }
    response = http.post("/v1/chat/completions", json=body)

    frames = [line[len("data: ") :] for line in response.text.splitlines() if line.startswith("data: ")]
    assert frames[-1] == "[DONE]"
    chunks = [json.loads(frame) for frame in frames[:-1]]
    text = "".join(chunk["choices"][0]["delta"].get("content") or "" for chunk in chunks if chunk["choices"])
    assert "5,640" in text and "**Sources**" in text
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == len(text.split())


def test_tasks_are_recognised_by_shape_not_wording() -> None:
    reworded = task_prompt("Name this chat in a few words.", '{"title": "..."}', history="USER: hi")
    question = "### Task: what is the median salary in 2025?"
    mention = 'What is <chat_history>? Answer in JSON format: { "title": 1 }'

    assert recognise_task(TITLE).key == "title"  # type: ignore[union-attr]
    assert recognise_task(reworded).key == "title"  # type: ignore[union-attr]
    assert recognise_task(AUTOCOMPLETE).text == "What does a data"  # type: ignore[union-attr]
    assert recognise_task(question) is None
    assert recognise_task(mention) is None
    history = recognise_task(TAGS).history  # type: ignore[union-attr]
    assert [turn.role for turn in history] == ["user", "assistant", "user", "assistant"]
    assert history[1].text.startswith("In 2025")


def test_task_answers_come_from_the_conversation_and_coverage() -> None:
    coverage = {
        "roles": ["Prompt Designer", "Data Wrangler"],
        "levels": ["Average", "Junior", "Senior"],
        "platform_years": [2030, 2031],
        "platform_metrics": ["median_salary_expectation"],
        "cities_mentioned": ["Lisbon"],
    }
    asked = ["How much does a Senior Data Wrangler make in Lisbon in 2031?"]

    assert chat_title(asked) == "Senior Data Wrangler Make Lisbon"
    assert chat_title([]) == "New Chat"
    assert chat_tags(asked, coverage) == ["Data Wrangler", "Senior", "Lisbon", "2031"]
    assert chat_tags(["hello"], coverage) == ["General"]
    assert follow_ups(asked, coverage) == [
        "What does a Data Wrangler earn at each experience level?",
        "Which role pays the most at the Senior level?",
        "How did the median salary expectation change from 2030 to 2031?",
    ]
    unknown = recognise_task(task_prompt("Describe an image.", '{ "prompt": "..." }'))
    assert unknown is not None and json.loads(answer_task(unknown, coverage)) == {"prompt": ""}


def test_sources_markdown_lists_each_citation_as_text() -> None:
    citations = [
        Citation(id=1, title="Pay *Guide*", source="guide.md:3-9", section="Pay > [Levels]", snippet="..."),
        Citation(id=2, title="Stats", source="stats.md:4", section="Stats", snippet="..."),
    ]

    assert sources_markdown([]) == ""
    assert sources_markdown(citations) == (
        "\n\n**Sources**\n\n- [1] Pay \\*Guide\\*, Pay \\> \\[Levels\\] (guide.md:3-9)\n- [2] Stats (stats.md:4)"
    )


def test_error_bodies_are_reshaped_and_anything_else_left_alone() -> None:
    ours = json.dumps(
        {"error": {"code": "validation_error", "message": "bad", "details": [{"loc": ["messages", 0, "role"]}]}}
    ).encode()

    assert json.loads(openai_error_json(ours, 422)) == {
        "error": {
            "message": "bad",
            "type": "invalid_request_error",
            "param": "messages.0.role",
            "code": "validation_error",
        }
    }
    limited = json.loads(openai_error_json(b'{"error": {"code": "rate_limited", "message": "slow down"}}', 429))
    assert limited["error"]["type"] == "rate_limit_error" and limited["error"]["param"] is None
    assert (
        json.loads(openai_error_json(b'{"error": {"code": "x", "message": "y"}}', 503))["error"]["type"]
        == "server_error"
    )
    assert openai_error_json(b"<html>proxy error</html>", 502) == b"<html>proxy error</html>"
    assert openai_error_json(b'{"detail": "other"}', 400) == b'{"detail": "other"}'
