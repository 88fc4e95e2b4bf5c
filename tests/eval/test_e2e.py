"""`assistant eval --suite statistics` in-process over the real assistant (real model, Chroma, DuckDB)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from eval.cli import main


@pytest.fixture
def real_env(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(built_data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(PROJECT_ROOT / "corpus"))
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)


@pytest.mark.slow
@pytest.mark.usefixtures("real_env")
def test_statistics_suite_in_process(tmp_path: Path, built_data_dir: Path) -> None:
    out = tmp_path / "out"
    code = main(["--suite", "statistics", "--out", str(out), "--no-progress", "--no-rag-baseline"])
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert code in (0, 1) and results["exit_code"] == code  # 2 would mean the harness broke
    assert results["manifest"]["channel"] == "in_process"
    build_id = (built_data_dir / "CURRENT").read_text().strip()
    assert results["manifest"]["fingerprints"]["index"] == build_id
    cases = {case["id"]: case for case in results["assistant"]["cases"]}
    assert len(cases) >= 50 and {case["kind"] for case in cases.values()} == {"statistics"}
    # query-named goldens were recomputed from the build's DuckDB: the figures the documents print
    median = cases["stat-median-2025"]["turns"][0]
    assert [(n["value"], n["query"] is not None) for n in median["expected_numbers"]] == [(5808.0, True)]
    mid = cases["stat-mle-mid"]["turns"][0]["expected_numbers"]
    assert [n["value"] for n in mid] == [120368.0, 193263.0]
    for case in cases.values():
        for turn in case["turns"]:
            seen = turn["observation"]
            assert seen["error"] is None, (case["id"], seen["error"])
            assert seen["route"] in {"statistics", "documents", "both", "out_of_scope", "invalid"}
            assert seen["latency_ms"] is not None and seen["tool_calls"] is not None
    # the headline figure is a blocking case: the real assistant must get it right
    assert cases["stat-median-2025"]["passed"], cases["stat-median-2025"]["failed_checks"]
    metrics = results["assistant"]["overall"]["metrics"]
    assert metrics["tool_call_match"]["n"] > 0 and metrics["tool_call_match"]["value"] is not None
    assert (out / "report.html").stat().st_size > 0 and (out / "junit.xml").exists()


@pytest.mark.slow
@pytest.mark.usefixtures("real_env")
def test_slack_parity_mode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["--slack", "--tags", "smoke", "--out", str(out), "--no-progress", "--no-rag-baseline"])
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert code in (0, 1)
    assert results["manifest"]["channel"] == "slack"
    parity = results["assistant"]["overall"]["metrics"]["channel_parity"]
    assert parity["n"] == sum(len(case["turns"]) for case in results["assistant"]["cases"])
    assert parity["value"] == 1.0  # the Slack rendering kept every figure and [n] marker
