"""Ways to put the cases to the assistant, all over the same `ask()`: in-process, over HTTP (`--api`), and
through the Slack formatting (`--slack`, channel parity). `run_cases` drives any runner with a progress bar.

Each case is one conversation: the first turn starts a session, later turns pass its session id back.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import httpx
from tqdm import tqdm

from assistant.models import Reply
from assistant.progress import show_progress
from assistant.settings import Settings
from eval.errors import HarnessError
from eval.metrics import ADVISORY_CHECKS, marker_ids, score_turn
from eval.models import CaseResult, Observation, ObservedCitation, ObservedPlanPart, ObservedToolCall, TurnResult
from eval.numbers import parse_numbers
from eval.schema import Case

# HTTP errors that are the channel's way of refusing bad input: scored like route "invalid" + abstained.
_INVALID_INPUT_CODES = {"empty_message", "message_too_long", "invalid_input", "payload_too_large"}
_RATE_LIMIT_RETRIES = 5


class Runner(Protocol):
    """One system behind one channel, answering a turn of a conversation."""

    channel: str

    def ask(self, message: str, session_id: str | None) -> Observation: ...

    def close(self) -> None: ...


def observation_from_reply(reply: Reply, wall_ms: float, text: str | None = None) -> Observation:
    """The scored view of a Reply; `text` replaces the answer when a channel re-renders it."""
    answer = reply.answer if text is None else text
    return Observation(
        answer=answer,
        route=reply.route,
        abstained=reply.abstained,
        citations=[
            ObservedCitation(
                id=c.id, title=c.title, source=c.source, section=c.section, snippet=c.snippet, score=c.score
            )
            for c in reply.citations
        ],
        cited_ids=marker_ids(answer),
        tool_calls=[
            ObservedToolCall(tool=call.tool, arguments=call.arguments, result=call.result) for call in reply.tool_calls
        ],
        plan=[
            ObservedPlanPart(
                text=part.text, kind=part.kind, route=part.route, covered=part.covered, confidence=part.confidence
            )
            for part in getattr(reply, "plan", None) or []
        ]
        or None,
        latency_ms=reply.latency_ms,
        wall_ms=wall_ms,
        session_id=reply.session_id,
        raw_answer=None if text is None else reply.answer,
    )


class InProcessRunner:
    """The real assistant in this process: `build_assistant(settings)`, then `ask()`."""

    channel = "in_process"

    def __init__(self, settings: Settings, assistant: Any | None = None) -> None:
        if assistant is None:
            assistant = build_in_process(settings)
            self._owned = True
        else:
            self._owned = False
        self.assistant = assistant

    def ask(self, message: str, session_id: str | None) -> Observation:
        started = time.perf_counter()
        reply = self.assistant.ask(message, session_id=session_id)
        return observation_from_reply(reply, (time.perf_counter() - started) * 1000)

    def close(self) -> None:
        if self._owned:
            self.assistant.close()


def build_in_process(settings: Settings) -> Any:
    """build_assistant(settings), with a harness error (exit 2) when there is no usable build."""
    from assistant.errors import AssistantError

    try:
        from assistant.pipeline import build_assistant
    except ImportError as exc:
        raise HarnessError(f"the core assistant is not available (assistant.pipeline: {exc})") from exc
    try:
        return build_assistant(settings)
    except AssistantError as exc:
        hint = "run `assistant ingest` first?"
        raise HarnessError(f"cannot build the assistant: {exc.message} ({hint})") from exc


class ApiRunner:
    """A running chat service: POST {url}/chat with {"message", "session_id"} -> Reply JSON."""

    channel = "api"

    def __init__(self, base_url: str, api_key: str | None = None, timeout: float = 30.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout)

    def ask(self, message: str, session_id: str | None) -> Observation:
        started = time.perf_counter()
        response = self._post({"message": message, "session_id": session_id})
        wall_ms = (time.perf_counter() - started) * 1000
        if response.status_code == 200:
            try:
                return observation_from_reply(Reply.model_validate(response.json()), wall_ms)
            except ValueError as exc:
                return Observation(answer="", wall_ms=wall_ms, error=f"reply is not the Reply JSON: {exc}")
        error = _error_body(response)
        if response.status_code in (400, 413, 422) and error.get("code") in _INVALID_INPUT_CODES:
            return Observation(answer=str(error.get("message", "")), route="invalid", abstained=True, wall_ms=wall_ms)
        return Observation(
            answer="", wall_ms=wall_ms, error=f"HTTP {response.status_code}: {error or response.text[:300]}"
        )

    def fingerprints(self) -> dict[str, Any]:
        """The server's build fingerprints from GET /readyz (empty when it does not say)."""
        try:
            body = self._client.get("/readyz").json()
        except (httpx.HTTPError, ValueError):
            return {}
        found = body.get("fingerprints") if isinstance(body, dict) else None
        return found if isinstance(found, dict) else {}

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        for _ in range(_RATE_LIMIT_RETRIES):
            try:
                response = self._client.post("/chat", json=body)
            except httpx.HTTPError as exc:
                raise HarnessError(f"cannot reach the chat service at {self.base_url}/chat: {exc}") from exc
            if response.status_code != 429:
                return response
            time.sleep(min(float(response.headers.get("Retry-After", "1") or 1), 30.0))
        return response

    def close(self) -> None:
        self._client.close()


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def slack_formatter() -> Callable[[Reply], list[dict[str, Any]]]:
    """api.slack's `format_reply_blocks`, or a harness error naming what is missing."""
    try:
        from api.slack.formatting import format_reply_blocks
    except ImportError as exc:
        raise HarnessError(
            f"Slack parity mode is not available: api.slack.formatting.format_reply_blocks ({exc})"
        ) from exc
    return format_reply_blocks


