"""The LanguageTool endpoint in server mode: `username` + `apiKey` name the account, and the
text is checked against that account's applications only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from afterword.services import accounts, credentials
from afterword.store.db import engine_for
from afterword.store.scope import system
from afterword.store.tables import Application
from afterword.web.app import create_app
from tests.languagetool.conftest import NOTE, NOW, seed
from tests.server.accounts_helpers import quick_argon2

MADE = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def lt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Candidate A owns the Northwind interview (Dr. Priya Raman), B the Contoso one; each
    has an API token."""
    quick_argon2(monkeypatch)
    monkeypatch.setenv("AFTERWORD_NOW", NOW)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("AFTERWORD_ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("AFTERWORD_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'lt.db'}"
    seed(url)
    maker = sessionmaker(bind=engine_for(url), expire_on_commit=False)
    keys: dict[str, Any] = {"url": url}
    with maker() as session, session.begin():
        admin = accounts.create_organisation(session, name="Centre", admin_email="admin@c.example",
                                             admin_name="Admin", password="admin passphrase",
                                             now=MADE)
        system(session, "test set-up")
        apps = {a.company: a for a in session.scalars(select(Application))}
        for key, company in (("a", "Northwind Analytics"), ("b", "Contoso")):
            user = accounts.invite(session, by=admin, email=f"{key}@student.example", now=MADE)
            system(session, "test set-up")
            apps[company].owner_id = user.id
            keys[key] = credentials.create_api_token(session, user, name="LTeX", now=MADE).secret
    yield keys


def _check(client: TestClient, **form: str) -> Any:
    return client.post("/v2/check", data={"language": "en-US", "text": NOTE, **form})


def test_a_check_needs_an_accounts_address_and_api_key(lt: dict[str, Any]) -> None:
    client = TestClient(create_app(lt["url"], server=True), base_url="http://127.0.0.1:8000")
    missing = _check(client)
    assert missing.status_code == 401 and missing.text.startswith("Error: ")
    assert "apiKey" in missing.text and "\n" not in missing.text
    wrong_user = _check(client, username="b@student.example", apiKey=lt["a"])
    assert wrong_user.status_code == 401
    assert _check(client, username="a@student.example", apiKey="awt_forged").status_code == 401
    assert client.get("/v2/languages").status_code == 200  # public, as LanguageTool's is


def test_each_account_is_checked_against_its_own_interviews_only(lt: dict[str, Any]) -> None:
    client = TestClient(create_app(lt["url"], server=True), base_url="http://127.0.0.1:8000")
    mine = _check(client, username="A@student.example", apiKey=lt["a"])
    assert mine.status_code == 200
    notice = mine.json()["matches"][0]
    assert notice["rule"]["id"] == "AW000"
    assert "Priya Raman" in notice["message"] and "Northwind Analytics" in notice["message"]
    theirs = _check(client, username="b@student.example", apiKey=lt["b"])
    assert theirs.status_code == 200
    messages = " ".join(m["message"] for m in theirs.json()["matches"])
    assert "Priya Raman" not in messages and "Arjun Mehta" not in messages
