"""Every bad input gets a 4xx in the one error shape, with a message that says what was wrong."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.middleware import DEFAULT_MAX_BODY_BYTES

pytestmark = pytest.mark.slow


def error_of(response: httpx.Response) -> dict[str, object]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert "Traceback" not in response.text
    return body["error"]


@pytest.mark.parametrize("message", ["", "   ", "\n\t "])
def test_empty_or_whitespace_message_is_400(http: httpx.Client, message: str) -> None:
    response = http.post("/chat", json={"message": message})

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "empty_message"
    assert "empty" in str(error["message"]).lower()


def test_message_over_the_limit_is_413_naming_the_limit(http: httpx.Client) -> None:
    response = http.post("/chat", json={"message": "salary " * 300})

    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "message_too_long"
    assert "2000" in str(error["message"]).replace(",", "")


def test_message_at_the_limit_is_answered(http: httpx.Client) -> None:
    message = ("What was the median salary expectation in 2025? " * 50)[:2000]

    response = http.post("/chat", json={"message": message})

    assert response.status_code == 200


def test_invalid_json_is_400(http: httpx.Client) -> None:
    response = http.post("/chat", content=b'{"message": "hi"', headers={"content-type": "application/json"})

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_json"
    assert "not valid JSON" in str(error["message"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": 123}, "message"),
        ({"message": ["a", "b"]}, "message"),
        ({"message": None}, "message"),
        ({"session_id": "abc"}, "message"),
        ({"message": "hi", "session_id": 7}, "session_id"),
        ({"message": "hi", "colour": "blue"}, "colour"),
    ],
)
def test_wrong_types_or_fields_are_422_naming_the_field(http: httpx.Client, body: dict, field: str) -> None:
    response = http.post("/chat", json=body)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert field in str(error["message"])
    assert any(field in detail["loc"] for detail in error["details"])  # type: ignore[union-attr]


def test_json_that_is_not_an_object_is_422(http: httpx.Client) -> None:
    response = http.post("/chat", json=["What was the median?"])

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_body_over_the_size_limit_is_413_from_content_length(http: httpx.Client) -> None:
    body = b'{"message": "' + b"a" * DEFAULT_MAX_BODY_BYTES + b'"}'

    response = http.post("/chat", content=body, headers={"content-type": "application/json"})

    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "payload_too_large"
    assert str(DEFAULT_MAX_BODY_BYTES) in str(error["message"])


def test_chunked_body_over_the_size_limit_is_413(live: object) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"message": "'
        for _ in range(DEFAULT_MAX_BODY_BYTES // 1024 + 2):
            yield b"a" * 1024
        yield b'"}'

    with live.client() as client:  # type: ignore[attr-defined]
        response = client.post("/chat", content=chunks(), headers={"content-type": "application/json"})

    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_non_utf8_body_is_400(http: httpx.Client) -> None:
    body = '{"message": "Gehalt für Ingenieure"}'.encode("latin-1")

    response = http.post("/chat", content=body, headers={"content-type": "application/json"})

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_encoding"
    assert "UTF-8" in str(error["message"])


def test_unknown_endpoint_and_wrong_method_use_the_error_shape(http: httpx.Client) -> None:
    missing = http.get("/no/such/thing")
    wrong_method = http.get("/chat")

    assert missing.status_code == 404
    assert error_of(missing)["code"] == "not_found"
    assert wrong_method.status_code == 405
    assert error_of(wrong_method)["code"] == "method_not_allowed"
