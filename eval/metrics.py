"""Deterministic scoring: per-turn checks, then metrics over a set of cases.

Checks of one turn: abstention, numbers (numeric exactness), contains / not_contains, route, tool_calls and
sources (required citations). A check the system cannot show (a baseline has no route) is `unmeasured`; a
turn passes when no measured check fails. Aggregates with nothing to rest on are `value: None`, never 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from eval.models import (
    AbstentionMatrix,
    CaseResult,
    CheckResult,
    ExpectedNumberRecord,
    MetricValue,
    Observation,
    ObservedCitation,
    ObservedToolCall,
    Summary,
    TurnResult,
    TurnScores,
)
from eval.numbers import ParsedNumber, find_number, parse_numbers
from eval.schema import (
    KINDS,
    CaseTurn,
    ExpectedNumber,
    ExpectedPlanPart,
    ExpectedSource,
    ExpectedToolCall,
    FigureSource,
    Phrase,
    section_parts,
)

RETRIEVAL_K = 4
# Every metric `summarise` reports, in display order. Advisory or descriptive ones may not be gated.
METRIC_NAMES: tuple[str, ...] = (
    "case_accuracy",
    "answer_accuracy",
    "numeric_exactness",
    "route_accuracy",
    "tool_call_match",
    "plan_accuracy",
    "abstention_precision",
    "abstention_recall",
    "abstention_accuracy",
    "citation_precision",
    "citation_recall",
    "citation_validity",
    "hit_at_k",
    "mrr",
    "ndcg_at_k",
    "paraphrase_consistency",
    "channel_parity",
    "latency_p50_ms",
    "latency_p95_ms",
    "wall_p50_ms",
    "wall_p95_ms",
    "answer_p50_chars",
    "judge_faithfulness",
    "judge_correctness",
)
UNGATEABLE_METRICS = frozenset({"answer_p50_chars", "judge_faithfulness", "judge_correctness"})
ANSWER_CHECKS = ("error", "abstention", "numbers", "contains", "not_contains", "cited_figures")
# Checks reported and aggregated as metrics but not deciding whether a turn passes: the plan is how the
# assistant understood the question; the answer's content is judged by the other checks.
ADVISORY_CHECKS = frozenset({"plan"})
_MARKER_IDS = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_FORBIDDEN_NUMBER_TOLERANCE = 0.5


# ---------------------------------------------------------------- text helpers


def normalise_text(text: str) -> str:
    """Casefold, unify dashes, drop quotes and markdown emphasis, collapse whitespace: match as read."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"–": "-", "—": "-"}))
    text = re.sub(r"[*_`'\"‘’“”]", "", text)  # quotes and emphasis never decide whether a phrase is there
    return re.sub(r"\s+", " ", text).strip().casefold()


def marker_ids(answer: str) -> list[int]:
    """Citation ids named by [n] / [n, m] markers, in order of first appearance."""
    ids: list[int] = []
    for group in _MARKER_IDS.findall(answer):
        for part in group.split(","):
            number = int(part)
            if number not in ids:
                ids.append(number)
    return ids


# ---------------------------------------------------------------- sources and retrieval


def section_matches(expected: str, actual: str) -> bool:
    """The expected heading path is a contiguous run of the actual one (its tail, or an enclosing section)."""
    want, have = section_parts(expected), section_parts(actual)
    if not want:
        return True
    return any(have[start : start + len(want)] == want for start in range(len(have) - len(want) + 1))


def source_matches(citation: ObservedCitation, source: ExpectedSource) -> bool:
    if citation.doc not in source.doc:
        return False
    if source.section is None:
        return True
    return any(section_matches(expected, section) for expected in source.section for section in citation.all_sections())


def citation_grade(citation: ObservedCitation, sources: Sequence[ExpectedSource]) -> int:
    """Graded relevance of one returned source: the best grade of the expected sources it matches."""
    return max((source.relevance for source in sources if source_matches(citation, source)), default=0)


