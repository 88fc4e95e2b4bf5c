"""POST /chat (one JSON reply) and POST /chat/stream (the same reply over Server-Sent Events)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends
from fastapi.responses import Response, StreamingResponse

from api.core_calls import ask
from api.deps import AssistantDep, ServiceDep, guard_client
from api.routes import error_responses
from api.schemas import ChatReply, ChatRequest
from api.streaming import SSE_HEADERS, answer_pieces, sse
from assistant.models import Reply

router = APIRouter(tags=["chat"], dependencies=[Depends(guard_client)])

_CHAT_ERRORS = error_responses(400, 401, 413, 415, 422, 429, 503)
_STREAM_DOC = (
    'Server-Sent Events: `event: delta` frames with `{"text": ...}` (pieces of the answer, in order), then '
    "one `event: reply` frame whose data is the full ChatReply JSON (with its `chart`)."
)


@router.post("/chat", response_model=ChatReply, responses=_CHAT_ERRORS)
async def chat(body: ChatRequest, assistant: AssistantDep, service: ServiceDep) -> Response:
    """Ask a question; the reply carries the answer, numbered citations and the statistics behind it."""
    reply = await ask(assistant, service.metrics, service.ask_limiter, body.message, body.session_id)
    # Serialised directly: the Reply is already validated, a second pass through response_model costs time.
    return Response(ChatReply.of(reply).model_dump_json(), media_type="application/json")


@router.post(
    "/chat/stream",
    response_class=StreamingResponse,
    responses={200: {"description": _STREAM_DOC, "content": {"text/event-stream": {}}}, **_CHAT_ERRORS},
)
async def chat_stream(body: ChatRequest, assistant: AssistantDep, service: ServiceDep) -> StreamingResponse:
    """Ask a question and receive the answer as Server-Sent Events: text pieces, then the full reply."""
    reply = await ask(assistant, service.metrics, service.ask_limiter, body.message, body.session_id)
    return StreamingResponse(_reply_events(reply), media_type="text/event-stream", headers=SSE_HEADERS)


async def _reply_events(reply: Reply) -> AsyncIterator[bytes]:
    """Async, so Starlette streams it on the event loop instead of a thread hop per frame."""
    for piece in answer_pieces(reply.answer):
        yield sse(json.dumps({"text": piece}), event="delta")
    yield sse(ChatReply.of(reply).model_dump_json(), event="reply")
