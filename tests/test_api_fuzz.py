"""Schemathesis against /openapi.json on a live loopback server: no input the
description allows (or almost allows) makes the API answer 500.

The run is bounded (MAX_EXAMPLES per operation) to stay well under a minute
in the regular suite. The client is a logged-in editor with a CSRF token, so
the write endpoints are exercised past their guards too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from web_sample import EDITOR, EDITOR_PASSWORD, build_ledger

from skyledger.web import WebConfig, create_app
from skyledger.web.live import LiveServer

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

# Cases per API operation and mode: 13 operations x 2 modes x 25 cases.
MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    ledger = build_ledger(Path(tmp_path_factory.mktemp("fuzz")) / "ledger.db")
    config = WebConfig(secret_key="fuzz", suggestions_per_hour=100_000)
    with LiveServer(create_app(ledger, config=config)) as server:
        yield server
    ledger.close()


@pytest.fixture(scope="module")
def editor_session(live: LiveServer) -> tuple[requests.Session, str]:
    session = requests.Session()
    token = session.get(f"{live.url}/api/session", timeout=10).json()["csrf_token"]
    response = session.post(f"{live.url}/login", timeout=10, allow_redirects=False, data={
        "username": EDITOR, "password": EDITOR_PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    token = session.get(f"{live.url}/api/session", timeout=10).json()["csrf_token"]
    return session, token


def operations(live: LiveServer) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_no_server_error(live: LiveServer, editor_session: tuple[requests.Session, str],
                         mode: str) -> None:
    session, token = editor_session
    generation = GenerationMode.POSITIVE if mode == "positive" else GenerationMode.NEGATIVE
    found = operations(live)
    assert len(found) >= 12

    for operation in found:

        @given(case=operation.as_strategy(generation_mode=generation))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            case.call_and_validate(base_url=live.url, session=session,
                                   headers={"x-csrf-token": token},
                                   checks=[not_a_server_error], timeout=10)

        try:
            run()
        except Unsatisfiable:
            # Nothing to break: an operation without parameters has no negative cases.
            assert mode == "negative", operation.label
