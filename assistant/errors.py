"""Domain errors, each knowing its HTTP status. Front ends map them at their edge, in one place.

AssistantError (500)
├── InvalidInput (400)
│   ├── EmptyMessage (400)
│   ├── MessageTooLong (413)
│   └── UnknownValue (400)        a table, column or filter value outside the whitelist
├── Unauthorized (401)
├── NotFound (404)
├── RateLimited (429)
├── IndexNotReady (503)           no index/statistics build yet, or it failed to load
│   └── BuildDamaged (503)        the current build does not match its manifest (names what is wrong)
├── StateUnavailable (503)        the shared state (SQLite file or Redis) cannot be reached
├── IngestError (500)             a build failed; the previous index keeps serving
│   └── IngestRunning (409)       another ingest (CLI or API, any process) holds the data dir's lock
├── UngroundedAnswer (500)        a composed answer carried a number the evidence lacks
└── BackendError (502)            an optional upstream (LLM) failed or timed out
"""

from __future__ import annotations


class AssistantError(Exception):
    status_code: int = 500
    code: str = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(AssistantError):
    status_code = 400
    code = "invalid_input"


class EmptyMessage(InvalidInput):
    code = "empty_message"


class MessageTooLong(InvalidInput):
    status_code = 413
    code = "message_too_long"


class UnknownValue(InvalidInput):
    code = "unknown_value"


class Unauthorized(AssistantError):
    status_code = 401
    code = "unauthorized"


class NotFound(AssistantError):
    status_code = 404
    code = "not_found"


class RateLimited(AssistantError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after_seconds: int = 1) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class IndexNotReady(AssistantError):
    status_code = 503
    code = "index_not_ready"


class StateUnavailable(AssistantError):
    status_code = 503
    code = "state_unavailable"


class BuildDamaged(IndexNotReady):
    code = "build_damaged"


class IngestError(AssistantError):
    status_code = 500
    code = "ingest_failed"


class IngestRunning(IngestError):
    status_code = 409
    code = "ingest_running"


class UngroundedAnswer(AssistantError):
    status_code = 500
    code = "ungrounded_answer"


class BackendError(AssistantError):
    status_code = 502
    code = "backend_error"
