"""OpenAI-compatible /v1/chat/completions (stream and non-stream) and /v1/models, for existing chat clients.

Chat UIs (Open WebUI, LibreChat, ...) show only `choices[].message.content`, so the answer's sources are
appended to it as a short markdown list (switchable per request and by setting); the citations, route and
statistics also ride along as extra top-level fields (on the last content chunk when streaming). Open
WebUI's background tasks (title, tags, follow-ups, ...) are answered in the JSON each expects
(api/openai_tasks.py). Errors under /v1 use OpenAI's shape (`OpenAIErrorShapeMiddleware`).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response, StreamingResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.charts import chart_for
from api.core_calls import ask
from api.deps import AssistantDep, ServiceDep, guard_client
from api.openai_tasks import answer_task, recognise_task
from api.routes import error_responses
from api.schemas import (
    MODEL_ID,
    ChatCompletion,
    ChatCompletionChoice,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionRequest,
    ChunkChoice,
    ChunkDelta,
    ModelCard,
    ModelList,
    OpenAIErrorBody,
    OpenAIMessage,
    Usage,
)
from api.streaming import SSE_HEADERS, answer_pieces, sse
from assistant.errors import InvalidInput, NotFound
from assistant.models import Citation, Reply

PREFIX = "/v1"
router = APIRouter(prefix=PREFIX, tags=["openai-compatible"], dependencies=[Depends(guard_client)])

MAX_REPLAYED_QUESTIONS = 4
TASK_ROUTE = "task"
_EXTENSION_FIELDS = {"session_id", "route", "abstained", "citations", "tool_calls", "chart"}
_STREAM_DOC = (
    "With `stream: true`: Server-Sent Events of chat.completion.chunk objects, the last content chunk with "
    "finish_reason 'stop' and the citations, then (with `stream_options.include_usage`) a chunk with empty "
    "`choices` and `usage`, then `data: [DONE]`."
)
# OpenAI's error families by status; the API's own stable code travels in `code`.
_ERROR_TYPES = {401: "authentication_error", 403: "permission_error", 404: "not_found_error", 429: "rate_limit_error"}


class ModelNotFound(NotFound):
    code = "model_not_found"


def openai_error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for /v1 errors, in OpenAI's error shape."""
    return error_responses(*status_codes, shape=OpenAIErrorBody)


@router.get("/models", response_model=ModelList, responses=openai_error_responses(401, 429))
async def list_models(service: ServiceDep) -> ModelList:
    """List the one model this server answers with."""
    return ModelList(data=[_model_card(service.started_at)])


@router.get("/models/{model_id}", response_model=ModelCard, responses=openai_error_responses(401, 404, 422, 429))
async def retrieve_model(model_id: str, service: ServiceDep) -> ModelCard:
    """Describe a model; only the one this server answers with exists."""
    if model_id != MODEL_ID:
        raise ModelNotFound(f"the model {model_id!r} does not exist; this server answers with {MODEL_ID!r}")
    return _model_card(service.started_at)


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    responses={
        200: {"description": _STREAM_DOC, "content": {"text/event-stream": {}}},
        **openai_error_responses(400, 401, 413, 415, 422, 429, 503),
    },
)
async def chat_completions(body: ChatCompletionRequest, assistant: AssistantDep, service: ServiceDep) -> Response:
    """OpenAI chat completion: the last user message is answered, its sources listed under the answer."""
    question, earlier = _split_conversation(body.messages)
    task = recognise_task(question)
    if task is not None:
        extras: dict[str, Any] = {"session_id": body.session_id, "route": TASK_ROUTE}
        content = answer_task(task, assistant.coverage())
    else:
        replay = earlier[-MAX_REPLAYED_QUESTIONS:] if body.session_id is None else None
        reply = await ask(assistant, service.metrics, service.ask_limiter, question, body.session_id, replay)
        with_sources = service.settings.openai_sources if body.sources is None else body.sources
        extras = _extras(reply)
        content = reply.answer + (sources_markdown(reply.citations) if with_sources else "")
    completion_id = "chatcmpl-" + uuid.uuid4().hex
    created = int(time.time())
    usage = _usage(body.messages, content)
    if body.stream:
        include_usage = body.stream_options is not None and body.stream_options.include_usage
        chunks = _completion_chunks(content, extras, completion_id, created, usage if include_usage else None)
        return StreamingResponse(chunks, media_type="text/event-stream", headers=SSE_HEADERS)
    completion = ChatCompletion(
        id=completion_id,
        created=created,
        model=MODEL_ID,
        choices=[ChatCompletionChoice(message=ChatCompletionMessage(content=content))],
        usage=usage,
        **extras,
    )
    return Response(completion.model_dump_json(), media_type="application/json")


