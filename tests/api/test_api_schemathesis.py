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
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from api.app import create_app
from assistant.settings import Settings

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 100
# Schemathesis' default rejections, plus 413: a body or message over the size limit is rejected too.
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]

# OpenAI's request shape: the question is the *last* user message, which must have text. JSON Schema cannot
# say "the last item with role 'user'", so the document states it in words (like OpenAI's own does) and
# the two checks that take the schema as the exact rule are left out for this one operation. Everything
# else (no 5xx; status codes, content types and response bodies as documented) is checked there too.
NOT_EXPRESSIBLE_IN_JSON_SCHEMA = {("POST", "/v1/chat/completions")}

CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True, "database": "none"},
        "checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}},
    }
)


class ServedApp:
    """The ASGI app schemathesis calls: first an app that only serves the document (schemathesis reads it
    at import, before fixtures exist), then, per test run, the app over the real assistant. Both are built
    from the same settings, so they publish the same document. (Schemathesis' lazy `from_fixture` loader
    does not run under pytest 9.)"""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


def schema_settings(**values: Any) -> Settings:
    # No API key and no admin token: the document then declares no client auth (none is needed).
    return Settings(_env_file=None, api_key=None, admin_token=None, rate_limit_per_minute=1_000_000, **values)


served = ServedApp(create_app(schema_settings()))
schema = schemathesis.openapi.from_asgi("/openapi.json", served, config=CONFIG)


@pytest.fixture(autouse=True, scope="module")
def real_app(core_settings: Settings, real_assistant: Any) -> Any:
    served.app = create_app(
        schema_settings(data_dir=core_settings.data_dir, corpus_dir=core_settings.corpus_dir), assistant=real_assistant
    )
    return served.app


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_the_api_behaves_as_its_openapi_document_says(case: Any) -> None:
    operation = (case.operation.method.upper(), case.operation.path)
    excluded = (
        [positive_data_acceptance, negative_data_rejection] if operation in NOT_EXPRESSIBLE_IN_JSON_SCHEMA else []
    )
    case.call_and_validate(excluded_checks=excluded)
