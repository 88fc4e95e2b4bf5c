"""`assistant eval ...`: run the expected Q&A pairs, score them, apply the gates, write the reports.

Exit codes: 0 gates passed, 1 a gate or a regression failed, 2 the harness or a case file is broken.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.settings import PROJECT_ROOT, Settings, force_offline
from eval.diff import compare, load_results
from eval.errors import HarnessError
from eval.gates import DEFAULT_GATES, GateConfig, evaluate_gates, load_gates
from eval.golden import needs_goldens, resolve_goldens, stats_db_path
from eval.judge import LlmJudge, judge_results
from eval.metrics import summarise, summarise_by_kind
from eval.models import CaseResult, Manifest, RunResult, SystemRun
from eval.report import HEADLINE_METRICS, format_metric, write_outputs
from eval.runners import ApiRunner, InProcessRunner, Runner, SlackRunner, run_cases
from eval.schema import CASES_DIR, Case, case_files, load_cases, select_cases

EXIT_PASSED, EXIT_FAILED, EXIT_BROKEN = 0, 1, 2
DEFAULT_OUT_ROOT = PROJECT_ROOT / "eval" / "out"


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant eval", description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=_csv, default=None, help="Case files to run (comma-separated).")
    parser.add_argument("--kind", type=_csv, default=None, help="Case kinds to run (comma-separated).")
    parser.add_argument("--tags", type=_csv, default=None, help="Run cases with any of these tags.")
    channel = parser.add_mutually_exclusive_group()
    channel.add_argument("--api", metavar="URL", help="Ask a running chat service (POST URL/chat).")
    channel.add_argument("--slack", action="store_true", help="Score the Slack rendering (channel parity).")
    parser.add_argument("--baseline", type=Path, help="Earlier results.json to diff against.")
    parser.add_argument("--out", type=Path, help="Output folder (default eval/out/<timestamp>).")
    parser.add_argument("--gates", type=Path, default=DEFAULT_GATES, help="Gates file (default eval/gates.yaml).")
    parser.add_argument("--cases", type=Path, default=CASES_DIR, help="Case folder (default eval/cases).")
    parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
    parser.add_argument("--limit", type=int, help="Run only the first N selected cases.")
    parser.add_argument(
        "--rag-baseline",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Also run the plain LangChain RAG baseline over the same cases (default on).",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except AssistantError as exc:  # HarnessError and CaseFileError included: the harness cannot run
        print(f"eval: error: {exc.message}", file=sys.stderr)
        return EXIT_BROKEN


def run(args: argparse.Namespace) -> int:
    force_offline()
    started = datetime.now(UTC)
    if args.limit is not None and args.limit < 1:
        raise HarnessError(f"--limit must be at least 1, got {args.limit}")
    settings = Settings()
    paths = case_files(args.cases)
    all_cases = load_cases(paths, corpus_dir=settings.corpus_dir)
    cases = select_cases(all_cases, args.suite, args.kind, args.tags, args.limit)
    if not cases:
        raise HarnessError("no cases match the selection (--suite/--kind/--tags/--limit)")
    gates = load_gates(args.gates, {case.id for case in all_cases})
    earlier = load_results(args.baseline) if args.baseline else None
    if needs_goldens(cases):
        cases = resolve_goldens(cases, stats_db_path(settings))
    progress = not args.no_progress

    runner = _runner(args, settings)
    try:
        results = run_cases(runner, cases, progress=progress, label=f"eval ({runner.channel})")
        fingerprints = _fingerprints(runner)
    finally:
        runner.close()
    judge = LlmJudge.from_settings(settings)
    if judge is not None:
        try:
            judge_results(judge, cases, results)
        finally:
            judge.close()
    ours = _system_run("assistant", runner.channel, results)
    baseline = _baseline_run(settings, cases, progress) if args.rag_baseline else None

    regression = compare(ours, earlier, args.baseline, gates.regression) if earlier else None
    gate_report = evaluate_gates(gates, ours.overall, ours.per_kind, ours.cases, regression)
    exit_code = EXIT_PASSED if gate_report.passed else EXIT_FAILED
    result = RunResult(
        manifest=_manifest(args, settings, paths, fingerprints, runner.channel, started, judge, gates),
        assistant=ours,
        baseline_rag=baseline,
        gates=gate_report,
        regression=regression,
        exit_code=exit_code,
    )
    out_dir = args.out or DEFAULT_OUT_ROOT / started.strftime("%Y%m%d-%H%M%S")
    outputs = write_outputs(result, out_dir)
    _print_summary(result, outputs)
    return exit_code


def _runner(args: argparse.Namespace, settings: Settings) -> Runner:
    if args.api:
        key = settings.api_key.get_secret_value() if settings.api_key else None
        return ApiRunner(args.api, api_key=key)
    if args.slack:
        return SlackRunner(InProcessRunner(settings))
    return InProcessRunner(settings)


def _fingerprints(runner: Runner) -> dict[str, Any]:
    if isinstance(runner, ApiRunner):
        return runner.fingerprints()
    inner = runner.inner if isinstance(runner, SlackRunner) else runner
    if isinstance(inner, InProcessRunner):
        return dict(inner.assistant.fingerprints())
    return {}


def _system_run(system: str, channel: str, results: list[CaseResult]) -> SystemRun:
    originals = {case.id: case.passed for case in results}
    return SystemRun(
        system=system,
        channel=channel,
        overall=summarise(results, originals),
        per_kind=summarise_by_kind(results, originals),
        cases=results,
    )


def _baseline_run(settings: Settings, cases: Sequence[Case], progress: bool) -> SystemRun:
    from eval.baseline_rag import BaselineRag

    rag = BaselineRag(settings)
    try:
        results = run_cases(rag, cases, progress=progress, label="baseline RAG")
    finally:
        rag.close()
    return _system_run("baseline_rag", rag.channel, results)


def _git(*args: str) -> str | None:
    # GIT_OPTIONAL_LOCKS=0: read-only, never refresh the index of a checkout others are working in.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10, env=env, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def _manifest(
    args: argparse.Namespace,
    settings: Settings,
    paths: Sequence[Path],
    fingerprints: dict[str, Any],
    channel: str,
    started: datetime,
    judge: LlmJudge | None,
    gates: GateConfig,
) -> Manifest:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    status = _git("status", "--porcelain", "--untracked-files=no")
    return Manifest(
        started_at=started.isoformat(timespec="seconds"),
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        git_commit=_git("rev-parse", "HEAD"),
        git_dirty=None if status is None else bool(status),
        fingerprints=fingerprints,
        model=str(fingerprints.get("model_path") or settings.model_path.name),
        channel=channel,
        api_url=args.api,
        selection={
            "suite": args.suite,
            "kind": args.kind,
            "tags": args.tags,
            "limit": args.limit,
            "gates": str(args.gates),
            "blocking_cases": len(gates.blocking_cases),
            "rag_baseline": args.rag_baseline,
        },
        case_files_sha256=digest.hexdigest(),
        judge_model=judge.model if judge else None,
        python=platform.python_version(),
        host_cores=os.cpu_count(),
    )


def _print_summary(result: RunResult, outputs: dict[str, Path]) -> None:
    run = result.assistant
    print(f"eval: {run.overall.passed}/{run.overall.cases} cases passed ({run.channel})")
    for name in HEADLINE_METRICS:
        metric = run.overall.metrics.get(name)
        if metric is not None and (metric.value is not None or not name.startswith(("judge_", "channel_"))):
            print(f"  {name:24} {format_metric(name, metric)}")
    for gate in result.gates.results:
        if gate.status == "fail":
            print(f"  GATE FAILED: {gate.gate}" + (f" (actual {gate.actual:.4g})" if gate.actual is not None else ""))
    print(f"eval: gates {'passed' if result.gates.passed else 'FAILED'}; report: {outputs['html']}")
    print(f"eval: summary: {outputs['summary']}")
