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
from eval.metrics import summarise, summarise_by_kind, summarise_by_split, summarise_by_split_kind
from eval.models import CaseResult, Manifest, RunResult, SystemRun
from eval.readme import README_PATH, write_readme
from eval.report import HEADLINE_METRICS, format_metric, write_outputs
from eval.runners import ApiRunner, InProcessRunner, Runner, SlackRunner, run_cases
from eval.schema import CASES_DIR, SCHEMA_PATH, SPLITS, Case, case_files, load_cases, schema_text, select_cases

EXIT_PASSED, EXIT_FAILED, EXIT_BROKEN = 0, 1, 2
DEFAULT_OUT_ROOT = PROJECT_ROOT / "eval" / "out"


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant eval",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  assistant eval                                  # every case, in-process\n"
        "  assistant eval --split dev --kind documents     # what you work on (never tune on --split heldout)\n"
        "  assistant eval --rag-baseline --write-readme    # refresh the figures in eval/README.md\n"
        "  assistant eval --api http://127.0.0.1:8000      # a running service\n"
        "  assistant eval --baseline eval/out/<earlier>/results.json   # per-case diff",
    )
    parser.add_argument("--suite", type=_csv, default=None, help="Case files to run (comma-separated).")
    parser.add_argument("--kind", type=_csv, default=None, help="Case kinds to run (comma-separated).")
    parser.add_argument("--tags", type=_csv, default=None, help="Run cases with any of these tags.")
    parser.add_argument(
        "--split",
        choices=[*SPLITS, "all"],
        default="all",
        help="dev (look at it while working), heldout (never tune on it) or all (default).",
    )
    channel = parser.add_mutually_exclusive_group()
    channel.add_argument("--api", metavar="URL", help="Ask a running chat service (POST URL/chat).")
    channel.add_argument("--slack", action="store_true", help="Score the Slack rendering (channel parity).")
    parser.add_argument("--baseline", type=Path, help="Earlier results.json to diff against.")
    parser.add_argument("--out", type=Path, help="Output folder (default eval/out/<timestamp>).")
    parser.add_argument("--gates", type=Path, default=DEFAULT_GATES, help="Gates file (default eval/gates.yaml).")
    parser.add_argument(
        "--gate-split",
        choices=[*SPLITS, "all"],
        default="all",
        help="Apply the gates to this split's figures (CI: dev). Every split is still run and reported; gating "
        "the held-out split would make a failure there something to fix, that is, something to tune on.",
    )
    parser.add_argument(
        "--cases",
        type=Path,
        default=CASES_DIR,
        help="Case folder (default eval/cases; held-out cases in its heldout/). With another folder the shipped "
        "gates' blocking cases that it lacks are skipped.",
    )
    parser.add_argument("--no-progress", "--quiet", action="store_true", help="No progress bar.")
    parser.add_argument("--limit", type=int, help="Run only the first N selected cases.")
    parser.add_argument(
        "--rag-baseline",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="Also run the plain LangChain RAG baseline over the same cases and cache it for this build "
        "(default: use the cached baseline of this build and these cases when there is one).",
    )
    parser.add_argument(
        "--write-readme",
        action="store_true",
        help=f"Replace the generated figures block of {README_PATH.relative_to(PROJECT_ROOT)} with this run's.",
    )
    parser.add_argument(
        "--write-schema",
        action="store_true",
        help=f"Write the case-file JSON Schema to {SCHEMA_PATH.relative_to(PROJECT_ROOT)} and exit.",
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
    if args.write_schema:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"eval: wrote {SCHEMA_PATH}")
        return EXIT_PASSED
    started = datetime.now(UTC)
    if args.limit is not None and args.limit < 1:
        raise HarnessError(f"--limit must be at least 1, got {args.limit}")
    settings = Settings()
    paths = case_files(args.cases)
    all_cases = load_cases(paths, corpus_dir=settings.corpus_dir)
    cases = select_cases(all_cases, args.suite, args.kind, args.tags, args.limit, split=args.split)
    if not cases:
        raise HarnessError("no cases match the selection (--suite/--kind/--tags/--split/--limit)")
    # The shipped gates name shipped cases: with another --cases folder, a blocking case that folder lacks is
    # skipped (reported "not in this run") instead of breaking the run. A gates file of one's own is checked.
    shipped_gates_elsewhere = (
        args.gates.resolve() == DEFAULT_GATES.resolve() and args.cases.resolve() != CASES_DIR.resolve()
    )
    gates = load_gates(args.gates, None if shipped_gates_elsewhere else {case.id for case in all_cases})
    earlier = load_results(args.baseline) if args.baseline else None
    progress = not args.no_progress
    main_cases = [case for case in cases if case.corpus is None]
    if needs_goldens(main_cases):
        main_cases = resolve_goldens(main_cases, stats_db_path(settings))
        resolved = iter(main_cases)
        cases = [next(resolved) if case.corpus is None else case for case in cases]

    channel = "api" if args.api else ("slack" if args.slack else "in_process")
    results: list[CaseResult] = []
    fingerprints: dict[str, Any] = {}
    if main_cases:  # a run of planted-corpus suites alone needs no build of the real corpus
        runner = _runner(args, settings)
        try:
            results = run_cases(runner, main_cases, progress=progress, label=f"eval ({runner.channel})")
            fingerprints = _fingerprints(runner)
        finally:
            runner.close()
    results += _run_fixture_suites(args, settings, cases, progress)
    order = {case.id: number for number, case in enumerate(cases)}
    results.sort(key=lambda result: order[result.id])
    judge = LlmJudge.from_settings(settings)
    if judge is not None:
        try:
            judge_results(judge, cases, results)
        finally:
            judge.close()
    ours = _system_run("assistant", channel, results)
    baseline = _baseline(args, settings, main_cases, fingerprints, progress)

    regression = compare(ours, earlier, args.baseline, gates.regression) if earlier else None
    gate_report = _gate(gates, ours, args.gate_split, regression)
    exit_code = EXIT_PASSED if gate_report.passed else EXIT_FAILED
    result = RunResult(
        manifest=_manifest(args, settings, paths, fingerprints, channel, started, judge, gates),
        assistant=ours,
        baseline_rag=baseline,
        gates=gate_report,
        regression=regression,
        exit_code=exit_code,
    )
    out_dir = args.out or DEFAULT_OUT_ROOT / started.strftime("%Y%m%d-%H%M%S")
    outputs = write_outputs(result, out_dir)
    _print_summary(result, outputs)
    if args.write_readme:
        write_readme(result, README_PATH)
        print(f"eval: figures written to {README_PATH}")
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


