"""Schemathesis over the whole API: generated requests (valid and invalid, from the OpenAPI document) against
the app over the real assistant. Every default check must hold: no 5xx, responses match the documented
status codes, content types and schemas, valid requests are accepted and invalid ones rejected.

Bounded and reproducible: a fixed number of examples per operation, derandomized, no example database.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis

# Imported here, at a shallow call depth, before collection generates any case: pytest rewrites a plugin's modules
# on first import, and CPython 3.11's ast.parse fails ("AST constructor recursion depth mismatch") when that first
# import happens deep inside hypothesis' case generation, which it did for some hash seeds (PYTHONHASHSEED=2).
import schemathesis.specs.openapi.coverage._operation  # noqa: F401
from pydantic import SecretStr
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from api.app import create_app
from assistant.settings import Settings

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 100
KEYED_EXAMPLES_PER_OPERATION = 30  # the same operations again, for what the key changes
# Schemathesis' default rejections, plus 413: a body or message over the size limit is rejected too.
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]

# OpenAI's request shape: the question is the *last* user message, which must have text. JSON Schema cannot
# say "the last item with role 'user'", so the document states it in words (like OpenAI's own does) and
# the two checks that take the schema as the exact rule are left out for this one operation. Everything
# else (no 5xx; status codes, content types and response bodies as documented) is checked there too.
NOT_EXPRESSIBLE_IN_JSON_SCHEMA = {("POST", "/v1/chat/completions")}

API_KEY = "schemathesis-key"


def config(examples: int, **extra: Any) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "generation": {"max-examples": examples, "deterministic": True, "database": "none"},
            "checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}},
            **extra,
        }
    )


class ServedApp:
    """The ASGI app schemathesis calls: first an app that only serves the document (schemathesis reads it
    at import, before fixtures exist), then, per test run, the app over the real assistant. Both are built
    from the same settings, so they publish the same document. (Schemathesis' lazy `from_fixture` loader
    does not run under pytest 9.)"""

    def __init__(self, **settings: Any) -> None:
        self.settings = settings
        self.app = create_app(schema_settings(**settings))

    def serve_real(self, core_settings: Settings, assistant: Any) -> None:
        where = {"data_dir": core_settings.data_dir, "corpus_dir": core_settings.corpus_dir}
        self.app = create_app(schema_settings(**self.settings, **where), assistant=assistant)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


def schema_settings(**values: Any) -> Settings:
    # No admin token: /admin does not exist then (and a fuzzed reindex would rebuild the session's index).
    defaults = {"api_key": None, "admin_token": None, "rate_limit_per_minute": 1_000_000}
    return Settings(_env_file=None, **(defaults | values))


# Open: no API key, so the document declares no client auth. Keyed: an API key and protected ops, so the
# document declares it (schemathesis sends it, and checks that requests without it are refused).
open_app = ServedApp()
keyed_app = ServedApp(api_key=SecretStr(API_KEY), protect_ops=True)
open_schema = schemathesis.openapi.from_asgi("/openapi.json", open_app, config=config(EXAMPLES_PER_OPERATION))
keyed_schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    keyed_app,
    config=config(
        KEYED_EXAMPLES_PER_OPERATION,
        auth={"openapi": {"ApiKey": {"bearer": API_KEY}, "ApiKeyHeader": {"api_key": API_KEY}}},
    ),
)


@pytest.fixture(autouse=True, scope="module")
def real_apps(core_settings: Settings, real_assistant: Any) -> None:
    for served in (open_app, keyed_app):
        served.serve_real(core_settings, real_assistant)


def call_and_validate(case: Any) -> None:
    operation = (case.operation.method.upper(), case.operation.path)
    excluded = (
        [positive_data_acceptance, negative_data_rejection] if operation in NOT_EXPRESSIBLE_IN_JSON_SCHEMA else []
    )
    case.call_and_validate(excluded_checks=excluded)


BOUNDED = hypothesis.settings(
    derandomize=True, database=None, deadline=None, suppress_health_check=list(hypothesis.HealthCheck)
)


@open_schema.parametrize()
@hypothesis.settings(BOUNDED, max_examples=EXAMPLES_PER_OPERATION)
def test_the_open_api_behaves_as_its_openapi_document_says(case: Any) -> None:
    call_and_validate(case)


@keyed_schema.parametrize()
@hypothesis.settings(BOUNDED, max_examples=KEYED_EXAMPLES_PER_OPERATION)
def test_the_keyed_api_behaves_as_its_openapi_document_says(case: Any) -> None:
    call_and_validate(case)
