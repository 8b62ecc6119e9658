"""The sessions a service opens by itself (scheduling, sending: `session_scope`) are scoped
like the request's or the job's own: the box `acting_as` holds reaches the threads a
request's dependencies and handler run in, and a strict or system session keeps its own."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest
from sqlalchemy import select

from afterword.server.secrets import new_key
from afterword.server.worker import own_scope
from afterword.services.tracker import other_applications
from afterword.store import repo
from afterword.store.accounts import User
from afterword.store.db import session_scope
from afterword.store.scope import Scope, Unscoped, act, acting_as, strict, system
from afterword.store.tables import Application
from tests.server.ops_centre import make_centre, server_settings


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AFTERWORD_SECRET_KEYS", new_key())
    return f"sqlite:///{tmp_path / 'scope.db'}"


def _scope(url: str, user_id: int) -> Scope:
    with session_scope(url) as session:
        system(session, "test: the account")
        return own_scope(session.get_one(User, user_id))


def _companies_seen(url: str) -> list[str]:
    with session_scope(url) as session:  # as a service opens one: no scope of its own
        return sorted(session.scalars(select(Application.company)))


def test_a_box_filled_in_one_thread_scopes_sessions_opened_in_another(url: str) -> None:
    centre = make_centre(url, server_settings(1), ("Sam Ortiz", "Bea Kim"), scheduled=False)
    with session_scope(url) as session:
        system(session, "test: Bea applied elsewhere too")
        bea = session.get_one(User, centre.candidates["Bea Kim"])
        repo.add_application(session, company="Globex", role="Analyst",
                             now=bea.created_at).owner_id = bea.id
    sam = _scope(url, centre.candidates["Sam Ortiz"])

    async def request() -> list[str]:
        with acting_as(Scope.signed_out()):
            assert await anyio.to_thread.run_sync(_companies_seen, url) == []
            await anyio.to_thread.run_sync(act, sam)  # the dependency learns the account
            return await anyio.to_thread.run_sync(_companies_seen, url)  # the handler

    assert anyio.run(request) == ["Northwind Analytics"]
    assert _companies_seen(url) == ["Globex", "Northwind Analytics", "Northwind Analytics"]
    with acting_as(sam), session_scope(url) as session:
        app = session.scalars(select(Application)).one()
        assert other_applications(app) == ([], [])  # Bea's Globex is not Sam's business


def test_a_strict_or_system_session_ignores_the_box(url: str) -> None:
    centre = make_centre(url, server_settings(1), ("Sam Ortiz",), scheduled=False)
    with acting_as(_scope(url, centre.candidates["Sam Ortiz"])):
        with session_scope(url) as session:
            strict(session)
            with pytest.raises(Unscoped):
                session.scalars(select(Application)).all()
        with session_scope(url) as session:
            system(session, "test: on purpose")
            assert len(session.scalars(select(User)).all()) == 3


def test_scheduling_on_the_server_runs_in_the_candidates_scope(
        url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from afterword.services import accounts
    from afterword.store.tables import DueWork
    from afterword.web.app import create_app
    from tests.mail.conftest import EPOCH
    from tests.server.accounts_helpers import quick_argon2

    quick_argon2(monkeypatch)
    for key in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_BASE_URL", "AFTERWORD_USER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("AFTERWORD_INSECURE_COOKIES", "1")
    monkeypatch.setenv("AFTERWORD_NOW", EPOCH.isoformat())
    centre = make_centre(url, server_settings(1), ("Sam Ortiz", "Bea Kim"), scheduled=False)
    with session_scope(url) as session:
        system(session, "test: Sam's password")
        session.get_one(User, centre.candidates["Sam Ortiz"]).password_hash = \
            accounts.hash_password("a sensible passphrase")
    client = TestClient(create_app(url, server=True), base_url="http://127.0.0.1:8000")
    client.get("/sign-in")
    signed = client.post("/sign-in", data={"email": "sam.ortiz@student.example",
                                           "password": "a sensible passphrase", "next": "/",
                                           "csrf_token": client.cookies["aw_csrf"]},
                         follow_redirects=False)
    assert signed.status_code == 303
    mine, theirs = centre.notes["Sam Ortiz"], centre.notes["Bea Kim"]
    page = client.post(f"/notes/{mine}/schedule", data={
        "when": "Monday 09:00", "csrf_token": client.cookies["aw_csrf"]})
    assert page.status_code == 200 and "Scheduled for" in page.text
    refused = client.post(f"/notes/{theirs}/schedule", data={
        "when": "Monday 09:00", "csrf_token": client.cookies["aw_csrf"]})
    assert refused.status_code == 404
    with session_scope(url) as session:
        system(session, "test: read back")
        assert [r.note_id for r in session.scalars(select(DueWork))] == [mine]
