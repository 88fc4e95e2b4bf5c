"""Ship gates (eval/gates.yaml): metric thresholds overall and per kind, blocking cases, regression limits.

A gate on a metric that this run could not measure (a kind not selected, a channel without tool calls) is
`skipped` and says so; it neither passes silently as 0 nor fails the run. LLM-judge metrics are advisory
and may not be gated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from eval.errors import HarnessError
from eval.metrics import METRIC_NAMES, UNGATEABLE_METRICS
from eval.models import CaseResult, GateReport, GateResult, MetricValue, RegressionReport, Summary
from eval.schema import KINDS

DEFAULT_GATES = Path(__file__).resolve().parent / "gates.yaml"
GATEABLE_METRICS = frozenset(METRIC_NAMES) - UNGATEABLE_METRICS


class Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Threshold:
        if self.min is None and self.max is None:
            raise ValueError("a threshold needs 'min' or 'max'")
        return self


class RegressionLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_pass_to_fail: int = Field(0, ge=0, description="Cases allowed to go from pass to fail.")
    max_metric_drop: float = Field(0.02, ge=0, description="Largest allowed drop of a watched metric.")
    metrics: list[str] = Field(default_factory=lambda: ["case_accuracy", "abstention_recall"])


class GateConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = 1
    overall: dict[str, Threshold] = Field(default_factory=dict)
    per_kind: dict[str, dict[str, Threshold]] = Field(default_factory=dict)
    blocking_cases: list[str] = Field(default_factory=list)
    regression: RegressionLimits = Field(default_factory=RegressionLimits)

    @model_validator(mode="after")
    def _known_names(self) -> GateConfig:
        names = list(self.overall) + [m for metrics in self.per_kind.values() for m in metrics]
        names += self.regression.metrics
        unknown = sorted({name for name in names if name not in GATEABLE_METRICS})
        if unknown:
            raise ValueError(
                f"metrics {unknown} cannot be gated (gateable: {', '.join(sorted(GATEABLE_METRICS))}; "
                "judge_* metrics are advisory, answer length is descriptive)"
            )
        bad_kinds = sorted(set(self.per_kind) - set(KINDS))
        if bad_kinds:
            raise ValueError(f"unknown kinds {bad_kinds} (have: {', '.join(KINDS)})")
        return self


def load_gates(path: Path, case_ids: set[str] | None = None) -> GateConfig:
    """Parse and validate the gates file; unknown metrics, kinds or blocking case ids are harness errors."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise HarnessError(f"{path}: cannot read gates file ({exc})") from exc
    try:
        config = GateConfig.model_validate(raw or {})
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise HarnessError(f"{path}: invalid gates file: {details}") from exc
    if case_ids is not None:
        unknown = [case_id for case_id in config.blocking_cases if case_id not in case_ids]
        if unknown:
            raise HarnessError(f"{path}: blocking_cases name unknown case ids: {unknown}")
    return config


def _check(scope: str, metric: str, threshold: Threshold, value: MetricValue | None) -> GateResult:
    bound = f">= {threshold.min:g}" if threshold.min is not None else f"<= {threshold.max:g}"
    name = f"{scope}.{metric} {bound}"
    if value is None or value.value is None:
        return GateResult(gate=name, status="skipped", detail="unmeasured in this run")
    actual = value.value
    above_min = threshold.min is None or actual >= threshold.min
    ok = above_min and (threshold.max is None or actual <= threshold.max)
    limit = threshold.min if threshold.min is not None else threshold.max
    return GateResult(gate=name, status="pass" if ok else "fail", actual=actual, threshold=limit)


def evaluate_gates(
    config: GateConfig,
    overall: Summary,
    per_kind: dict[str, Summary],
    cases: Sequence[CaseResult],
    regression: RegressionReport | None = None,
) -> GateReport:
    """Every gate against this run; the report passes when none fails."""
    results = [_check("overall", m, t, overall.metrics.get(m)) for m, t in config.overall.items()]
    for kind, thresholds in config.per_kind.items():
        summary = per_kind.get(kind)
        for metric, threshold in thresholds.items():
            results.append(_check(kind, metric, threshold, summary.metrics.get(metric) if summary else None))
    by_id = {case.id: case for case in cases}
    for case_id in config.blocking_cases:
        case = by_id.get(case_id)
        if case is None:
            results.append(GateResult(gate=f"blocking {case_id}", status="skipped", detail="not in this run"))
        else:
            status = "pass" if case.passed else "fail"
            detail = "" if case.passed else "; ".join(case.failed_checks)
            results.append(GateResult(gate=f"blocking {case_id}", status=status, detail=detail))
    if regression is not None:
        results.append(
            GateResult(
                gate="regression vs --baseline",
                status="fail" if regression.failed else "pass",
                detail="; ".join(regression.failures),
            )
        )
    return GateReport(passed=not any(r.status == "fail" for r in results), results=results)