def retrieval_scores(
    ranked: Sequence[ObservedCitation], sources: Sequence[ExpectedSource], k: int = RETRIEVAL_K
) -> tuple[float, float, float]:
    """hit@k, reciprocal rank (within k) and nDCG@k; each expected source earns its gain once."""
    top = list(ranked[:k])
    first_hit = next((rank for rank, cit in enumerate(top, 1) if citation_grade(cit, sources) > 0), None)
    credited: set[int] = set()
    dcg = 0.0
    for rank, citation in enumerate(top, 1):
        open_matches = [
            (source.relevance, index)
            for index, source in enumerate(sources)
            if index not in credited and source_matches(citation, source)
        ]
        if open_matches:
            grade, index = max(open_matches)
            credited.add(index)
            dcg += (2**grade - 1) / math.log2(rank + 1)
    ideal = sorted((source.relevance for source in sources), reverse=True)[:k]
    idcg = sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(ideal, 1))
    hit = 1.0 if first_hit else 0.0
    return hit, (1.0 / first_hit if first_hit else 0.0), (dcg / idcg if idcg else 0.0)


def citation_scores(
    observation: Observation, sources: Sequence[ExpectedSource]
) -> tuple[float | None, float | None, float | None]:
    """Citation precision, recall and marker validity of one turn (None where not measurable).

    precision: cited markers that point at a returned, relevant source / cited markers;
    recall: required sources (relevance >= 2, else all) cited by some marker / required sources;
    validity: cited markers that point at a returned source / cited markers.
    """
    by_id = {citation.id: citation for citation in observation.citations}
    cited = [by_id[number] for number in observation.cited_ids if number in by_id]
    markers = len(observation.cited_ids)
    validity = len(cited) / markers if markers else None
    if not sources:
        return None, None, validity
    precision = sum(1 for cit in cited if citation_grade(cit, sources) > 0) / markers if markers else None
    required = [source for source in sources if source.relevance >= 2] or list(sources)
    covered = sum(1 for source in required if any(source_matches(cit, source) for cit in cited))
    recall = covered / len(required)
    return precision, recall, validity


# ---------------------------------------------------------------- tool calls


