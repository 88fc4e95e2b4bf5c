"""`assistant eval` end to end against a fake chat service over HTTP: exit codes, gates, --baseline diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.cli import main


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)


def run_eval(fake: Any, cases: Path, gates: Path, out: Path, *extra: str) -> int:
    url = fake if isinstance(fake, str) else fake.url
    argv = ["--api", url, "--cases", str(cases), "--gates", str(gates), "--out", str(out)]
    return main([*argv, "--no-progress", "--no-rag-baseline", *extra])


def load(out: Path) -> dict:
    return json.loads((out / "results.json").read_text(encoding="utf-8"))


def test_all_pass_exit_0(fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path) -> None:
    fake_chat.rate_limit_first = True  # a 429 is waited out, not scored
    out = tmp_path / "out"
    assert run_eval(fake_chat, small_cases, lenient_gates, out) == 0
    results = load(out)
    assert results["exit_code"] == 0 and results["gates"]["passed"] is True
    assert results["manifest"]["channel"] == "api"
    assert results["manifest"]["fingerprints"] == {"index": "fake-build", "corpus": "c0"}
    cases = {case["id"]: case for case in results["assistant"]["cases"]}
    assert all(case["passed"] for case in cases.values()), [c["failed_checks"] for c in cases.values()]
    empty = cases["s-empty"]["turns"][0]["observation"]
    assert empty["route"] == "invalid" and empty["abstained"] is True  # the 400 refusal, scored as invalid input
    followup = [r for r in fake_chat.requests if r["message"] == "And in 2024?"]
    assert followup and followup[0]["session_id"]  # the second turn continued the first turn's session
    overall = results["assistant"]["overall"]["metrics"]
    assert overall["paraphrase_consistency"]["value"] == 1.0
    assert overall["latency_p50_ms"]["value"] == 12.5
    assert results["baseline_rag"] is None


def test_failing_blocking_case_exit_1(fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path) -> None:
    fake_chat.replies["What was the median salary expectation in 2025?"]["answer"] = "It was $5,640 [1]."
    out = tmp_path / "out"
    assert run_eval(fake_chat, small_cases, lenient_gates, out) == 1
    gates = {gate["gate"]: gate for gate in load(out)["gates"]["results"]}
    assert gates["blocking s-median-2025"]["status"] == "fail"
    assert "numbers" in gates["blocking s-median-2025"]["detail"]
    assert gates["overall.case_accuracy >= 0.5"]["status"] == "pass"


def test_threshold_gate_fails_exit_1(fake_chat: Any, small_cases: Path, tmp_path: Path) -> None:
    gates = tmp_path / "strict.yaml"
    gates.write_text("overall:\n  latency_p95_ms: {max: 1}\nper_kind:\n  documents:\n    hit_at_k: {min: 0.9}\n")
    out = tmp_path / "out"
    assert run_eval(fake_chat, small_cases, gates, out) == 1
    results = {gate["gate"]: gate for gate in load(out)["gates"]["results"]}
    assert results["overall.latency_p95_ms <= 1"]["status"] == "fail"
    assert results["documents.hit_at_k >= 0.9"]["status"] == "skipped"  # no documents cases in this run


@pytest.mark.parametrize(
    ("gates_text", "message"),
    [
        ("overall:\n  judge_faithfulness: {min: 0.5}\n", "judge_* metrics are advisory"),
        ("overall:\n  case_accuracy: {}\n", "needs 'min' or 'max'"),
        ("blocking_cases: [no-such-case]\n", "unknown case ids"),
        ("per_kind:\n  poetry:\n    case_accuracy: {min: 1}\n", "unknown kinds"),
    ],
)
def test_broken_gates_exit_2(
    fake_chat: Any,
    small_cases: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    gates_text: str,
    message: str,
) -> None:
    gates = tmp_path / "gates.yaml"
    gates.write_text(gates_text)
    assert run_eval(fake_chat, small_cases, gates, tmp_path / "out") == 2
    assert message in capsys.readouterr().err


def test_unreachable_api_exit_2(small_cases: Path, lenient_gates: Path, tmp_path: Path, capsys) -> None:
    assert run_eval("http://127.0.0.1:9", small_cases, lenient_gates, tmp_path / "out") == 2
    assert "cannot reach the chat service" in capsys.readouterr().err


def test_empty_selection_exit_2(fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path) -> None:
    assert run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "out", "--tags", "no-such-tag") == 2


def test_baseline_diff_reports_regressions(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path
) -> None:
    first, second, third = tmp_path / "first", tmp_path / "second", tmp_path / "third"
    assert run_eval(fake_chat, small_cases, lenient_gates, first) == 0

    fake_chat.replies["What is the ML Engineer salary in Boston?"]["abstained"] = False
    assert run_eval(fake_chat, small_cases, lenient_gates, second, "--baseline", str(first / "results.json")) == 1
    regression = load(second)["regression"]
    assert regression["pass_to_fail"] == ["s-boston"]
    assert regression["fail_to_pass"] == []
    # two turns should abstain (Boston, the empty message); one of them no longer does
    recall = regression["metric_deltas"]["overall"]["abstention_recall"]
    assert recall == {"before": 1.0, "after": 0.5, "delta": -0.5}
    assert any("pass to fail" in reason for reason in regression["failures"])
    assert "pass -> fail (1): s-boston" in (second / "summary.md").read_text()

    fake_chat.replies["What is the ML Engineer salary in Boston?"]["abstained"] = True
    assert run_eval(fake_chat, small_cases, lenient_gates, third, "--baseline", str(second / "results.json")) == 0
    assert load(third)["regression"]["fail_to_pass"] == ["s-boston"]


def test_baseline_that_is_not_results_exit_2(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, capsys
) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"schema_version": 99}')
    assert run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "out", "--baseline", str(bogus)) == 2
    assert "schema_version 99" in capsys.readouterr().err


def test_cached_rag_baseline_of_this_build_is_shown_without_running_it(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, capsys
) -> None:
    from assistant.settings import Settings
    from eval.cli import _baseline_cache
    from eval.schema import case_files, load_cases

    first = tmp_path / "first"
    assert run_eval(fake_chat, small_cases, lenient_gates, first) == 0
    assert load(first)["baseline_rag"] is None  # nothing cached, nothing run: the baseline is on request
    # Stand in for an earlier `--rag-baseline` run of this build: its cached results, one case failing.
    ours = load(first)["assistant"]
    ours["system"], ours["channel"] = "baseline_rag", "baseline_rag"
    ours["cases"][0]["passed"] = False
    cases = load_cases(case_files(small_cases), corpus_dir=Settings().corpus_dir)
    cache = _baseline_cache(Settings(), {"index": "fake-build"}, cases)
    assert cache is not None and "fake-build" in cache.name
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps(ours), encoding="utf-8")

    second = tmp_path / "second"
    assert run_eval(fake_chat, small_cases, lenient_gates, second) == 0
    baseline = load(second)["baseline_rag"]
    assert baseline is not None and baseline["cached"] == str(cache)
    assert "RAG baseline from the cache of this build" in capsys.readouterr().out
    assert "RAG baseline from this build's cache" in (second / "report.html").read_text(encoding="utf-8")

    fake_chat.fingerprints = {"index": "another-build", "corpus": "c1"}
    third = tmp_path / "third"
    assert run_eval(fake_chat, small_cases, lenient_gates, third) == 0
    assert load(third)["baseline_rag"] is None  # another build: the cached baseline does not apply


def test_shipped_gates_with_another_cases_folder_skip_the_missing_blocking_cases(
    fake_chat: Any, small_cases: Path, tmp_path: Path
) -> None:
    url = fake_chat.url
    out = tmp_path / "out"
    argv = ["--api", url, "--cases", str(small_cases), "--out", str(out), "--no-progress"]
    code = main(argv)  # the shipped eval/gates.yaml names cases this folder lacks: not a broken run
    gates = load(out)["gates"]["results"]
    blocking = [gate for gate in gates if gate["gate"].startswith("blocking ")]
    assert blocking and all(gate["status"] == "skipped" for gate in blocking)
    assert code in (0, 1)


def test_split_selection_runs_only_that_split(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path
) -> None:
    assert run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "dev", "--split", "dev") == 0
    assert load(tmp_path / "dev")["assistant"]["overall"]["cases"] == 6
    assert set(load(tmp_path / "dev")["assistant"]["per_split"]) == {"dev"}
    assert run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "held", "--split", "heldout") == 2


def test_terminal_names_held_out_failures_only_when_the_held_out_split_is_asked_for(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path, capsys
) -> None:
    text = (small_cases / "small.yaml").read_text(encoding="utf-8")
    held, boston = text.split("  - id: s-boston\n")[0], "  - id: s-boston\n" + text.split("  - id: s-boston\n")[1]
    boston, rest = boston.split("  - id: s-median-typo\n")
    (small_cases / "small.yaml").write_text(held + "  - id: s-median-typo\n" + rest, encoding="utf-8")
    (small_cases / "heldout").mkdir()
    (small_cases / "heldout" / "held.yaml").write_text(
        "suite: held\nsplit: heldout\ncases:\n" + boston, encoding="utf-8"
    )
    fake_chat.replies["What is the ML Engineer salary in Boston?"]["abstained"] = False
    fake_chat.replies["Mid-Career ML Engineer salary?"]["answer"] = "No idea."
    run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "all")
    printed = capsys.readouterr().out
    assert "eval: failing cases (1): s-mle-mid" in printed
    assert "eval: 1 held-out cases fail" in printed and "s-boston" not in printed.split("report:")[0]
    run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "held", "--split", "heldout")
    assert "eval: failing cases (1): s-boston" in capsys.readouterr().out


@pytest.mark.slow
def test_rag_baseline_on_request_is_cached_for_the_build(
    fake_chat: Any, small_cases: Path, lenient_gates: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "data" / "eval-cache"
    cache_dir.mkdir(parents=True)
    stale = cache_dir / "baseline-old-build-0123456789abcdef.json"
    stale.write_text("{}", encoding="utf-8")
    assert run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "one", "--rag-baseline") == 0
    first = load(tmp_path / "one")["baseline_rag"]
    assert first is not None and first["cached"] is None and first["overall"]["cases"] == 6
    cached = sorted(path.name for path in cache_dir.iterdir())
    assert len(cached) == 1 and cached[0].startswith("baseline-fake-build-")  # the other build's is gone
    assert run_eval(fake_chat, small_cases, lenient_gates, tmp_path / "two") == 0
    second = load(tmp_path / "two")["baseline_rag"]
    assert second["cached"] == str(cache_dir / cached[0])
    assert [case["passed"] for case in second["cases"]] == [case["passed"] for case in first["cases"]]
