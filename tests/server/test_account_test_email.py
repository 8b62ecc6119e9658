"""The settings page's "send a test email" in server mode goes the way the account's notes go:
its own server with its own decrypted password, or its organisation's relay (sending as the
centre, to the candidate, Reply-To the candidate), never the server's own mail settings or
keyring; with no way to send it says so and sends nothing (TestClient, SQLite, a real
aiosmtpd with AUTH)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from afterword.server import secrets
from afterword.server.tokens import SESSION_COOKIE
from afterword.store.accounts import Organisation, User
from afterword.store.scope import system
from afterword.web.app import create_app
from tests.server.personas import KEY, World, build
from tests.server.smtp_auth import CANDIDATE_PW, RELAY_PW, AuthServer, smtp_auth  # noqa: F401

BASE = "http://127.0.0.1:8000"
SERVER_PW = "the server's own secret"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         smtp_auth: AuthServer) -> Iterator[tuple[World, Any]]:  # noqa: F811
    for key in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_DATABASE_URL", "AFTERWORD_USER_NAME"):
        monkeypatch.delenv(key, raising=False)
    # the server's own mail points at the same SMTP server: a test email must not use it
    monkeypatch.setenv("AFTERWORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AFTERWORD_SMTP_PORT", str(smtp_auth.port))
    monkeypatch.setenv("AFTERWORD_SMTP_SECURITY", "none")
    monkeypatch.setenv("AFTERWORD_SMTP_USER", "server")
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", SERVER_PW)
    monkeypatch.setenv("AFTERWORD_USER_EMAIL", "noreply@server.example")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERWORD_INSECURE_COOKIES", "1")
    monkeypatch.setenv(secrets.KEYS_ENV, KEY)
    monkeypatch.chdir(tmp_path)
    world = build(f"sqlite:///{tmp_path / 'site.db'}")
    app = create_app(world.url, server=True)

    def client(persona: str) -> TestClient:
        browser = TestClient(app, base_url=BASE, follow_redirects=False)
        browser.cookies.set(SESSION_COOKIE, world.cookies[persona])
        browser.get("/static/app.css")  # the CSRF cookie
        return browser

    yield world, client


def _test_email(browser: TestClient) -> Any:
    return browser.post("/settings/test-email",
                        data={"csrf_token": browser.cookies.get("aw_csrf") or ""})


def _set(world: World, persona: str, *, settings: dict[str, Any],
         relay: dict[str, Any] | None = None) -> str:
    """The persona's own mail settings (and its organisation's relay); its address."""
    with world.maker()() as session, session.begin():
        system(session, "test set-up")
        user = session.get_one(User, world.users[persona])
        user.settings = settings
        user.mail_secrets = secrets.seal_mail(secrets.Vault([KEY]),
                                              secrets.MailSecrets(smtp=CANDIDATE_PW))
        org = session.get_one(Organisation, user.organisation_id)
        org.relay = relay or {}
        org.relay_secret = secrets.Vault([KEY]).seal(RELAY_PW) if relay else None
        return user.email


def test_the_accounts_own_server_with_its_own_password(site: Any,
                                                      smtp_auth: AuthServer) -> None:  # noqa: F811
    world, client = site
    email = _set(world, "a", settings={"smtp_host": "127.0.0.1", "smtp_port": smtp_auth.port,
                                       "smtp_security": "none", "smtp_user": "zoe"})
    sent = _test_email(client("a"))
    assert sent.status_code == 200 and "Test email sent" in sent.text
    assert smtp_auth.logins == [("zoe", CANDIDATE_PW)]  # decrypted from the account's row
    [got] = smtp_auth.recorder.received
    assert got.rcpt_tos == [email] and got.message["From"] == email


def test_through_the_organisations_relay_to_the_candidate(site: Any,
                                                        smtp_auth: AuthServer) -> None:  # noqa: F811
    world, client = site
    email = _set(world, "a", settings={}, relay={
        "host": "127.0.0.1", "port": smtp_auth.port, "security": "none", "user": "centre",
        "from_address": "careers@north.example", "from_name": "North Careers",
        "members_as_from": False})
    sent = _test_email(client("a"))
    assert sent.status_code == 200 and "Test email sent" in sent.text
    assert smtp_auth.logins == [("centre", RELAY_PW)]
    [got] = smtp_auth.recorder.received
    assert got.rcpt_tos == [email]
    assert got.message["From"] == "careers@north.example"
    assert got.message["Reply-To"] == email


def test_no_way_to_send_says_so_and_the_servers_mail_is_not_used(
        site: Any, smtp_auth: AuthServer) -> None:  # noqa: F811
    world, client = site
    _set(world, "a", settings={})
    refused = _test_email(client("a"))
    assert refused.status_code == 400 and "/settings/mail" in refused.text
    assert smtp_auth.logins == [] and smtp_auth.recorder.received == []
