"""Checks and metrics on hand-made replies, including what is unmeasured (never reported as 0)."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    METRIC_NAMES,
    citation_scores,
    marker_ids,
    percentile,
    retrieval_scores,
    score_turn,
    section_matches,
    summarise,
    summarise_by_kind,
    summarise_by_split,
    summarise_by_split_kind,
)
from eval.models import CaseResult, Observation, ObservedCitation, ObservedPlanPart, ObservedToolCall, TurnResult
from eval.report import format_metric
from eval.schema import CaseTurn, Expectation, ExpectedSource

GUIDE = "ai-ml-expert-career-guide.md"
MLE = "Salary Ranges (US Market, 2024) > Machine Learning Engineer"


def turn(**expect: object) -> CaseTurn:
    return CaseTurn(message="q", expect=Expectation.model_validate(expect))


def cite(number: int, source: str, section: str) -> ObservedCitation:
    return ObservedCitation(id=number, source=source, section=section)


def observation(answer: str, **fields: object) -> Observation:
    return Observation(answer=answer, cited_ids=marker_ids(answer), **fields)


def statuses(result: TurnResult) -> dict[str, str]:
    return {check.name: check.status for check in result.checks}


def case(case_id: str, kind: str, *turns: TurnResult, paraphrase_of: str | None = None) -> CaseResult:
    return CaseResult(
        id=case_id,
        kind=kind,
        suite=kind,
        tags=[],
        paraphrase_of=paraphrase_of,
        passed=all(t.passed for t in turns),
        turns=list(turns),
    )


def test_correct_statistics_answer_passes_every_check() -> None:
    expected = turn(
        route="statistics",
        numbers=[{"value": 120368, "unit": "usd"}, {"value": 193263, "unit": "usd"}],
        tool_calls=[{"tool": "role_salary", "arguments": {"role": "machine learning engineer"}}],
        sources=[{"doc": GUIDE, "section": "Machine Learning Engineer"}],
    )
    seen = observation(
        "Mid-Career ML Engineers earn $120,368 – $193,263 [1].",
        route="statistics",
        citations=[cite(1, f"{GUIDE}:183", MLE)],
        tool_calls=[
            ObservedToolCall(tool="role_salary", arguments={"role": "Machine Learning Engineer", "level": "Mid-Career"})
        ],
    )
    result = score_turn(expected, seen, 0)
    assert statuses(result) == {
        "abstention": "pass",
        "numbers": "pass",
        "route": "pass",
        "tool_calls": "pass",
        "sources": "pass",
    }
    assert result.passed and result.scores.numbers_found == 2
    assert result.scores.citation_precision == 1.0 and result.scores.ndcg_at_k == 1.0


def test_wrong_figure_route_and_tool_fail_with_details() -> None:
    expected = turn(
        route="statistics",
        numbers=[{"value": 5808, "unit": "usd"}],
        tool_calls=[{"tool": "platform_stat", "arguments": {"year": 2025}}],
    )
    seen = observation(
        "It was 5.8k.",
        route="documents",
        tool_calls=[ObservedToolCall(tool="platform_stat", arguments={"year": 2024})],
    )
    result = score_turn(expected, seen, 0)
    assert statuses(result) == {
        "abstention": "pass",
        "numbers": "fail",
        "route": "fail",
        "tool_calls": "fail",
    }
    details = {check.name: check.detail for check in result.checks}
    assert "usd 5808" in details["numbers"] and "5.8k" in details["numbers"]
    assert "expected statistics, got documents" in details["route"]
    assert not result.passed


def test_phrases_ignore_case_quotes_and_emphasis() -> None:
    expected = turn(contains=[["right or wrong", "clusters"], "supervised"], not_contains=["$9,999"])
    seen = observation("**Unsupervised** learning doesn’t presume ‘right’ or ‘wrong’ answers.")
    assert statuses(score_turn(expected, seen, 0))["contains"] == "pass"
    assert statuses(score_turn(expected, observation("The median is $9,999"), 0))["not_contains"] == "fail"


def test_forbidden_numbers() -> None:
    expected = turn(abstain=True, forbid_numbers=[9999])
    assert score_turn(expected, observation("I can't say the median is $9,999.", abstained=True), 0).passed is False
    assert score_turn(expected, observation("I only answer from my sources.", abstained=True), 0).passed


def test_system_without_route_or_tools_is_unmeasured_not_failed() -> None:
    expected = turn(route="statistics", numbers=[{"value": 5808}], tool_calls=[{"tool": "platform_stat"}])
    result = score_turn(expected, observation("median $5,808", route=None, tool_calls=None), 0)
    assert statuses(result)["route"] == "unmeasured"
    assert statuses(result)["tool_calls"] == "unmeasured"
    assert result.passed
    summary = summarise([case("c", "statistics", result)])
    assert summary.metrics["route_accuracy"].value is None
    assert summary.metrics["route_accuracy"].unmeasured
    assert summary.metrics["tool_call_match"].note == "system does not expose it"
    assert format_metric("route_accuracy", summary.metrics["route_accuracy"]) == "unmeasured"
    assert summary.metrics["numeric_exactness"].value == 1.0


def test_empty_and_unmeasurable_metrics_are_none() -> None:
    summary = summarise([])
    assert tuple(summary.metrics) == METRIC_NAMES
    assert all(metric.value is None for metric in summary.metrics.values())
    # abstention precision with no abstentions at all: nothing to rest on
    answered = score_turn(turn(numbers=[{"value": 1}]), observation("1"), 0)
    metrics = summarise([case("c", "statistics", answered)]).metrics
    assert metrics["abstention_precision"].value is None
    assert metrics["abstention_recall"].value is None
    assert metrics["citation_precision"].value is None
    assert metrics["hit_at_k"].value is None
    assert metrics["latency_p50_ms"].value is None
    assert metrics["judge_faithfulness"].value is None


def test_abstention_confusion_matrix_precision_recall() -> None:
    refuse = turn(abstain=True)
    answer = turn(contains=["x"])
    turns = [
        score_turn(refuse, observation("no", abstained=True), 0),  # TP
        score_turn(refuse, observation("no", abstained=True), 0),  # TP
        score_turn(refuse, observation("x"), 0),  # FN
        score_turn(answer, observation("no", abstained=True), 0),  # FP
        score_turn(answer, observation("x"), 0),  # TN
    ]
    summary = summarise([case(f"c{i}", "abstention", t) for i, t in enumerate(turns)])
    assert summary.abstention.model_dump() == {"tp": 2, "fp": 1, "fn": 1, "tn": 1}
    assert summary.metrics["abstention_precision"].value == pytest.approx(2 / 3)
    assert summary.metrics["abstention_recall"].value == pytest.approx(2 / 3)
    assert summary.metrics["abstention_accuracy"].value == pytest.approx(3 / 5)
    assert summary.metrics["case_accuracy"].value == pytest.approx(3 / 5)


def test_citation_precision_recall_and_validity() -> None:
    sources = [
        ExpectedSource(doc=[GUIDE], section=["Machine Learning Engineer"]),
        ExpectedSource(doc=[GUIDE], section=["Career Paths"]),
        ExpectedSource(doc=[GUIDE], section=["Overview"], relevance=1),
    ]
    seen = observation(
        "a [1] b [2] c [3] d [7]",
        citations=[
            cite(1, f"{GUIDE}:183", MLE),
            cite(2, f"{GUIDE}:40", "Overview"),
            cite(3, "other.md", "X"),
        ],
    )
    precision, recall, validity = citation_scores(seen, sources)
    assert precision == pytest.approx(2 / 4)  # [1] and [2] relevant; [3] irrelevant; [7] points nowhere
    assert recall == pytest.approx(1 / 2)  # required: MLE (cited) and Career Paths (not cited)
    assert validity == pytest.approx(3 / 4)


def test_retrieval_hit_mrr_ndcg_with_graded_relevance() -> None:
    sources = [
        ExpectedSource(doc=[GUIDE], section=["Machine Learning Engineer"], relevance=2),
        ExpectedSource(doc=[GUIDE], section=["Salary Ranges (US Market, 2024)"], relevance=1),
    ]
    ranked = [
        cite(1, "x.md", "Intro"),
        cite(2, f"{GUIDE}:183", MLE),
        cite(3, f"{GUIDE}:183", MLE),  # the same section again earns nothing more
    ]
    hit, rr, ndcg = retrieval_scores(ranked, sources, k=4)
    assert hit == 1.0 and rr == 0.5
    # rank 2 matches both expected sources: credited once, with the higher grade (3 = 2^2 - 1);
    # rank 3 matches the remaining grade-1 source: 1 / log2(4)
    dcg = 3 / math.log2(3) + 1 / math.log2(4)
    idcg = 3 / math.log2(2) + 1 / math.log2(3)
    assert ndcg == pytest.approx(dcg / idcg)
    assert retrieval_scores([cite(1, "x.md", "Intro")], sources) == (0.0, 0.0, 0.0)


def test_section_paths_match_by_contiguous_run() -> None:
    assert section_matches("Machine Learning Engineer", MLE)
    assert section_matches("Salary Ranges (US Market, 2024)", MLE)
    assert not section_matches("AI Engineer", MLE)
    assert not section_matches("Machine Learning Engineer > Salary Ranges (US Market, 2024)", MLE)


def test_latency_percentiles_and_paraphrase_consistency() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([5], 95) == 5
    assert percentile([], 50) is None
    good = score_turn(turn(contains=["x"]), observation("x", latency_ms=10), 0)
    bad = score_turn(turn(contains=["x"]), observation("y", latency_ms=30), 0)
    cases = [
        case("orig", "statistics", good),
        case("para-same", "robustness", good, paraphrase_of="orig"),
        case("para-diff", "robustness", bad, paraphrase_of="orig"),
    ]
    originals = {c.id: c.passed for c in cases}
    per_kind = summarise_by_kind(cases, originals)
    assert per_kind["robustness"].metrics["paraphrase_consistency"].value == 0.5
    assert per_kind["statistics"].metrics["paraphrase_consistency"].value is None
    assert summarise(cases).metrics["latency_p50_ms"].value == 10


def test_error_observation_fails_the_turn() -> None:
    result = score_turn(turn(abstain=True), Observation(answer="", error="HTTP 500: boom"), 0)
    assert not result.passed
    assert statuses(result)["error"] == "fail"


# ---------------------------------------------------------------- plan and cited figures

PLAN_2 = [{"kind": "figure", "route": "statistics"}, {"kind": ["explanation", "list"], "route": "documents"}]


def test_plan_is_unmeasured_without_a_plan_and_never_decides_the_turn() -> None:
    expected = turn(contains=["x"], plan=PLAN_2)
    none = score_turn(expected, observation("x"), 0)
    assert statuses(none)["plan"] == "unmeasured" and none.passed
    assert summarise([case("a", "both", none)]).metrics["plan_accuracy"].value is None

    wrong = [ObservedPlanPart(kind="figure", route="statistics")]
    scored = score_turn(expected, observation("x", plan=wrong), 0)
    assert statuses(scored)["plan"] == "fail" and "expected 2 parts, got 1" in scored.checks[-1].detail
    assert scored.passed, "the plan is a metric, not a pass condition"
    assert summarise([case("a", "both", scored)]).metrics["plan_accuracy"].value == 0.0


def test_plan_parts_are_matched_in_order_by_kind_route_and_coverage() -> None:
    good = [ObservedPlanPart(kind="figure", route="statistics"), ObservedPlanPart(kind="list", route="documents")]
    assert statuses(score_turn(turn(plan=PLAN_2), observation("x", plan=good), 0))["plan"] == "pass"
    swapped = list(reversed(good))
    result = score_turn(turn(plan=PLAN_2), observation("x", plan=swapped), 0)
    assert statuses(result)["plan"] == "fail" and "part 0 kind list not in figure" in result.checks[-1].detail
    uncovered = [{"kind": "figure", "route": "statistics"}, {"kind": "other", "covered": False}]
    covered = [ObservedPlanPart(kind="figure", route="statistics"), ObservedPlanPart(kind="other", route="both")]
    result = score_turn(turn(plan=uncovered), observation("x", plan=covered), 0)
    assert "part 1 covered=True, expected False" in result.checks[-1].detail


def test_cited_figures_need_a_marker_of_their_own_document() -> None:
    cites = [cite(1, "page-2025.md:12", "s"), cite(2, "mirror.md:12", "s")]
    expect = turn(
        cited_figures=[
            {"value": 5808, "unit": "usd", "doc": "page-2025.md"},
            {"value": 9999, "unit": "usd", "doc": "mirror.md"},
        ]
    )
    both = "The sources disagree: $5,808 (59 offers) [1] and $9,999 (999 offers) [2]."
    assert statuses(score_turn(expect, observation(both, citations=cites), 0))["cited_figures"] == "pass"
    crossed = "The sources disagree: $5,808 [2] and $9,999 [1]."
    result = score_turn(expect, observation(crossed, citations=cites), 0)
    assert statuses(result)["cited_figures"] == "fail" and not result.passed
    assert "5808 citing page-2025.md" in result.checks[-1].detail
    one_marker = "It is $5,808 or $9,999 [1][2]."  # a shared marker group still names each page
    assert statuses(score_turn(expect, observation(one_marker, citations=cites), 0))["cited_figures"] == "pass"


def test_per_split_summaries() -> None:
    passing = score_turn(turn(contains=["x"]), observation("x"), 0)
    failing = score_turn(turn(contains=["y"]), observation("x"), 0)
    dev = case("a", "documents", passing)
    held = case("b", "documents", failing).model_copy(update={"split": "heldout"})
    by_split = summarise_by_split([dev, held], {})
    assert by_split["dev"].metrics["case_accuracy"].value == 1.0
    assert by_split["heldout"].metrics["case_accuracy"].value == 0.0
    assert summarise_by_split_kind([dev, held], {})["heldout"]["documents"].cases == 1
