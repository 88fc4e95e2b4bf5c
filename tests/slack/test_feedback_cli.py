"""`assistant feedback export`: the rated answers as a YAML review file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.cli import main as assistant_main
from assistant.feedback import FeedbackStore
from assistant.models import Reply
from assistant.settings import Settings


def test_export_through_the_assistant_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    store = FeedbackStore(Settings().feedback_db_path)
    reply = Reply(answer="$5,808 [1]", session_id="s", route="statistics", abstained=False, latency_ms=1.0)
    store.rate(store.record_answer("median 2025?", reply), "up", user="U1")
    store.close()

    out = tmp_path / "review" / "feedback.yaml"
    assert assistant_main(["feedback", "export", "--out", str(out)]) == 0
    assert "wrote 1 case(s)" in capsys.readouterr().err
    [case] = yaml.safe_load(out.read_text())["cases"]
    assert (case["question"], case["answer_given"], case["rating"]) == ("median 2025?", "$5,808 [1]", "up")

    assert assistant_main(["feedback", "export"]) == 0  # to standard output
    assert yaml.safe_load(capsys.readouterr().out)["cases"] == [case]


def test_export_before_any_feedback_writes_an_empty_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "empty"))
    assert assistant_main(["feedback", "export"]) == 0
    captured = capsys.readouterr()
    assert "no feedback yet" in captured.err
    assert yaml.safe_load(captured.out)["cases"] == []
    assert not (tmp_path / "empty").exists()  # exporting never creates a store
