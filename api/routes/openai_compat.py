"""OpenAI-compatible /v1/chat/completions (stream and non-stream) and /v1/models, for existing chat clients.

The assistant's citations, route and statistics ride along as extra top-level fields (on the last chunk
when streaming); clients that do not know them ignore them.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends
from fastapi.responses import Response, StreamingResponse

from api.core_calls import ask
from api.deps import AssistantDep, ServiceDep, guard_client
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
    OpenAIMessage,
    Usage,
)
from api.streaming import SSE_HEADERS, answer_pieces, sse
from assistant.errors import InvalidInput
from assistant.models import Reply

router = APIRouter(prefix="/v1", tags=["openai-compatible"], dependencies=[Depends(guard_client)])

MAX_REPLAYED_QUESTIONS = 4
_EXTENSION_FIELDS = {"session_id", "route", "abstained", "citations", "tool_calls"}
_STREAM_DOC = (
    "With `stream: true`: Server-Sent Events of chat.completion.chunk objects, the last one with "
    "finish_reason 'stop' and the citations, then `data: [DONE]`."
)


@router.get("/models", response_model=ModelList, responses=error_responses(401, 429))
async def list_models(service: ServiceDep) -> ModelList:
    """List the one model this server answers with."""
    return ModelList(data=[ModelCard(id=MODEL_ID, created=service.started_at)])


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    responses={
        200: {"description": _STREAM_DOC, "content": {"text/event-stream": {}}},
        **error_responses(400, 401, 413, 422, 429, 503),
    },
)
async def chat_completions(body: ChatCompletionRequest, assistant: AssistantDep, service: ServiceDep) -> Response:
    """OpenAI chat completion: the last user message is answered; citations ride along as extra fields."""
    question, earlier = _split_conversation(body.messages)
    replay = earlier[-MAX_REPLAYED_QUESTIONS:] if body.session_id is None else None
    reply = await ask(assistant, service.metrics, service.ask_limiter, question, body.session_id, replay)
    completion_id = "chatcmpl-" + uuid.uuid4().hex
    created = int(time.time())
    if body.stream:
        chunks = _completion_chunks(reply, completion_id, created)
        return StreamingResponse(chunks, media_type="text/event-stream", headers=SSE_HEADERS)
    completion = ChatCompletion(
        id=completion_id,
        created=created,
        model=MODEL_ID,
        choices=[ChatCompletionChoice(message=ChatCompletionMessage(content=reply.answer))],
        usage=_usage(question, reply.answer),
        **_extras(reply),
    )
    return Response(completion.model_dump_json(), media_type="application/json")


def _split_conversation(messages: list[OpenAIMessage]) -> tuple[str, list[str]]:
    """The question (last user message) and the earlier user messages, oldest first."""
    user_texts = [message.text() for message in messages if message.role == "user"]
    if not user_texts:
        roles = sorted({message.role for message in messages})
        raise InvalidInput(f"messages must include a 'user' message with text content; got roles: {roles}")
    earlier = [text for text in user_texts[:-1] if text.strip()]
    return user_texts[-1], earlier


def _extras(reply: Reply) -> dict[str, object]:
    return {
        "session_id": reply.session_id,
        "route": reply.route,
        "abstained": reply.abstained,
        "citations": reply.citations,
        "tool_calls": reply.tool_calls,
    }


def _usage(question: str, answer: str) -> Usage:
    prompt, completion = len(question.split()), len(answer.split())
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion)


async def _completion_chunks(reply: Reply, completion_id: str, created: int) -> AsyncIterator[bytes]:
    def chunk(delta: ChunkDelta, finish: bool = False, **extras: object) -> bytes:
        choice = ChunkChoice(delta=delta, finish_reason="stop" if finish else None)
        payload = ChatCompletionChunk(id=completion_id, created=created, model=MODEL_ID, choices=[choice], **extras)
        return sse(payload.model_dump_json(exclude=None if extras else _EXTENSION_FIELDS))

    yield chunk(ChunkDelta(role="assistant", content=""))
    for piece in answer_pieces(reply.answer):
        yield chunk(ChunkDelta(content=piece))
    yield chunk(ChunkDelta(), finish=True, **_extras(reply))
    yield sse("[DONE]")
