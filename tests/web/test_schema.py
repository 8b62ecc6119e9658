"""Property tests of the JSON API from its own OpenAPI spec (Schemathesis): no server errors."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

TOKEN = "t" * 43


@pytest.fixture
def api_schema(db_url: str) -> Any:
    from afterword.store.db import session_scope
    from afterword.web import create_app
    from afterword.web.data import load_example
    from tests.web.conftest import EPOCH

    app = create_app(db_url)
    from datetime import datetime

    with session_scope(db_url) as session:
        load_example(session, datetime.fromisoformat(EPOCH))
    return schemathesis.openapi.from_asgi("/openapi.json", _at_loopback(app))


def _at_loopback(app: Any) -> Any:
    """The app as reached at its bound address: Schemathesis' client says `testserver`,
    which the Host allow-list (rightly) refuses."""
    async def call(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k != b"host"]
            scope = {**scope, "headers": [(b"host", b"127.0.0.1:8000"), *headers]}
        await app(scope, receive, send)
    return call


def test_the_api_never_fails_with_a_server_error(api_schema: Any) -> None:
    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            response = case.call(headers={"X-CSRF-Token": TOKEN}, cookies={"aw_csrf": TOKEN})
            assert response.status_code < 500, (case.method, case.path, response.text[:300])

        call()
        checked.append(operation.label)
    assert "POST /api/check" in checked and len(checked) >= 6