def _run_fixture_suites(
    args: argparse.Namespace, settings: Settings, cases: Sequence[Case], progress: bool
) -> list[CaseResult]:
    """Cases whose suite builds its own corpus, each fixture on its own in-process assistant."""
    from eval.fixtures import fixture_settings
    from eval.runners import build_in_process

    groups: dict[str, list[Case]] = {}
    for case in cases:
        if case.corpus is not None:
            groups.setdefault(case.corpus.model_dump_json(), []).append(case)
    if groups and args.api:
        skipped = sum(len(group) for group in groups.values())
        print(f"eval: {skipped} cases on planted corpora skipped: --api cannot change the server's corpus")
        return []
    results: list[CaseResult] = []
    for group in groups.values():
        planted = fixture_settings(group[0].corpus, settings, progress=progress)  # type: ignore[arg-type]
        if needs_goldens(group):
            group = resolve_goldens(group, stats_db_path(planted))
        inner = InProcessRunner(planted, build_in_process(planted))
        runner: Runner = SlackRunner(inner) if args.slack else inner
        try:
            results += run_cases(runner, group, progress=progress, label=f"eval (planted corpus, {runner.channel})")
        finally:
            inner.assistant.close()
    return results


def _gate(gates: GateConfig, ours: SystemRun, split: str, regression: Any) -> Any:
    """The gates on every case, or on one split's figures and cases (a split absent from the run: all)."""
    if split == "all" or split not in ours.per_split:
        return evaluate_gates(gates, ours.overall, ours.per_kind, ours.cases, regression)
    cases = [case for case in ours.cases if case.split == split]
    return evaluate_gates(gates, ours.per_split[split], ours.per_split_kind.get(split, {}), cases, regression)


