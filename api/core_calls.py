"""Calls into the core, off the event loop: `ask()` is synchronous CPU work, so it runs in worker threads.

Those threads are capped per process (`ask_limiter`): pure-Python CPU work holds the GIL, so more threads
than cores only interleave requests, and every answer finishes late. With a small cap the requests queue in
order instead; throughput is the same and the latency tail much shorter (measured with api/bench_load.py:
p99/p50 about 1.5 instead of 3-5 at 16 and 64 clients). An LLM rewriter waits on the network, so it gets more.
"""

from __future__ import annotations

import functools
import os

import anyio
from anyio import CapacityLimiter

from api.metrics import ServiceMetrics
from assistant.models import Reply
from assistant.pipeline import Assistant
from assistant.settings import Settings


def default_ask_threads(settings: Settings) -> int:
    """As many as cores for CPU-bound answering; more when answers wait on an LLM service."""
    cores = os.cpu_count() or 2
    return max(2, cores) if settings.llm_base_url is None else max(16, 4 * cores)


async def ask(
    assistant: Assistant,
    metrics: ServiceMetrics,
    limiter: CapacityLimiter,
    message: str,
    session_id: str | None,
    earlier_questions: list[str] | None = None,
) -> Reply:
    """Validate (4xx on bad input, same messages as the core), then answer in a worker thread.

    `earlier_questions` are replayed into the session first, so stateless clients that resend the
    whole conversation (OpenAI-style chat UIs) still get follow-up context.
    """
    clean = assistant.validate(message)
    if earlier_questions:
        call = functools.partial(_ask_after_replay, assistant, earlier_questions, clean, session_id)
    else:
        call = functools.partial(assistant.ask, clean, session_id=session_id)
    reply = await anyio.to_thread.run_sync(call, limiter=limiter)
    metrics.count_reply(reply)
    return reply


def _ask_after_replay(assistant: Assistant, earlier: list[str], message: str, session_id: str | None) -> Reply:
    for question in earlier:
        session_id = assistant.ask(question, session_id=session_id).session_id
    return assistant.ask(message, session_id=session_id)
