"""Runners: the Slack parity channel over the same ask(), and per-case crash isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.models import Citation, Reply
from assistant.settings import PROJECT_ROOT, Settings
from eval.errors import HarnessError
from eval.runners import InProcessRunner, SlackRunner, parity, run_case, slack_answer_text
from eval.schema import Case


class FakeAssistant:
    """Stands in for the core: answers from a table, or raises what it was told to."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.closed = False

    def ask(self, message: str, session_id: str | None = None) -> Reply:
        if message == "crash":
            raise RuntimeError("boom")
        return Reply(
            answer=self.answers.get(message, "The sources don't cover that."),
            session_id=session_id or "s1",
            route="statistics",
            abstained=message not in self.answers,
            citations=[Citation(id=1, title="2025 page", source="p.md:12", section="S", snippet="$5,808")],
            latency_ms=3.0,
        )

    def close(self) -> None:
        self.closed = True


def case(question: str, **expect: object) -> Case:
    raw = {"id": "c", "kind": "statistics", "split": "dev", "question": question, "expect": expect}
    return Case.model_validate(raw)


def test_slack_rendering_keeps_figures_and_markers() -> None:
    from api.slack.formatting import format_reply_blocks

    reply = Reply(
        answer="The **median** was $5,808 [1] (up +3.0% & more < than $6,000) [2].",
        session_id="s",
        route="statistics",
        abstained=False,
        citations=[],
        latency_ms=1.0,
    )
    text = slack_answer_text(format_reply_blocks(reply))
    assert "*median*" in text and "& more < than" in text
    assert parity(reply, text)
    assert not parity(reply, text.replace("$5,808", "$5,800"))
    assert not parity(reply, text.replace("[2]", ""))


def test_slack_runner_scores_the_slack_text() -> None:
    fake = FakeAssistant({"median 2025": "It was **$5,808** [1]."})
    runner = SlackRunner(InProcessRunner(Settings(corpus_dir=PROJECT_ROOT / "corpus"), assistant=fake))
    result = run_case(runner, case("median 2025", numbers=[{"value": 5808, "unit": "usd"}]))
    observation = result.turns[0].observation
    assert result.passed
    assert observation.answer == "It was *$5,808* [1]."
    assert observation.raw_answer == "It was **$5,808** [1]."
    assert observation.channel_parity is True and observation.cited_ids == [1]
    runner.close()
    assert not fake.closed  # the runner does not close an assistant it did not build


def test_a_crash_fails_that_case_only(tmp_path: Path) -> None:
    runner = InProcessRunner(Settings(data_dir=tmp_path), assistant=FakeAssistant({}))
    result = run_case(runner, case("crash", abstain=True))
    assert not result.passed
    assert result.failed_checks == ["abstention", "error"]
    assert "RuntimeError: boom" in (result.turns[0].observation.error or "")


def test_missing_build_is_a_harness_error(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="cannot build the assistant"):
        InProcessRunner(Settings(data_dir=tmp_path / "empty", corpus_dir=PROJECT_ROOT / "corpus"))
