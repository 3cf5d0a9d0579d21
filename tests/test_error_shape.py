"""One JSON error shape everywhere in the API, pinned:

    {"error": {"status": <int>, "code": <str>, "message": <one line>}}

plus "detail" (a list of {"where", "message"}) on request validation errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from web_sample import csrf_token, make_client

SHAPE_KEYS = {"status", "code", "message"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("shape") / "ledger.db"
    return make_client(path, suggestions_per_hour=1, max_body_bytes=2048)


def assert_shape(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert SHAPE_KEYS <= set(error) <= SHAPE_KEYS | {"detail"}
    assert error["status"] == status
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert "\n" not in error["message"]
    return dict(error)


CASES = [
    ("GET", "/api/attacks?since=2024-13-01", 400, "bad_parameter"),
    ("GET", "/api/attacks?class=laser", 400, "bad_parameter"),
    ("GET", "/api/attacks?region=Kyiv", 400, "bad_parameter"),
    ("GET", "/api/attacks?since=2024-12-01&until=2024-01-01", 400, "bad_parameter"),
    ("GET", "/api/stats?attacker=russia", 400, "bad_parameter"),
    ("GET", "/api/export.csv?until=yesterday", 400, "bad_parameter"),
    ("GET", "/api/attacks?limit=0", 422, "invalid_request"),
    ("GET", "/api/attacks?limit=many", 422, "invalid_request"),
    ("GET", "/api/attacks/abc", 422, "invalid_request"),
    ("GET", "/api/attacks/999999", 404, "not_found"),
    ("GET", "/api/documents/999999", 404, "not_found"),
    ("GET", "/api/no-such-thing", 404, "not_found"),
    ("DELETE", "/api/attacks", 405, "method_not_allowed"),
    ("GET", "/api/corrections", 401, "login_required"),
]


@pytest.mark.parametrize("method, url, status, code", CASES, ids=[c[1] for c in CASES])
def test_error_shape(client: Any, method: str, url: str, status: int, code: str) -> None:
    assert_shape(client.request(method, url), status, code)


def test_validation_errors_carry_detail(client: Any) -> None:
    error = assert_shape(client.get("/api/attacks?limit=0"), 422, "invalid_request")
    assert error["detail"][0]["where"] == "query limit"
    assert error["message"].startswith("query limit: ")


def test_bad_filter_message_names_value_and_fix(client: Any) -> None:
    error = assert_shape(client.get("/api/attacks?class=laser"), 400, "bad_parameter")
    assert "'laser'" in error["message"] and "attack_drone" in error["message"]


def test_csrf_failure_shape(client: Any) -> None:
    response = client.post("/api/corrections", json={"attack_id": 1, "field": "launched",
                                                     "proposed": "30"})
    assert_shape(response, 403, "csrf_failed")


def test_body_limit_shape(client: Any) -> None:
    response = client.post("/api/corrections", content=b"x" * 4096,
                           headers={"content-type": "application/json"})
    assert_shape(response, 413, "too_large")


def test_rate_limit_shape(client: Any) -> None:
    token = csrf_token(client)
    body = {"attack_id": 1, "field": "launched", "proposed": "30"}
    headers = {"x-csrf-token": token}
    assert client.post("/api/corrections", json=body, headers=headers).status_code == 201
    response = client.post("/api/corrections", json=body, headers=headers)
    assert_shape(response, 429, "rate_limited")
    assert int(response.headers["retry-after"]) > 0


def test_openapi_documents_the_shape(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    responses = spec["paths"]["/api/attacks"]["get"]["responses"]
    ref = responses["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ErrorBody")
    assert "error" in spec["components"]["schemas"]["ErrorBody"]["properties"]


def test_pages_answer_errors_in_html(client: Any) -> None:
    response = client.get("/attacks/999999", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no attack 999999" in response.text
