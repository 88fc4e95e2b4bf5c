"""What the pipeline returns. Every front end (API, Slack, CLI, eval) serialises exactly these."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Route = Literal["statistics", "documents", "both", "out_of_scope", "invalid", "smalltalk"]
# What a part of a question asks for: one or several figures; an explanation or definition; a list of items;
# a comparison of two things; how a figure is measured; steps or a career path; a greeting/thanks/help.
PartKind = Literal["figure", "explanation", "list", "comparison", "method", "path", "smalltalk", "other"]


class PlanPart(BaseModel):
    """One part of the question as the planner understood it, and where it was answered."""

    text: str = Field(description="The part of the message this entry plans.")
    kind: PartKind = Field(description="What kind of answer the part asks for.")
    route: Route = Field(description="Where it was answered: statistics, documents, both or out_of_scope.")
    covered: bool = Field(True, description="False when the sources do not cover this part.")
    confidence: float = Field(1.0, description="Planner confidence in the kind (0-1).")
    entities: dict[str, Any] = Field(default_factory=dict, description="Year(s), role, level, city, topic.")


class Citation(BaseModel):
    """One numbered source behind the answer; `id` is the number in the answer's [n] markers."""

    id: int = Field(description="Marker number used in the answer text, e.g. 1 for [1].")
    title: str = Field(description="Document title.")
    source: str = Field(description="Document file name in corpus/, with the line where known: 'file.md:178'.")
    section: str = Field(description="Section heading path inside the document.")
    snippet: str = Field(description="The cited text.")
    score: float | None = Field(None, description="Retrieval similarity (0-1) for passages; null for table rows.")


class ToolCall(BaseModel):
    """One statistics tool invocation and its (JSON-able) result."""

    tool: str = Field(description="Tool name.")
    arguments: dict[str, Any] = Field(description="Arguments the tool was called with.")
    result: Any = Field(description="What the tool returned (rows with provenance, or a 'no data' note).")


class Reply(BaseModel):
    """A grounded answer, or a plain abstention that says what the data does cover."""

    answer: str = Field(description="Answer text with [n] citation markers.")
    session_id: str = Field(description="Conversation id; pass it back to ask follow-ups.")
    route: Route = Field(description="statistics, documents, both, out_of_scope, invalid or smalltalk.")
    abstained: bool = Field(description="True when the sources do not cover the question.")
    citations: list[Citation] = Field(
        default_factory=list, description="Numbered sources; `id` matches the [n] markers in the answer."
    )
    tool_calls: list[ToolCall] = Field(
        default_factory=list, description="Statistics lookups behind the answer, with the rows they returned."
    )
    plan: list[PlanPart] = Field(
        default_factory=list, description="The question's parts, each with its kind, route and coverage."
    )
    latency_ms: float = Field(description="Time spent inside ask(), in milliseconds.")