def slack_answer_text(blocks: list[dict[str, Any]]) -> str:
    """What a Slack user reads as the answer: the answer section blocks' mrkdwn, entities unescaped."""
    pieces = [
        block["text"]["text"]
        for block in blocks
        if block.get("type") == "section" and str(block.get("block_id", "")).startswith("answer")
    ]
    return html.unescape("\n".join(pieces))


def parity(reply: Reply, channel_text: str) -> bool:
    """The channel kept every figure (value and unit) and every citation marker of the reply, in order."""
    reply_numbers = [(n.value, n.unit) for n in parse_numbers(reply.answer)]
    channel_numbers = [(n.value, n.unit) for n in parse_numbers(channel_text)]
    return reply_numbers == channel_numbers and marker_ids(reply.answer) == marker_ids(channel_text)


class SlackRunner:
    """The same ask() as the bot, scored on the Slack rendering (Block Kit from api.slack.formatting)."""

    channel = "slack"

    def __init__(self, inner: InProcessRunner) -> None:
        self._format = slack_formatter()
        self.inner = inner

    def ask(self, message: str, session_id: str | None) -> Observation:
        started = time.perf_counter()
        reply = self.inner.assistant.ask(message, session_id=session_id)
        blocks = self._format(reply)
        text = slack_answer_text(blocks)
        observation = observation_from_reply(reply, (time.perf_counter() - started) * 1000, text=text)
        observation.channel_parity = parity(reply, text)
        return observation

    def close(self) -> None:
        self.inner.close()


def run_case(runner: Runner, case: Case) -> CaseResult:
    """Ask every turn of one conversation and score it."""
    session_id: str | None = None
    turns: list[TurnResult] = []
    for index, turn in enumerate(case.turns):
        try:
            observation = runner.ask(turn.text, session_id)
        except HarnessError:
            raise
        except Exception as exc:  # a crash on one case is that case's failure, not the run's
            observation = Observation(answer="", error=f"{type(exc).__name__}: {exc}")
        session_id = observation.session_id or session_id
        turns.append(score_turn(turn, observation, index))
    failed = sorted(
        {
            f"turn {turn.index}: {check.name}" if len(turns) > 1 else check.name
            for turn in turns
            for check in turn.checks
            if check.status == "fail" and check.name not in ADVISORY_CHECKS
        }
    )
    return CaseResult(
        id=case.id,
        kind=case.kind,
        suite=case.suite,
        split=case.split,
        tags=case.tags,
        note=case.note,
        paraphrase_of=case.paraphrase_of,
        passed=all(turn.passed for turn in turns),
        failed_checks=failed,
        turns=turns,
    )


def run_cases(runner: Runner, cases: Sequence[Case], *, progress: bool = True, label: str = "eval") -> list[CaseResult]:
    """Every case through one runner, in order, with a tqdm bar on stderr."""
    results: list[CaseResult] = []
    with tqdm(total=len(cases), desc=label, unit="case", disable=not show_progress(progress), leave=False) as bar:
        for case in cases:
            results.append(run_case(runner, case))
            bar.update(1)
            bar.set_postfix(passed=sum(r.passed for r in results), refresh=False)
    return results