def _same_value(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    try:
        return float(expected) == float(actual)
    except (TypeError, ValueError):
        pass
    if isinstance(expected, str) and isinstance(actual, str):
        return normalise_text(expected) == normalise_text(actual)
    return expected == actual


def tool_call_matches(expected: ExpectedToolCall, actual: ObservedToolCall) -> bool:
    """Same tool name, and every expected argument present with an equal value (a subset match)."""
    return expected.tool == actual.tool and all(
        name in actual.arguments and _same_value(value, actual.arguments[name])
        for name, value in expected.arguments.items()
    )


# ---------------------------------------------------------------- one turn


def expected_value(number: ExpectedNumber) -> float:
    if number.value is None:
        raise ValueError(f"golden for query {number.query!r} was not resolved before scoring")
    return number.value


def _verdict(name: str, problems: Sequence[str], label: str) -> CheckResult:
    """pass when there are no problems; otherwise fail, naming them."""
    detail = f"{label}: {'; '.join(problems)}" if problems else ""
    return CheckResult(name=name, status="fail" if problems else "pass", detail=detail)


def _any_present(phrase: Phrase, normalised: str) -> bool:
    alternatives = [phrase] if isinstance(phrase, str) else phrase
    return any(normalise_text(alternative) in normalised for alternative in alternatives)


def _numbers_check(expected: Sequence[ExpectedNumber], parsed: list[ParsedNumber]) -> tuple[CheckResult, int]:
    missing = [
        f"{number.label or number.unit} {expected_value(number):g}"
        for number in expected
        if find_number(expected_value(number), number.unit, parsed, number.tolerance, number.rel_tolerance) is None
    ]
    found = ", ".join(item.text for item in parsed) or "none"
    check = _verdict("numbers", missing, "missing")
    if missing:
        check.detail += f" (figures in answer: {found})"
    return check, len(expected) - len(missing)


def _route_check(expected: Sequence[str], route: str | None) -> CheckResult:
    if route is None:
        return CheckResult(name="route", status="unmeasured", detail="system has no route")
    wrong = [] if route in expected else [f"expected {'/'.join(expected)}, got {route}"]
    return _verdict("route", wrong, "route")


def _plan_check(expected: Sequence[ExpectedPlanPart], observation: Observation) -> CheckResult:
    """The returned plan has the expected parts, in order (kind, route, coverage); unmeasured without a plan."""
    plan = observation.plan
    if not plan:
        return CheckResult(name="plan", status="unmeasured", detail="system returned no plan")
    got = "; ".join(f"{part.kind}->{part.route}{'' if part.covered else ' (uncovered)'}" for part in plan)
    if len(plan) != len(expected):
        return CheckResult(name="plan", status="fail", detail=f"expected {len(expected)} parts, got {len(plan)}: {got}")
    problems = []
    for number, (want, have) in enumerate(zip(expected, plan, strict=True)):
        if have.kind not in want.kind:
            problems.append(f"part {number} kind {have.kind} not in {'/'.join(want.kind)}")
        if want.route is not None and have.route not in want.route:
            problems.append(f"part {number} route {have.route} not in {'/'.join(want.route)}")
        if want.covered is not None and have.covered != want.covered:
            problems.append(f"part {number} covered={have.covered}, expected {want.covered}")
    check = _verdict("plan", problems, "plan")
    if problems:
        check.detail += f" (plan: {got})"
    return check


def cited_segments(answer: str) -> list[tuple[str, list[int]]]:
    """The answer cut after each run of [n] markers: (text before the markers, the marker ids that close it)."""
    segments: list[tuple[str, list[int]]] = []
    start = 0
    for match in re.finditer(r"(?:\s*\[\d+(?:\s*,\s*\d+)*\])+", answer):
        ids = [int(n) for group in _MARKER_IDS.findall(match.group(0)) for n in group.split(",")]
        segments.append((answer[start : match.start()], ids))
        start = match.end()
    return segments


def _cited_figures_check(expected: Sequence[FigureSource], observation: Observation) -> CheckResult:
    """Each figure is followed by a marker citing its own document (two disagreeing values, each sourced)."""
    by_id = {citation.id: citation for citation in observation.citations}
    segments = [(parse_numbers(text), ids) for text, ids in cited_segments(observation.answer)]
    missing = []
    for figure in expected:
        cited = any(
            find_number(figure.value, figure.unit, numbers) is not None
            and any(number in by_id and by_id[number].doc == figure.doc for number in ids)
            for numbers, ids in segments
        )
        if not cited:
            missing.append(f"{figure.value:g} citing {figure.doc}")
    return _verdict("cited_figures", missing, "not cited to their own source")


def score_turn(turn: CaseTurn, observation: Observation, index: int, k: int = RETRIEVAL_K) -> TurnResult:
    """All checks and graded scores of one turn."""
    expect = turn.expect
    checks: list[CheckResult] = []
    scores = TurnScores(numbers_expected=len(expect.numbers))
    if observation.error is not None:
        checks.append(CheckResult(name="error", status="fail", detail=observation.error))
    parsed = parse_numbers(observation.answer)
    normalised = normalise_text(observation.answer)
    mismatch = f"expected abstain={expect.abstain}, got abstained={observation.abstained}"
    checks.append(_verdict("abstention", [mismatch] if observation.abstained != expect.abstain else [], "wrong"))
    if expect.numbers:
        check, scores.numbers_found = _numbers_check(expect.numbers, parsed)
        checks.append(check)
    if expect.contains:
        absent = [
            phrase if isinstance(phrase, str) else " | ".join(phrase)
            for phrase in expect.contains
            if not _any_present(phrase, normalised)
        ]
        checks.append(_verdict("contains", absent, "absent"))
    if expect.not_contains or expect.forbid_numbers:
        present = [phrase for phrase in expect.not_contains if _any_present(phrase, normalised)]
        present += [
            f"{number:g}"
            for number in expect.forbid_numbers
            if any(abs(item.value - number) <= _FORBIDDEN_NUMBER_TOLERANCE for item in parsed)
        ]
        checks.append(_verdict("not_contains", present, "present"))
    if expect.route:
        checks.append(_route_check(expect.route, observation.route))
    if expect.tool_calls:
        checks.append(_tool_check(expect.tool_calls, observation.tool_calls))
    if expect.cited_figures:
        checks.append(_cited_figures_check(expect.cited_figures, observation))
    if expect.plan:
        checks.append(_plan_check(expect.plan, observation))
    graded_sources = expect.sources if not expect.abstain else []
    precision, recall, validity = citation_scores(observation, graded_sources)
    scores.citation_precision, scores.citation_recall, scores.citation_validity = precision, recall, validity
    if graded_sources:
        scores.hit_at_k, scores.reciprocal_rank, scores.ndcg_at_k = retrieval_scores(
            observation.citations, graded_sources, k
        )
        cited = [f"{c.source} § {c.section}" for c in observation.citations if c.id in observation.cited_ids]
        uncited = [] if recall == 1.0 else [f"cited: {cited or 'none'}"]
        checks.append(_verdict("sources", uncited, "required sources not all cited"))

    return TurnResult(
        index=index,
        message=turn.text if len(turn.text) <= 500 else turn.text[:500] + f"... ({len(turn.text)} chars)",
        expected_abstain=expect.abstain,
        expected_route=expect.route,
        expected_numbers=[
            ExpectedNumberRecord(label=n.label, value=expected_value(n), unit=n.unit, query=n.query)
            for n in expect.numbers
        ],
        expectation=expect.model_dump(mode="json", exclude_defaults=True),
        observation=observation,
        checks=checks,
        scores=scores,
        passed=not any(check.status == "fail" and check.name not in ADVISORY_CHECKS for check in checks),
    )


def _tool_check(expected: Sequence[ExpectedToolCall], actual: list[ObservedToolCall] | None) -> CheckResult:
    if actual is None:
        return CheckResult(name="tool_calls", status="unmeasured", detail="system has no tool calls")
    unmatched = [call for call in expected if not any(tool_call_matches(call, got) for got in actual)]
    if not unmatched:
        return CheckResult(name="tool_calls", status="pass")
    got = "; ".join(f"{call.tool}({call.arguments})" for call in actual) or "none"
    want = "; ".join(f"{call.tool}({call.arguments})" for call in unmatched)
    return CheckResult(name="tool_calls", status="fail", detail=f"expected {want}; got {got}")


def answer_correct(turn: TurnResult) -> bool:
    """The answer's content is right: abstention, figures and phrases (route/tools/citations aside)."""
    return not any(check.status == "fail" for check in turn.checks if check.name in ANSWER_CHECKS)


# ---------------------------------------------------------------- aggregates


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0-100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ratio(numerator: int, denominator: int, note: str = "") -> MetricValue:
    return MetricValue(value=numerator / denominator if denominator else None, n=denominator, note=note)


def _mean(values: Iterable[float | None], note: str = "") -> MetricValue:
    present = [value for value in values if value is not None]
    return MetricValue(value=sum(present) / len(present) if present else None, n=len(present), note=note)


def _check_rate(turns: Sequence[TurnResult], name: str) -> MetricValue:
    statuses = [check.status for turn in turns for check in turn.checks if check.name == name]
    measured = [status for status in statuses if status != "unmeasured"]
    note = "system does not expose it" if statuses and not measured else ""
    return _ratio(sum(status == "pass" for status in measured), len(measured), note)


def abstention_matrix(turns: Sequence[TurnResult]) -> AbstentionMatrix:
    matrix = AbstentionMatrix()
    for turn in turns:
        if turn.observation.error is not None:
            continue
        expected, got = turn.expected_abstain, turn.observation.abstained
        if expected and got:
            matrix.tp += 1
        elif got:
            matrix.fp += 1
        elif expected:
            matrix.fn += 1
        else:
            matrix.tn += 1
    return matrix


def summarise(cases: Sequence[CaseResult], originals: dict[str, bool] | None = None) -> Summary:
    """Every metric over these cases. `originals`: pass status by case id, for paraphrase consistency."""
    turns = [turn for case in cases for turn in case.turns]
    matrix = abstention_matrix(turns)
    latencies = [t.observation.latency_ms for t in turns if t.observation.latency_ms is not None]
    walls = [t.observation.wall_ms for t in turns if t.observation.error is None]
    lengths = [float(len(t.observation.answer)) for t in turns if t.observation.error is None]
    metrics: dict[str, MetricValue] = {
        "case_accuracy": _ratio(sum(case.passed for case in cases), len(cases)),
        "answer_accuracy": _ratio(sum(answer_correct(turn) for turn in turns), len(turns)),
        "numeric_exactness": _ratio(
            sum(t.scores.numbers_found for t in turns), sum(t.scores.numbers_expected for t in turns)
        ),
        "route_accuracy": _check_rate(turns, "route"),
        "tool_call_match": _check_rate(turns, "tool_calls"),
        "plan_accuracy": _check_rate(turns, "plan"),
        "abstention_precision": _ratio(matrix.tp, matrix.tp + matrix.fp),
        "abstention_recall": _ratio(matrix.tp, matrix.tp + matrix.fn),
        "abstention_accuracy": _ratio(matrix.tp + matrix.tn, matrix.tp + matrix.fp + matrix.fn + matrix.tn),
        "citation_precision": _mean(t.scores.citation_precision for t in turns),
        "citation_recall": _mean(t.scores.citation_recall for t in turns),
        "citation_validity": _mean(t.scores.citation_validity for t in turns),
        "hit_at_k": _mean((t.scores.hit_at_k for t in turns), note=f"k={RETRIEVAL_K}"),
        "mrr": _mean((t.scores.reciprocal_rank for t in turns), note=f"MRR@{RETRIEVAL_K}"),
        "ndcg_at_k": _mean((t.scores.ndcg_at_k for t in turns), note=f"k={RETRIEVAL_K}"),
        "latency_p50_ms": MetricValue(value=percentile(latencies, 50), n=len(latencies)),
        "latency_p95_ms": MetricValue(value=percentile(latencies, 95), n=len(latencies)),
        "wall_p50_ms": MetricValue(value=percentile(walls, 50), n=len(walls)),
        "wall_p95_ms": MetricValue(value=percentile(walls, 95), n=len(walls)),
        "answer_p50_chars": MetricValue(
            value=percentile(lengths, 50),
            n=len(lengths),
            note="median answer length: context for phrase-containment scores",
        ),
        "paraphrase_consistency": _paraphrase_consistency(cases, originals or {}),
        "channel_parity": _mean(
            [None if (parity := t.observation.channel_parity) is None else float(parity) for t in turns],
            note="Slack rendering kept every figure and marker of the reply",
        ),
        "judge_faithfulness": _mean(
            (t.judge.faithfulness for t in turns if t.judge is not None), note="advisory, never gates"
        ),
        "judge_correctness": _mean(
            (t.judge.correctness for t in turns if t.judge is not None), note="advisory, never gates"
        ),
    }
    ordered = {name: metrics[name] for name in METRIC_NAMES}  # a KeyError here: METRIC_NAMES lacks one
    passed = sum(case.passed for case in cases)
    return Summary(cases=len(cases), passed=passed, metrics=ordered, abstention=matrix)


def _paraphrase_consistency(cases: Sequence[CaseResult], originals: dict[str, bool]) -> MetricValue:
    """Share of paraphrases whose outcome equals their original's: robustness to phrasing, not accuracy."""
    pairs = [
        (case.passed, originals[case.paraphrase_of])
        for case in cases
        if case.paraphrase_of is not None and case.paraphrase_of in originals
    ]
    return _ratio(sum(mine == theirs for mine, theirs in pairs), len(pairs))


def _kind_order(kind: str) -> tuple[int, str]:
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)


def summarise_by_kind(cases: Sequence[CaseResult], originals: dict[str, bool]) -> dict[str, Summary]:
    kinds = sorted({case.kind for case in cases}, key=_kind_order)
    return {kind: summarise([case for case in cases if case.kind == kind], originals) for kind in kinds}


def summarise_by_split(cases: Sequence[CaseResult], originals: dict[str, bool]) -> dict[str, Summary]:
    splits = sorted({case.split for case in cases})
    return {split: summarise([case for case in cases if case.split == split], originals) for split in splits}


def summarise_by_split_kind(cases: Sequence[CaseResult], originals: dict[str, bool]) -> dict[str, dict[str, Summary]]:
    splits = sorted({case.split for case in cases})
    return {split: summarise_by_kind([case for case in cases if case.split == split], originals) for split in splits}
