"""Optional LLM judge (faithfulness to the cited evidence, correctness against the case's rubric).

Runs only when settings.llm_base_url is set, through an OpenAI-compatible /v1/chat/completions endpoint.
Advisory: its scores are reported next to the deterministic metrics but never decide a pass or a gate, and a
judge that fails or answers nonsense leaves a note on the turn instead of stopping the run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import httpx

from assistant.settings import Settings
from eval.models import CaseResult, JudgeVerdict, TurnResult
from eval.schema import Case, CaseTurn

_SYSTEM = (
    "You grade one answer of a grounded assistant about AI/ML careers and salaries. "
    "faithfulness: 1 if every claim and figure in the answer is supported by the evidence, 0 if it invents. "
    "correctness: 1 if the answer satisfies the rubric, 0 if not; partial credit allowed. "
    'Reply with JSON only: {"faithfulness": <0-1>, "correctness": <0-1>, "rationale": "<one sentence>"}.'
)
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def completions_url(base_url: str) -> str:
    """'http://host:8080' or 'http://host:8080/v1' -> '.../v1/chat/completions'."""
    base = base_url.rstrip("/")
    return f"{base}/chat/completions" if base.endswith("/v1") else f"{base}/v1/chat/completions"


def rubric(turn: CaseTurn) -> str:
    """The case's expectations in words, for the judge."""
    expect = turn.expect
    if expect.abstain:
        return "The question is not covered by the sources: the answer must decline and invent nothing."
    parts = [f"states {n.label or 'the figure'} {n.value:g} ({n.unit})" for n in expect.numbers]
    parts += [f"mentions {p if isinstance(p, str) else ' or '.join(p)!r}" for p in expect.contains]
    parts += [f"does not say {p!r}" for p in expect.not_contains]
    return "The answer " + "; ".join(parts) + "." if parts else "The answer addresses the question."


class LlmJudge:
    """A small OpenAI-compatible client: one chat completion per judged turn."""

    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout: float = 20.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.model = model
        self._url = completions_url(base_url)
        self._client = httpx.Client(headers=headers, timeout=timeout)

    @classmethod
    def from_settings(cls, settings: Settings) -> LlmJudge | None:
        """A judge when an LLM backend is configured, else None (the judge is optional)."""
        if not settings.llm_base_url:
            return None
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(settings.llm_base_url, settings.llm_model, key, settings.llm_timeout_seconds)

    def judge(self, question: str, answer: str, evidence: Sequence[str], rubric_text: str) -> JudgeVerdict:
        prompt = (
            f"Question: {question}\n\nRubric: {rubric_text}\n\nEvidence:\n"
            + "\n".join(f"- {snippet[:800]}" for snippet in evidence)
            + f"\n\nAnswer:\n{answer}"
        )
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": prompt}],
        }
        try:
            response = self._client.post(self._url, json=body)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            return JudgeVerdict(error=f"judge call failed: {type(exc).__name__}: {exc}")
        return parse_verdict(content)

    def judge_turn(self, turn: CaseTurn, result: TurnResult) -> JudgeVerdict:
        evidence = [citation.snippet for citation in result.observation.citations]
        return self.judge(turn.text, result.observation.answer, evidence, rubric(turn))

    def close(self) -> None:
        self._client.close()


def parse_verdict(content: str) -> JudgeVerdict:
    """The judge's JSON (possibly wrapped in prose or a code fence), scores clamped to 0-1."""
    match = _JSON_OBJECT.search(content or "")
    try:
        data = json.loads(match.group(0)) if match else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        return JudgeVerdict(error=f"judge reply is not JSON: {content[:200]!r}")
    return JudgeVerdict(
        faithfulness=_score(data.get("faithfulness")),
        correctness=_score(data.get("correctness")),
        rationale=str(data.get("rationale", ""))[:500],
    )


def _score(value: object) -> float | None:
    try:
        return min(1.0, max(0.0, float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def judge_results(judge: LlmJudge, cases: Sequence[Case], results: Sequence[CaseResult]) -> None:
    """Attach an advisory verdict to every turn of `results` (in place)."""
    by_id = {case.id: case for case in cases}
    for result in results:
        case = by_id[result.id]
        for turn_result in result.turns:
            turn_result.judge = judge.judge_turn(case.turns[turn_result.index], turn_result)