def _system_run(system: str, channel: str, results: list[CaseResult]) -> SystemRun:
    originals = {case.id: case.passed for case in results}
    return SystemRun(
        system=system,
        channel=channel,
        overall=summarise(results, originals),
        per_kind=summarise_by_kind(results, originals),
        per_split=summarise_by_split(results, originals),
        per_split_kind=summarise_by_split_kind(results, originals),
        cases=results,
    )


def _baseline_cache(settings: Settings, fingerprints: dict[str, Any], cases: Sequence[Case]) -> Path | None:
    """Where the RAG baseline of this build and these cases is cached (None when the build id is unknown)."""
    build = fingerprints.get("index")
    if not build:
        return None
    digest = hashlib.sha256("\n".join(case.model_dump_json() for case in cases).encode()).hexdigest()[:16]
    return settings.data_dir / "eval-cache" / f"baseline-{build}-{digest}.json"


def _baseline(
    args: argparse.Namespace,
    settings: Settings,
    cases: Sequence[Case],
    fingerprints: dict[str, Any],
    progress: bool,
) -> SystemRun | None:
    """The RAG baseline: run on request (--rag-baseline) and cached per build; otherwise the cache, if any."""
    cache = _baseline_cache(settings, fingerprints, cases)
    if not args.rag_baseline:
        if cache is None or not cache.is_file():
            return None
        try:
            cached = SystemRun.model_validate_json(cache.read_text(encoding="utf-8"))
        except ValueError:
            return None  # an unreadable cache is only a missing comparison
        cached.cached = str(cache)
        return cached
    if not cases:
        return None
    baseline = _baseline_run(settings, cases, progress)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        build_prefix = f"baseline-{fingerprints.get('index')}-"
        for stale in cache.parent.glob("baseline-*.json"):  # a few MB each: keep only this build's
            if not stale.name.startswith(build_prefix):
                stale.unlink(missing_ok=True)
        cache.write_text(baseline.model_dump_json(), encoding="utf-8")
    return baseline


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
            "split": args.split,
            "gate_split": args.gate_split,
            "cases": str(args.cases),
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
    for split, summary in run.per_split.items():
        accuracy = format_metric("case_accuracy", summary.metrics["case_accuracy"])
        print(f"  split {split:18} {summary.passed}/{summary.cases} ({accuracy})")
    for name in HEADLINE_METRICS:
        metric = run.overall.metrics.get(name)
        if metric is not None and (metric.value is not None or not name.startswith(("judge_", "channel_"))):
            print(f"  {name:24} {format_metric(name, metric)}")
    for gate in result.gates.results:
        if gate.status == "fail":
            print(f"  GATE FAILED: {gate.gate}" + (f" (actual {gate.actual:.4g})" if gate.actual is not None else ""))
    # Held-out ids are named only when the held-out split was asked for on its own: a default run is what
    # developers read while tuning, and a case's id already says what it asks.
    only_heldout = result.manifest.selection.get("split") == "heldout"
    failing = [case.id for case in run.cases if not case.passed and (only_heldout or case.split != "heldout")]
    if failing:
        print(f"eval: failing cases ({len(failing)}): {', '.join(failing)}")
    hidden = sum(not case.passed and case.split == "heldout" for case in run.cases) if not only_heldout else 0
    if hidden:
        print(f"eval: {hidden} held-out cases fail (ids: --split heldout, or the report; never tune on them)")
    if result.baseline_rag is not None and result.baseline_rag.cached:
        print(f"eval: RAG baseline from the cache of this build ({result.baseline_rag.cached})")
    gated = result.manifest.selection.get("gate_split", "all")
    on = "" if gated == "all" else f" (on the {gated} split; the others are reported, not gated)"
    print(f"eval: gates {'passed' if result.gates.passed else 'FAILED'}{on}; report: {outputs['html']}")
    print(f"eval: summary: {outputs['summary']}")
