"""Optional LLM backend: rewrites the deterministic answer more fluently, under the same numeric check.

Off unless ASSISTANT_LLM_BASE_URL points at an OpenAI-compatible server (llama.cpp, vLLM, a hosted API).
The LLM sees only the composed answer and its evidence. Its text is used only if every number in it is in
the evidence and every [n] marker is a real citation; otherwise, or on any error or timeout, the
deterministic answer is sent unchanged. So the LLM can never put a number into an answer.
"""

from __future__ import annotations

import logging
import re
from typing import Protocol

import httpx

from assistant.errors import BackendError
from assistant.grounding import numbers_in, ungrounded_numbers

log = logging.getLogger(__name__)
DISAGREE = "sources disagree"  # the statistics answerer's words for conflicting figures (never rewritten away)

SYSTEM_PROMPT = (
    "You rewrite answers for a careers assistant. Keep every fact, figure and [n] citation marker exactly as "
    "given; do not add any number, fact or claim that is not in the draft or the evidence. Reply with the "
    "rewritten answer only."
)


class AnswerWriter(Protocol):
    def rewrite(self, question: str, draft: str, evidence: list[str]) -> str: ...


class OpenAICompatibleWriter:
    """Calls POST {base_url}/chat/completions; raises BackendError on failure."""

    def __init__(self, base_url: str, model: str, api_key: str | None, timeout_seconds: float) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout_seconds)
        self._model = model

    def rewrite(self, question: str, draft: str, evidence: list[str]) -> str:
        sources = "\n".join(f"- {e}" for e in evidence[:12])
        payload = {
            "model": self._model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": f"Question: {question}\n\nEvidence:\n{sources}\n\nDraft answer:\n{draft}"},
            ],
        }
        try:
            response = self._client.post("/chat/completions", json=payload)
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"]).strip()
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as error:
            raise BackendError(f"LLM backend failed: {error}") from error


def checked_rewrite(
    writer: AnswerWriter, question: str, draft: str, evidence_texts: list[str], evidence: set[float], markers: set[int]
) -> str:
    """The LLM's version if it passes the numeric and citation checks, else the deterministic draft."""
    try:
        candidate = writer.rewrite(question, draft, evidence_texts)
    except BackendError as error:
        log.warning("%s; sending the deterministic answer", error.message)
        return draft
    used = {int(m) for m in re.findall(r"\[(\d+)\]", candidate)}
    if not candidate or ungrounded_numbers(candidate, evidence) or not used <= markers or (markers and not used):
        log.warning("LLM rewrite rejected (numbers or citations not grounded): %r", candidate[:200])
        return draft
    if _drops_a_disagreement(draft, candidate):
        log.warning("LLM rewrite rejected (it drops a value the sources disagree on): %r", candidate[:200])
        return draft
    return candidate


def _drops_a_disagreement(draft: str, candidate: str) -> bool:
    """A draft that reports disagreeing sources keeps that sentence's sense and every value in the rewrite."""
    if DISAGREE not in draft.lower():
        return False
    kept = numbers_in(candidate)
    return DISAGREE not in candidate.lower() or any(not any(abs(n - k) < 1e-6 for k in kept) for n in numbers_in(draft))


def writer_from_settings(settings: object) -> AnswerWriter | None:
    base_url = getattr(settings, "llm_base_url", None)
    if not base_url:
        return None
    key = getattr(settings, "llm_api_key", None)
    return OpenAICompatibleWriter(
        base_url,
        getattr(settings, "llm_model", "local"),
        key.get_secret_value() if key else None,
        float(getattr(settings, "llm_timeout_seconds", 20.0)),
    )