def sources_markdown(citations: list[Citation]) -> str:
    """The numbered sources as a short markdown list under the answer ('' when there are none)."""
    if not citations:
        return ""
    lines = ["", "", "**Sources**", ""]
    for citation in citations:
        where = f", {citation.section}" if citation.section and citation.section != citation.title else ""
        lines.append(f"- [{citation.id}] {_plain(citation.title)}{_plain(where)} ({citation.source})")
    return "\n".join(lines)


def _plain(text: str) -> str:
    """Markdown's emphasis and link characters, escaped: a title is text, not formatting."""
    return "".join("\\" + char if char in "*_`[]<>" else char for char in text)


def _model_card(started_at: int) -> ModelCard:
    return ModelCard(id=MODEL_ID, created=started_at)


def _split_conversation(messages: list[OpenAIMessage]) -> tuple[str, list[str]]:
    """The question (last user message) and the earlier user messages, oldest first."""
    user_texts = [message.text() for message in messages if message.role == "user"]
    if not user_texts:
        roles = sorted({message.role for message in messages})
        raise InvalidInput(f"messages must include a 'user' message with text content; got roles: {roles}")
    earlier = [text for text in user_texts[:-1] if text.strip()]
    return user_texts[-1], earlier


def _extras(reply: Reply) -> dict[str, Any]:
    return {
        "session_id": reply.session_id,
        "route": reply.route,
        "abstained": reply.abstained,
        "citations": reply.citations,
        "tool_calls": reply.tool_calls,
        "chart": chart_for(reply),
    }


def _usage(messages: list[OpenAIMessage], content: str) -> Usage:
    prompt = sum(len(message.text().split()) for message in messages)
    completion = len(content.split())
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion)


async def _completion_chunks(
    content: str, extras: dict[str, Any], completion_id: str, created: int, usage: Usage | None
) -> AsyncIterator[bytes]:
    def chunk(choices: list[ChunkChoice], **fields: Any) -> bytes:
        payload = ChatCompletionChunk(id=completion_id, created=created, model=MODEL_ID, choices=choices, **fields)
        # Extension fields only on the last content chunk, `usage` only on the usage chunk.
        hidden = {name for name in (*_EXTENSION_FIELDS, "usage") if name not in fields}
        return sse(payload.model_dump_json(exclude=hidden))

    yield chunk([ChunkChoice(delta=ChunkDelta(role="assistant", content=""))])
    for piece in answer_pieces(content):
        yield chunk([ChunkChoice(delta=ChunkDelta(content=piece))])
    yield chunk([ChunkChoice(delta=ChunkDelta(), finish_reason="stop")], **extras)
    if usage is not None:
        yield chunk([], usage=usage)
    yield sse("[DONE]")


class OpenAIErrorShapeMiddleware:
    """Rewrite error bodies under /v1 into OpenAI's shape, whoever produced them (route, guard, body guard).

    OpenAI clients and chat UIs read `error.message` and `error.type`; the API's own stable `code` is kept.
    Pure ASGI: only responses with a 4xx/5xx status are buffered (error bodies are small), streams pass."""

    def __init__(self, app: ASGIApp, prefix: str = PREFIX) -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not (scope["path"] == self.prefix or scope["path"].startswith(self.prefix + "/")):
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        body = bytearray()

        async def reshape(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start" and message["status"] >= 400:
                held = message
                return
            if held is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            reshaped = openai_error_json(bytes(body), held["status"])
            headers = [(name, value) for name, value in held["headers"] if name.lower() != b"content-length"]
            headers.append((b"content-length", str(len(reshaped)).encode()))
            await send({**held, "headers": headers})
            await send({"type": "http.response.body", "body": reshaped})

        await self.app(scope, receive, reshape)


def openai_error_json(body: bytes, status: int) -> bytes:
    """`{"error": {"code", "message", "details"}}` -> `{"error": {"message", "type", "param", "code"}}`;
    anything else is returned unchanged."""
    try:
        error = json.loads(body)["error"]
        message, code, details = error["message"], error["code"], error.get("details")
    except (ValueError, KeyError, TypeError):
        return body
    param = None
    if isinstance(details, list) and details and isinstance(details[0], dict) and details[0].get("loc"):
        param = ".".join(str(part) for part in details[0]["loc"])
    kind = _ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    return json.dumps({"error": {"message": message, "type": kind, "param": param, "code": code}}).encode()
