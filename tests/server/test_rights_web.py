"""Server mode's data-rights and mail pages through the web app (TestClient, SQLite): the mail
settings page stores passwords sealed and never shows them, a send goes through the
candidate's own server (a real aiosmtpd with AUTH), the download holds only the account's
own data, deleting needs the typed address and signs the browser out, and the audit log and
the relay are for admins only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from afterword.server import secrets
from afterword.server.tokens import SESSION_COOKIE
from afterword.store import repo
from afterword.store.accounts import Organisation, User
from afterword.store.scope import system
from afterword.store.tables import Application
from afterword.web.app import create_app
from tests.mail.conftest import add_note
from tests.server.personas import KEY, MARKERS, World, build, mail_password
from tests.server.smtp_auth import CANDIDATE_PW, AuthServer, smtp_auth  # noqa: F401

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[World, Any]]:
    for key in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_DATABASE_URL", "AFTERWORD_SMTP_HOST",
                "AFTERWORD_USER_NAME", "AFTERWORD_USER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
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


def _post(browser: TestClient, url: str, data: dict[str, str]) -> Any:
    return browser.post(url, data={"csrf_token": browser.cookies.get("aw_csrf") or "", **data})


def _user(world: World, persona: str) -> User | None:
    with world.maker()() as session:
        system(session, "look")
        return session.get(User, world.users[persona])


def test_the_mail_page_seals_the_password_and_never_shows_it(site: Any) -> None:
    world, client = site
    a = client("a")
    page = a.get("/settings/mail")
    assert page.status_code == 200 and "A password is stored." in page.text
    assert mail_password("a") not in page.text
    saved = _post(a, "/settings/mail", {"via": "own", "smtp_host": "smtp.student.example",
                                        "smtp_port": "465", "smtp_security": "tls",
                                        "smtp_user": "a", "smtp_password": "new pw 'x'"})
    assert saved.status_code == 200 and "Mail settings saved." in saved.text
    assert "new pw" not in saved.text
    user = _user(world, "a")
    assert user is not None and "new pw" not in json.dumps(user.settings)
    assert secrets.open_mail(secrets.Vault([KEY]), user.mail_secrets).smtp == "new pw 'x'"


def test_a_refused_field_is_shown_beside_the_form_and_nothing_changes(site: Any) -> None:
    world, client = site
    before = _user(world, "a")
    refused = _post(client("a"), "/settings/mail", {"via": "own", "smtp_host": "x.example",
                                                    "smtp_port": "70000"})
    assert refused.status_code == 400 and "smtp_port" in refused.text
    after = _user(world, "a")
    assert before is not None and after is not None
    assert (after.settings, after.mail_secrets) == (before.settings, before.mail_secrets)


def test_a_send_from_the_page_goes_through_the_candidates_own_server(
        site: Any, smtp_auth: AuthServer) -> None:  # noqa: F811
    world, client = site
    (note_id,) = add_note(world.url, status="approved")
    with world.maker()() as session, session.begin():
        system(session, "the note is A's")
        repo.get_note(session, note_id).application.owner_id = world.users["a"]
    a = client("a")
    _post(a, "/settings/mail", {"via": "own", "smtp_host": "127.0.0.1",
                                "smtp_port": str(smtp_auth.port), "smtp_security": "none",
                                "smtp_user": "zoe", "smtp_password": CANDIDATE_PW})
    sent = _post(a, f"/notes/{note_id}/send", {})
    assert sent.status_code == 200, sent.text[:300]
    assert smtp_auth.logins == [("zoe", CANDIDATE_PW)]
    (got,) = smtp_auth.recorder.received
    assert got.message["From"].addresses[0].addr_spec == "a@student.example"


def test_the_download_is_only_the_accounts_own_data(site: Any) -> None:
    _world, client = site
    a = client("a")
    assert "Download my data" in a.get("/account/export").text
    got = _post(a, "/account/export", {})
    assert got.status_code == 200
    assert got.headers["content-disposition"].startswith("attachment;")
    text = got.text
    assert MARKERS["a"] in text and MARKERS["b"] not in text and MARKERS["z"] not in text
    assert mail_password("a") not in text and "mail_secrets" not in text
    coach = _post(client("coach"), "/account/export", {}).json()
    assert coach["applications"] == [] and MARKERS["a"] not in json.dumps(coach)


def test_deleting_needs_the_typed_address_then_signs_the_browser_out(site: Any) -> None:
    world, client = site
    a = client("a")
    wrong = _post(a, "/account/delete", {"confirm": "b@student.example"})
    assert wrong.status_code == 400 and "type your email address" in wrong.text
    assert _user(world, "a") is not None
    done = _post(a, "/account/delete", {"confirm": "a@student.example"})
    assert done.status_code == 303 and done.headers["location"].startswith("/sign-in")
    assert re.search(rf"{SESSION_COOKIE}=(\"\")?;", done.headers["set-cookie"])
    assert _user(world, "a") is None
    with world.maker()() as session:
        system(session, "look")
        owners = set(session.scalars(select(Application.owner_id)))
        assert world.users["a"] not in owners and world.users["b"] in owners
    again = client("a").get("/")  # the old cookie signs nobody in
    assert again.status_code == 303 and again.headers["location"].startswith("/sign-in")


def test_the_audit_log_and_the_relay_are_for_admins(site: Any) -> None:
    world, client = site
    a = client("a")
    _post(a, "/account/export", {})
    assert a.get("/admin/audit").status_code == 403
    assert _post(a, "/settings/mail/relay", {"host": "relay.example"}).status_code == 403
    admin = client("admin")
    log = admin.get("/admin/audit")
    assert log.status_code == 200 and "export" in log.text
    assert "O&#39;Brien-Zoë a (candidate)" in log.text
    assert client("other_admin").get("/admin/audit").text.count("<code>export</code>") == 0
    saved = _post(admin, "/settings/mail/relay", {
        "host": "relay.north.example", "port": "587", "security": "starttls", "user": "relay",
        "password": "relay secret", "from_address": "careers@north.example"})
    assert saved.status_code == 200 and "relay secret" not in saved.text
    with world.maker()() as session:
        system(session, "look")
        org = session.get_one(Organisation, world.ids["org_north"])
        assert org.relay["host"] == "relay.north.example" and org.relay_secret
        assert session.scalar(select(func.count()).select_from(Organisation).where(
            Organisation.relay_secret.is_not(None))) == 1


def test_without_the_servers_key_no_password_is_taken(site: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    world, client = site
    monkeypatch.delenv(secrets.KEYS_ENV)
    a = client("a")
    assert "cannot be stored" in a.get("/settings/mail").text
    before = _user(world, "a")
    refused = _post(a, "/settings/mail", {"via": "own", "smtp_host": "x.example",
                                          "smtp_password": "typed"})
    assert refused.status_code == 400
    after = _user(world, "a")
    assert before is not None and after is not None and after.mail_secrets == \
        before.mail_secrets


def test_the_settings_pages_keep_an_accounts_values_in_the_account_not_the_servers_file(
        site: Any, tmp_path: Path) -> None:
    world, client = site
    a = client("a")
    saved = _post(a, "/settings", {"user_name": "Zoë O'Brien", "user_email": "a@student.example",
                                   "signature": "Class of 2027", "dialect": "british",
                                   "smtp_host": "smtp.student.example"})
    assert saved.status_code == 200 and "Saved to your account." in saved.text
    welcomed = _post(a, "/welcome", {"user_name": "Zoë O'Brien",
                                     "user_emails": "a@student.example a.old@school.example",
                                     "signature": "Class of 2027"})
    assert welcomed.status_code == 303
    assert not list(tmp_path.rglob("afterword.toml"))  # the server's file stays unwritten
    user = _user(world, "a")
    assert user is not None
    assert (user.settings["dialect"], user.settings["user_emails"]) == (
        "british", ["a.old@school.example"])
    assert user.settings["signature"] == "Class of 2027"
    other = _user(world, "b")
    assert other is not None and "dialect" not in other.settings
    assert "Zoë O&#39;Brien" in a.get("/settings").text
    assert "Zoë O&#39;Brien" not in client("b").get("/settings").text


def test_a_test_email_logs_in_with_the_accounts_password_never_the_servers(
        site: Any, smtp_auth: AuthServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    _world, client = site
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", "the server's own secret")
    a = client("a")
    _post(a, "/settings/mail", {"via": "own", "smtp_host": "127.0.0.1",
                                "smtp_port": str(smtp_auth.port), "smtp_security": "none",
                                "smtp_user": "zoe"})  # the stored password is kept
    _post(a, "/settings/test-email", {})
    assert smtp_auth.logins == [("zoe", mail_password("a"))]
