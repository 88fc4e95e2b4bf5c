"""What an eval run records: observations, per-check outcomes, metric values and the results.json layout.

results.json is `RunResult.model_dump(mode="json")`; bump SCHEMA_VERSION when a field changes meaning.
A metric that could not be measured has `value: null` and `unmeasured: true`, never 0.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

SCHEMA_VERSION = 1
CheckStatus = Literal["pass", "fail", "unmeasured"]


class ObservedCitation(BaseModel):
    """A source the system returned; `sections` lists every section the passage spans (baseline chunks)."""

    id: int
    title: str = ""
    source: str = ""
    section: str = ""
    sections: list[str] = Field(default_factory=list)
    snippet: str = ""
    score: float | None = None

    @property
    def doc(self) -> str:
        """'guide.md:178' -> 'guide.md' (and a path -> its file name)."""
        return self.source.split(":", 1)[0].rsplit("/", 1)[-1]

    def all_sections(self) -> list[str]:
        return self.sections or [self.section]


class ObservedToolCall(BaseModel):
    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    result: Any = None


class ObservedPlanPart(BaseModel):
    """One part of the question plan the system returned (Reply.plan)."""

    text: str = ""
    kind: str
    route: str
    covered: bool = True
    confidence: float | None = None


class Observation(BaseModel):
    """What one system answered to one turn, as the user of a channel would see it."""

    answer: str = Field(description="The text that is scored: Reply.answer, or the Slack-rendered text.")
    route: str | None = Field(None, description="None for systems without routing (the RAG baseline).")
    abstained: bool = False
    citations: list[ObservedCitation] = Field(default_factory=list)
    cited_ids: list[int] = Field(default_factory=list, description="Citation ids the answer's markers name.")
    tool_calls: list[ObservedToolCall] | None = Field(None, description="None: the system has no tools.")
    plan: list[ObservedPlanPart] | None = Field(None, description="None or empty: the system returned no plan.")
    latency_ms: float | None = Field(None, description="Latency the system reported (Reply.latency_ms).")
    wall_ms: float = Field(0.0, description="Round trip measured by the harness.")
    session_id: str | None = None
    raw_answer: str | None = Field(None, description="Reply.answer when `answer` is a channel rendering.")
    channel_parity: bool | None = Field(None, description="Slack mode: rendering kept figures and markers.")
    error: str | None = None


class CheckResult(BaseModel):
    name: str
    status: CheckStatus
    detail: str = ""


class TurnScores(BaseModel):
    """Graded scores of one turn; None = not measurable for this turn."""

    numbers_expected: int = 0
    numbers_found: int = 0
    citation_precision: float | None = None
    citation_recall: float | None = None
    citation_validity: float | None = None
    hit_at_k: float | None = None
    reciprocal_rank: float | None = None
    ndcg_at_k: float | None = None


class JudgeVerdict(BaseModel):
    """Advisory LLM judgement (0-1 scores); never part of pass/fail or gates."""

    faithfulness: float | None = None
    correctness: float | None = None
    rationale: str = ""
    error: str | None = None


class ExpectedNumberRecord(BaseModel):
    label: str
    value: float
    unit: str
    query: str | None = None


class TurnResult(BaseModel):
    index: int
    message: str
    expected_abstain: bool
    expected_route: list[str] | None
    expected_numbers: list[ExpectedNumberRecord]
    expectation: dict[str, Any] = Field(default_factory=dict, description="The turn's `expect`, as written.")
    observation: Observation
    checks: list[CheckResult]
    scores: TurnScores
    judge: JudgeVerdict | None = None
    passed: bool


class CaseResult(BaseModel):
    id: str
    kind: str
    suite: str
    split: str = "dev"
    tags: list[str]
    note: str = ""
    paraphrase_of: str | None = None
    passed: bool
    failed_checks: list[str] = Field(default_factory=list)
    turns: list[TurnResult]


class MetricValue(BaseModel):
    value: float | None
    n: int = Field(description="How many observations the value rests on.")
    note: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unmeasured(self) -> bool:
        return self.value is None


class AbstentionMatrix(BaseModel):
    """Positive = abstained. tp: abstained when it should; fp: abstained on an answerable question."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0


class Summary(BaseModel):
    cases: int
    passed: int
    metrics: dict[str, MetricValue]
    abstention: AbstentionMatrix


class SystemRun(BaseModel):
    system: str = Field(description="'assistant' (via its channel) or 'baseline_rag'.")
    channel: str = Field(description="in_process, api, slack or baseline_rag.")
    overall: Summary
    per_kind: dict[str, Summary]
    per_split: dict[str, Summary] = Field(default_factory=dict, description="dev / heldout, when present.")
    per_split_kind: dict[str, dict[str, Summary]] = Field(default_factory=dict, description="split -> kind.")
    cached: str | None = Field(None, description="Where a cached run was loaded from (RAG baseline per build).")
    cases: list[CaseResult]


class GateResult(BaseModel):
    gate: str
    status: Literal["pass", "fail", "skipped"]
    actual: float | None = None
    threshold: float | None = None
    detail: str = ""


class GateReport(BaseModel):
    passed: bool
    results: list[GateResult]


class MetricDelta(BaseModel):
    before: float | None
    after: float | None
    delta: float | None


class RegressionReport(BaseModel):
    baseline_results: str
    pass_to_fail: list[str] = Field(default_factory=list)
    fail_to_pass: list[str] = Field(default_factory=list)
    new_cases: list[str] = Field(default_factory=list)
    removed_cases: list[str] = Field(default_factory=list)
    metric_deltas: dict[str, dict[str, MetricDelta]] = Field(default_factory=dict)
    failures: list[str] = Field(default_factory=list, description="Why the regression gate failed.")

    @property
    def failed(self) -> bool:
        return bool(self.failures)


class Manifest(BaseModel):
    started_at: str
    finished_at: str
    git_commit: str | None
    git_dirty: bool | None
    fingerprints: dict[str, Any] = Field(description="assistant.fingerprints(): corpus, index, model.")
    model: str | None
    channel: str
    api_url: str | None = None
    selection: dict[str, Any]
    case_files_sha256: str
    judge_model: str | None = None
    python: str
    host_cores: int | None = None


class RunResult(BaseModel):
    schema_version: int = SCHEMA_VERSION
    manifest: Manifest
    assistant: SystemRun
    baseline_rag: SystemRun | None = None
    gates: GateReport
    regression: RegressionReport | None = None
    exit_code: int
