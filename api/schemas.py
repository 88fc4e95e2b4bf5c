"""Request and response models of the HTTP API; each model and field is described for the OpenAPI docs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.charts import Chart, chart_for
from assistant.models import Citation, Reply, ToolCall

MODEL_ID = "ai-careers-assistant"
SESSION_ID_MAX_CHARS = 128
# At least one character that is neither whitespace nor a control/invisible character the core blanks
# out (assistant/pipeline.py `_CONTROL`): what the core accepts as a non-empty question.
NON_BLANK_PATTERN = r"[^\s\x00-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]"


# --- errors ---------------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    """What went wrong, in the one error shape every 4xx/5xx uses."""

    code: str = Field(description="Stable machine-readable error code, e.g. 'empty_message' or 'rate_limited'.")
    message: str = Field(description="Human-readable explanation naming the bad value and what is accepted.")
    details: Any = Field(None, description="Optional structured details, e.g. the list of invalid fields.")


class ErrorBody(BaseModel):
    """Body of every error response: `{"error": {"code", "message", "details"}}`."""

    error: ErrorDetail = Field(description="The error.")


# --- /chat ----------------------------------------------------------------------------------------


class ChatRequest(BaseModel):
    """A question to the assistant, optionally continuing a conversation."""

    model_config = ConfigDict(extra="forbid")

    message: str = Field(
        description="The question. Surrounding whitespace is stripped; it must not be empty and may be at "
        "most `max_message_chars` characters (2,000 by default).",
        examples=["What was the median salary expectation in 2025?"],
        # Declared, not enforced here: the core checks them and answers 400 empty_message / 413
        # message_too_long with a clear message (pydantic would answer a generic 422). maxLength is set
        # from the settings in api/openapi.py.
        json_schema_extra={"minLength": 1, "pattern": NON_BLANK_PATTERN},
    )
    session_id: str | None = Field(
        None,
        max_length=SESSION_ID_MAX_CHARS,
        description="Conversation id returned by an earlier reply; omit or null to start a new conversation.",
    )


class ChatReply(Reply):
    """The core assistant's Reply (answer with [n] markers, citations, statistics tool calls), plus the
    chart its figures make."""

    model_config = ConfigDict(title="ChatReply")

    chart: Chart | None = Field(
        None,
        description="Data for a small chart when the answer's figures span several levels, roles, cities or "
        "years (api/charts.py); null otherwise.",
    )

    @classmethod
    def of(cls, reply: Reply) -> ChatReply:
        """The reply with its chart."""
        return cls(**dict(reply), chart=chart_for(reply))


class StreamDelta(BaseModel):
    """Payload of a `delta` event on /chat/stream: the next piece of answer text."""

    text: str = Field(description="Answer text to append to what arrived so far.")


# --- /stats ---------------------------------------------------------------------------------------


class ContestedFigure(BaseModel):
    """A figure the documents state with different values: every competing row, with its provenance."""

    table: str = Field(description="The table holding the figure.")
    key: dict[str, Any] = Field(description="The columns naming the figure and their values.")
    label: str = Field(description="The figure in words.")
    contested: bool = Field(True, description="Always true: the sources disagree on this figure.")
    rows: list[dict[str, Any]] = Field(description="The competing rows (same key, different values).")


class StatsTables(BaseModel):
    """The read-only statistics tables, and the figures their sources disagree on."""

    tables: list[str] = Field(description="Table names accepted by GET /stats/{table}.")
    contested: list[ContestedFigure] = Field(
        default_factory=list, description="Figures stated with different values by different documents."
    )
    contradicted_claims: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Ranking claims of the text ('highest overall') that the figures contradict, both sides cited.",
    )


class StatsRows(BaseModel):
    """Rows of one statistics table, each with its provenance (document and line)."""

    table: str = Field(description="The table that was read.")
    filters: dict[str, str] = Field(description="Column filters applied (from the query string).")
    count: int = Field(description="Number of rows returned.")
    rows: list[dict[str, Any]] = Field(
        description="The rows, with their provenance columns; `contested: true` on rows of a contested figure."
    )
    contested: list[ContestedFigure] = Field(
        default_factory=list, description="Contested figures among these rows, each with its competing rows."
    )


# --- health / admin -------------------------------------------------------------------------------


class HealthStatus(BaseModel):
    """Liveness: the process answers HTTP."""

    status: Literal["ok"] = Field(description="Always 'ok' when the server answers.")


class ReadyStatus(BaseModel):
    """Readiness: index and statistics are loaded and answering."""

    status: Literal["ready"] = Field(description="'ready' once the assistant can answer.")
    fingerprints: dict[str, Any] | None = Field(
        None,
        description="Fingerprints of the corpus, index build and embedding model; left out for callers "
        "without the API key when ASSISTANT_PROTECT_OPS is on.",
    )


class ReindexReport(BaseModel):
    """Outcome of a rebuild of the index and statistics (the core's IngestReport)."""

    model_config = ConfigDict(extra="allow")

    changed: bool = Field(description="False when the corpus was unchanged and the current build was kept.")
    build_id: str = Field(description="Id of the build now serving.")
    chunks: int = Field(description="Number of indexed passages in the build.")
    documents: int | None = Field(None, description="Number of corpus documents in the build.")
    embedded: int | None = Field(None, description="Passages that needed the model (others were reused).")
    seconds: float = Field(description="Time the rebuild took, in seconds.")


# --- OpenAI-compatible /v1 ------------------------------------------------------------------------


class OpenAIContentPart(BaseModel):
    """One part of a multi-part message content; only text parts are read."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="Part type; 'text' parts are used, others are ignored.")
    text: str | None = Field(None, description="The text of a 'text' part.")


class OpenAIMessage(BaseModel):
    """One message of an OpenAI chat conversation."""

    model_config = ConfigDict(extra="allow")

    role: str = Field(description="'system', 'developer', 'user', 'assistant' or 'tool'.")
    content: str | list[OpenAIContentPart] | None = Field(None, description="Message text, or a list of content parts.")

    def text(self) -> str:
        """The message's text, joining text parts."""
        if isinstance(self.content, str):
            return self.content
        if not self.content:
            return ""
        return "".join(part.text or "" for part in self.content if part.type == "text")


class StreamOptions(BaseModel):
    """OpenAI stream options."""

    model_config = ConfigDict(extra="allow")

    include_usage: bool = Field(
        False,
        description="Send one more chunk before `data: [DONE]` with empty `choices` and the request's `usage`.",
    )


class ChatCompletionRequest(BaseModel):
    """OpenAI chat completion request. Sampling options are accepted and ignored (answers are grounded)."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(MODEL_ID, description=f"Model id; any value is accepted and '{MODEL_ID}' answers.")
    messages: list[OpenAIMessage] = Field(
        min_length=1,
        description="The conversation; the last user message is the question, earlier user messages give "
        "follow-up context when no session_id is sent.",
    )
    stream: bool = Field(False, description="Stream the answer as chat.completion.chunk Server-Sent Events.")
    session_id: str | None = Field(
        None,
        max_length=SESSION_ID_MAX_CHARS,
        description="Extension: conversation id from an earlier response, to continue it server-side.",
    )
    sources: bool | None = Field(
        None,
        description="Extension: append the numbered sources to the message text as a markdown 'Sources' list "
        "(chat UIs show only the text). Omit or null for the server's setting (ASSISTANT_OPENAI_SOURCES, on "
        "by default); the structured citations are in `citations` either way.",
    )
    stream_options: StreamOptions | None = Field(None, description="Options for streamed responses.")


class ChatCompletionMessage(BaseModel):
    """The assistant's message in a completion."""

    role: Literal["assistant"] = Field("assistant", description="Always 'assistant'.")
    content: str = Field(
        description="Answer text with [n] citation markers, followed by a markdown 'Sources' list unless switched off."
    )


class ChatCompletionChoice(BaseModel):
    """One completion choice (there is always exactly one)."""

    index: int = Field(0, description="Choice index, always 0.")
    message: ChatCompletionMessage = Field(description="The answer.")
    finish_reason: Literal["stop"] = Field("stop", description="Always 'stop'.")


class Usage(BaseModel):
    """Token counts, approximated by whitespace-separated words (no tokenizer-based LLM is involved)."""

    prompt_tokens: int = Field(description="Words in the request's messages.")
    completion_tokens: int = Field(description="Words in the message content sent back.")
    total_tokens: int = Field(description="Sum of both.")


class AssistantExtras(BaseModel):
    """Extension fields that ride along on OpenAI responses: the rest of the core Reply. A chat UI's
    background task (title, tags, follow-ups; `route` 'task') is answered without the pipeline."""

    session_id: str | None = Field(None, description="Conversation id; send it back as `session_id` to continue.")
    route: str = Field(description="statistics, documents, both, out_of_scope, invalid, smalltalk or task.")
    abstained: bool = Field(False, description="True when the sources do not cover the question.")
    citations: list[Citation] = Field(default_factory=list, description="Numbered sources matching the [n] markers.")
    tool_calls: list[ToolCall] = Field(default_factory=list, description="Statistics lookups behind the answer.")
    chart: Chart | None = Field(None, description="Chart data of the answer's figures, as on /chat; null if none.")


class ChatCompletion(AssistantExtras):
    """OpenAI chat.completion object, plus the assistant's citations and metadata."""

    id: str = Field(description="Completion id.")
    object: Literal["chat.completion"] = Field("chat.completion", description="Object type.")
    created: int = Field(description="Unix time of creation.")
    model: str = Field(description="Model id that answered.")
    choices: list[ChatCompletionChoice] = Field(description="Exactly one choice.")
    usage: Usage = Field(description="Approximate token counts.")


class ChunkDelta(BaseModel):
    """Incremental message content in a streamed chunk."""

    role: Literal["assistant"] | None = Field(None, description="Set on the first chunk only.")
    content: str | None = Field(None, description="Next piece of answer text.")


class ChunkChoice(BaseModel):
    """The single choice of a streamed chunk."""

    index: int = Field(0, description="Choice index, always 0.")
    delta: ChunkDelta = Field(description="New content.")
    finish_reason: Literal["stop"] | None = Field(None, description="'stop' on the last chunk.")


class ChatCompletionChunk(BaseModel):
    """OpenAI chat.completion.chunk; the last one also carries the assistant's extension fields."""

    id: str = Field(description="Completion id, the same on every chunk.")
    object: Literal["chat.completion.chunk"] = Field("chat.completion.chunk", description="Object type.")
    created: int = Field(description="Unix time of creation.")
    model: str = Field(description="Model id that answered.")
    choices: list[ChunkChoice] = Field(
        description="Exactly one choice; none on the usage chunk (`stream_options.include_usage`)."
    )
    usage: Usage | None = Field(None, description="Only on the usage chunk, sent last when asked for.")
    session_id: str | None = Field(None, description="Extension (last chunk): conversation id.")
    route: str | None = Field(None, description="Extension (last chunk): the answer's route.")
    abstained: bool | None = Field(None, description="Extension (last chunk): whether the assistant abstained.")
    citations: list[Citation] | None = Field(None, description="Extension (last chunk): numbered sources.")
    tool_calls: list[ToolCall] | None = Field(None, description="Extension (last chunk): statistics lookups.")
    chart: Chart | None = Field(None, description="Extension (last chunk): chart data, as on /chat.")


class ModelCard(BaseModel):
    """One model served by /v1."""

    id: str = Field(description="Model id to send as `model`.")
    object: Literal["model"] = Field("model", description="Object type.")
    created: int = Field(description="Unix time the server started.")
    owned_by: str = Field("local", description="Owner; the model runs locally.")


class ModelList(BaseModel):
    """Models served by /v1."""

    object: Literal["list"] = Field("list", description="Object type.")
    data: list[ModelCard] = Field(description="The models.")


class OpenAIErrorDetail(BaseModel):
    """What went wrong, in OpenAI's error shape (used on /v1 only, so OpenAI clients raise proper errors)."""

    message: str = Field(description="Human-readable explanation naming the bad value and what is accepted.")
    type: str = Field(description="Error family, e.g. 'invalid_request_error', 'authentication_error'.")
    param: str | None = Field(None, description="The request field at fault, when one is.")
    code: str | None = Field(None, description="Stable machine-readable code, as in the API's other errors.")


class OpenAIErrorBody(BaseModel):
    """Body of every /v1 error: `{"error": {"message", "type", "param", "code"}}`."""

    error: OpenAIErrorDetail = Field(description="The error.")
