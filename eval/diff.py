"""`--baseline results.json`: what changed against an earlier run, case by case and metric by metric."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from eval.errors import HarnessError
from eval.gates import RegressionLimits
from eval.models import SCHEMA_VERSION, MetricDelta, RegressionReport, RunResult, Summary, SystemRun


def load_results(path: Path) -> RunResult:
    """An earlier results.json; a missing, foreign or older-schema file is a harness error."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise HarnessError(f"--baseline {path}: cannot read results ({exc})") from exc
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if version != SCHEMA_VERSION:
        raise HarnessError(f"--baseline {path}: schema_version {version!r}, this harness reads {SCHEMA_VERSION}")
    try:
        return RunResult.model_validate(raw)
    except ValidationError as exc:
        count = exc.error_count()
        raise HarnessError(f"--baseline {path}: not an eval results file ({count} errors)") from exc


def _deltas(before: Summary | None, after: Summary | None) -> dict[str, MetricDelta]:
    names = sorted(set(before.metrics if before else {}) | set(after.metrics if after else {}))
    deltas = {}
    for name in names:
        old = before.metrics[name].value if before and name in before.metrics else None
        new = after.metrics[name].value if after and name in after.metrics else None
        delta = new - old if old is not None and new is not None else None
        deltas[name] = MetricDelta(before=old, after=new, delta=delta)
    return deltas


def compare(current: SystemRun, earlier: RunResult, path: Path, limits: RegressionLimits) -> RegressionReport:
    """Per-case pass->fail / fail->pass over the cases both runs share, metric deltas, and the verdict."""
    before = {case.id: case.passed for case in earlier.assistant.cases}
    after = {case.id: case.passed for case in current.cases}
    shared = [case_id for case_id in after if case_id in before]
    report = RegressionReport(
        baseline_results=str(path),
        pass_to_fail=[case_id for case_id in shared if before[case_id] and not after[case_id]],
        fail_to_pass=[case_id for case_id in shared if not before[case_id] and after[case_id]],
        new_cases=[case_id for case_id in after if case_id not in before],
        removed_cases=[case_id for case_id in before if case_id not in after],
    )
    report.metric_deltas["overall"] = _deltas(earlier.assistant.overall, current.overall)
    for kind in sorted(set(earlier.assistant.per_kind) | set(current.per_kind)):
        report.metric_deltas[kind] = _deltas(earlier.assistant.per_kind.get(kind), current.per_kind.get(kind))
    if len(report.pass_to_fail) > limits.max_pass_to_fail:
        report.failures.append(
            f"{len(report.pass_to_fail)} case(s) went from pass to fail (allowed {limits.max_pass_to_fail}): "
            + ", ".join(report.pass_to_fail)
        )
    for metric in limits.metrics:
        delta = report.metric_deltas["overall"].get(metric)
        if delta is not None and delta.delta is not None and delta.delta < -limits.max_metric_drop:
            report.failures.append(
                f"overall {metric} dropped {delta.before:.3f} -> {delta.after:.3f} "
                f"(allowed drop {limits.max_metric_drop:g})"
            )
    return report
