"""Server mode's web face of accounts: every page needs a sign-in, the cookie is HttpOnly
and SameSite=Lax, sessions and API tokens reach only their own account's data, and the
invitation, reset and account pages do what they say. In-process (TestClient) on SQLite."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from afterword.services import accounts
from afterword.store import repo
from afterword.store.accounts import AuthSession, User
from afterword.store.db import engine_for
from afterword.store.scope import system
from afterword.store.tables import DueWork
from afterword.web.app import create_app
from tests.server.accounts_helpers import quick_argon2

EPOCH = "2026-12-01T10:00:00-05:00"
NOW = datetime.fromisoformat(EPOCH).astimezone(UTC)
BASE = "http://127.0.0.1:8000"
PASSWORD = "a sensible passphrase"


class Browser(TestClient):
    """A TestClient that sends the CSRF token with each form, as the pages do."""

    def csrf(self) -> str:
        if not self.cookies.get("aw_csrf"):
            self.get("/static/app.css")
        return str(self.cookies.get("aw_csrf"))

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.post(url, data={"csrf_token": self.csrf(), **(data or {})}, **kwargs)

    def sign_in(self, email: str, password: str = PASSWORD, next_: str = "/") -> Any:
        return self.submit("/sign-in", {"email": email, "password": password, "next": next_},
                           follow_redirects=False)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """A server-mode app with an organisation: admin, candidates A and B (an application
    each, "Acme" and "Globex")."""
    quick_argon2(monkeypatch)
    for key in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_BASE_URL", "AFTERWORD_INSECURE_COOKIES",
                "AFTERWORD_DATABASE_URL", "AFTERWORD_USER_NAME", "AFTERWORD_USER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERWORD_NOW", EPOCH)
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'server.db'}"
    maker = sessionmaker(bind=engine_for(url), expire_on_commit=False)
    with maker() as session, session.begin():
        admin = accounts.create_organisation(session, name="Northfield Careers",
                                             admin_email="ada@northfield.example",
                                             admin_name="Ada", password=PASSWORD, now=NOW)
        ids: dict[str, Any] = {"admin": admin}
        for key, company in (("a", "Acme"), ("b", "Globex")):
            user = accounts.invite(session, by=admin, email=f"{key}@student.example",
                                   name=f"Candidate {key.upper()}", now=NOW)
            system(session, "test set-up")
            user.password_hash = accounts.hash_password(PASSWORD)
            app = repo.add_application(session, company=company, role="Analyst", now=NOW)
            app.owner_id = user.id
            session.flush()
            person = repo.add_person(session, app, name=f"Person {key.upper()}",
                                     email=f"person.{key}@{company.lower()}.example")
            note = repo.save_note(session, app, body=f"Dear Person {key.upper()},", now=NOW,
                                  person=person)
            ids[key], ids[f"app_{key}"], ids[f"note_{key}"] = user, app.id, note.id
        coach = accounts.invite(session, by=admin, email="coach@northfield.example",
                                role="coach", now=NOW)
        system(session, "test set-up")
        coach.password_hash = accounts.hash_password(PASSWORD)
        ids["a"].coach_id = coach.id
    ids["maker"] = maker
    ids["url"] = url
    yield ids


def _browser(server: dict[str, Any]) -> Browser:
    return Browser(create_app(server["url"], server=True), base_url=BASE)


def test_a_signed_out_visitor_is_sent_to_sign_in_and_the_api_answers_401(
        server: dict[str, Any]) -> None:
    web = _browser(server)
    page = web.get("/applications?status=open", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/sign-in?next=%2Fapplications%3Fstatus%3Dopen"
    api = web.get("/api/applications")
    assert api.status_code == 401 and "sign in" in api.json()["detail"]
    assert web.get("/sign-in").status_code == 200
    assert web.get("/v2/languages").status_code == 200
    assert web.get("/healthz").status_code == 200


def test_signing_in_sets_a_httponly_lax_cookie_and_shows_only_ones_own_data(
        server: dict[str, Any]) -> None:
    web = _browser(server)
    answer = web.sign_in("A@student.example", next_="/applications")
    assert answer.status_code == 303 and answer.headers["location"] == "/applications"
    cookie = next(c for c in answer.headers.get_list("set-cookie")
                  if c.startswith("aw_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=" in cookie
    assert "Secure" not in cookie  # loopback http (tests, the demo)
    assert "strict-transport-security" not in answer.headers
    listing = web.get("/applications")
    assert listing.status_code == 200 and "Acme" in listing.text and "Globex" not in listing.text
    assert web.get(f"/applications/{server['app_b']}").status_code == 404
    assert [a["company"] for a in web.get("/api/applications").json()] == ["Acme"]
    assert "Signed in as a@student.example" in listing.text


def test_the_cookie_is_secure_behind_https(server: dict[str, Any],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_BASE_URL", "https://careers.example.edu")
    monkeypatch.setenv("AFTERWORD_ALLOWED_HOSTS", "careers.example.edu")
    web = Browser(create_app(server["url"], server=True), base_url="https://careers.example.edu")
    cookie = next(c for c in web.sign_in("a@student.example").headers.get_list("set-cookie")
                  if c.startswith("aw_session="))
    assert "Secure" in cookie
    page = web.get("/applications")
    assert page.status_code == 200 and "max-age" in page.headers["strict-transport-security"]
    fresh = Browser(create_app(server["url"], server=True),
                    base_url="https://careers.example.edu").get("/sign-in")
    csrf = next(c for c in fresh.headers.get_list("set-cookie") if c.startswith("aw_csrf="))
    assert "Secure" in csrf and "HttpOnly" in csrf
    evil = TestClient(create_app(server["url"], server=True), base_url="http://evil.example")
    assert evil.get("/sign-in").status_code == 400


def test_a_wrong_password_keeps_the_address_and_says_so(server: dict[str, Any]) -> None:
    web = _browser(server)
    answer = web.sign_in("a@student.example", "not the right one")
    assert answer.status_code == 400
    assert "not right" in answer.text and 'value="a@student.example"' in answer.text
    assert "aw_session" not in web.cookies


def test_sign_in_never_redirects_off_the_site(server: dict[str, Any]) -> None:
    for target in ("//evil.example/", "https://evil.example", "/\\evil.example"):
        web = _browser(server)
        assert web.sign_in("a@student.example", next_=target).headers["location"] == "/"


def test_a_form_without_the_csrf_token_is_refused(server: dict[str, Any]) -> None:
    web = _browser(server)
    web.csrf()
    answer = web.post("/sign-in", data={"email": "a@student.example", "password": PASSWORD})
    assert answer.status_code == 403 and "aw_session" not in web.cookies


def test_signing_out_ends_the_session_for_good(server: dict[str, Any]) -> None:
    web = _browser(server)
    web.sign_in("a@student.example")
    token = web.cookies["aw_session"]
    assert web.submit("/sign-out", follow_redirects=False).status_code == 303
    replay = _browser(server)
    replay.cookies.set("aw_session", token)
    assert replay.get("/applications", follow_redirects=False).status_code == 303


def test_sign_out_everywhere_ends_every_browsers_session(server: dict[str, Any]) -> None:
    laptop, phone = _browser(server), _browser(server)
    laptop.sign_in("a@student.example")
    phone.sign_in("a@student.example")
    assert laptop.submit("/account/sign-out-everywhere", follow_redirects=False
                         ).status_code == 303
    assert phone.get("/applications", follow_redirects=False).status_code == 303
    with server["maker"]() as session:
        system(session, "test")
        assert session.scalars(select(AuthSession)).all() == []


def test_an_api_token_made_on_the_account_page_signs_json_calls(
        server: dict[str, Any]) -> None:
    web = _browser(server)
    web.sign_in("b@student.example")
    page = web.submit("/account/tokens", {"name": "My script"})
    assert page.status_code == 200
    secret = re.search(r"awt_[\w-]+", page.text)
    assert secret is not None
    api = TestClient(create_app(server["url"], server=True), base_url=BASE)
    bearer = {"Authorization": f"Bearer {secret.group()}"}
    assert [a["company"] for a in api.get("/api/applications", headers=bearer).json()] == \
        ["Globex"]
    made = api.post("/api/applications", headers=bearer,
                    json={"company": "Initech", "role": "Engineer"})
    assert made.status_code == 201  # no CSRF cookie needed: nothing for a page to ride on
    assert api.get(f"/api/applications/{server['app_a']}", headers=bearer).status_code == 404
    listed = web.get("/account")
    assert "My script" in listed.text and secret.group() not in listed.text
    token_id = re.search(r"/account/tokens/(\d+)/revoke", listed.text)
    assert token_id is not None
    web.submit(f"/account/tokens/{token_id.group(1)}/revoke")
    assert api.get("/api/applications", headers=bearer).status_code == 401
    assert api.get("/applications", headers={"Authorization": "Bearer forged"}
                   ).status_code == 401


def test_an_invitation_link_leads_to_a_signed_in_account(server: dict[str, Any]) -> None:
    with server["maker"]() as session, session.begin():
        invited = accounts.invite(session, by=server["admin"], email="new@student.example",
                                  name="O'Brien-Zoë <b>", now=NOW)
    with server["maker"]() as session:
        system(session, "test")
        mail = session.scalars(select(DueWork).where(
            DueWork.key == f"account_mail:{invited.id}:invite")).one()
        assert mail.payload is not None
        link = re.search(r"http://127\.0\.0\.1:8000(/invite/\S+)", accounts.open_account_mail(mail.payload)[2])
    assert link is not None
    web = _browser(server)
    page = web.get(link.group(1))
    assert page.status_code == 200 and "new@student.example" in page.text
    assert "O&#39;Brien-Zoë &lt;b&gt;" in page.text
    short = web.submit(link.group(1), {"name": "Zoë", "password": "short"})
    assert short.status_code == 400 and "at least 12 characters" in short.text
    done = web.submit(link.group(1), {"name": "Zoë", "password": PASSWORD},
                      follow_redirects=False)
    assert done.status_code == 303 and "aw_session" in web.cookies
    assert web.get("/account").status_code == 200
    assert _browser(server).get(link.group(1)).status_code == 404  # used once


def test_a_reset_link_sets_a_new_password(server: dict[str, Any]) -> None:
    web = _browser(server)
    asked = web.submit("/reset", {"email": "a@student.example"})
    same = _browser(server).submit("/reset", {"email": "nobody@student.example"})
    assert asked.status_code == same.status_code == 200
    assert "If that address has an account" in asked.text and "If that address" in same.text
    with server["maker"]() as session:
        system(session, "test")
        user = session.scalars(select(User).where(User.email == "a@student.example")).one()
        mail = session.scalars(select(DueWork).where(
            DueWork.key == f"account_mail:{user.id}:reset")).one()
        assert mail.payload is not None
        link = re.search(r"(/reset/\S+)", accounts.open_account_mail(mail.payload)[2])
    assert link is not None
    assert web.get(link.group(1)).status_code == 200
    web.submit(link.group(1), {"password": "my new passphrase"}, follow_redirects=False)
    assert web.get("/account").status_code == 200
    assert _browser(server).sign_in("a@student.example").status_code == 400
    assert _browser(server).sign_in("a@student.example", "my new passphrase"
                                    ).status_code == 303


def test_changing_the_password_needs_the_current_one(server: dict[str, Any]) -> None:
    web, other = _browser(server), _browser(server)
    web.sign_in("a@student.example")
    other.sign_in("a@student.example")
    wrong = web.submit("/account/password", {"current": "guess guess guess",
                                             "new": "another passphrase"})
    assert wrong.status_code == 400 and "current password is not right" in wrong.text
    done = web.submit("/account/password", {"current": PASSWORD, "new": "another passphrase"})
    assert done.status_code == 200 and "Password changed" in done.text
    assert web.get("/account").status_code == 200  # this browser stays signed in
    assert other.get("/account", follow_redirects=False).status_code == 303


def test_nobody_but_the_candidate_sends_or_settles_their_note(server: dict[str, Any]) -> None:
    note = server["note_a"]
    coach, other = _browser(server), _browser(server)
    coach.sign_in("coach@northfield.example")
    other.sign_in("b@student.example")
    for web in (coach, other):
        for action in ("send", "schedule", "unschedule", "reconcile"):
            answer = web.submit(f"/notes/{note}/{action}", {"went": "yes"})
            assert answer.status_code == 404, (action, answer.status_code)
    with server["maker"]() as session:
        system(session, "test")
        assert session.scalars(select(DueWork).where(DueWork.note_id == note)).all() == []
        assert repo.get_note(session, note).status == "draft"


def test_settings_and_who_you_are_are_saved_to_the_account_not_the_servers_file(
        server: dict[str, Any], tmp_path: Path) -> None:
    web = _browser(server)
    web.sign_in("a@student.example")
    assert "Candidate A" in web.get("/settings").text  # the account's name, by default
    saved = web.submit("/settings", {"user_name": "Zoë O'Brien", "user_email": "a@student.example",
                                     "user_emails": "zoe@home.example", "dialect": "british",
                                     "email_words_warning": "99", "smtp_port": "587"})
    assert saved.status_code == 200 and "Saved to your account" in saved.text
    refused = web.submit("/settings", {"user_name": "Zoë", "smtp_port": "99999999"})
    assert refused.status_code == 400
    web.submit("/welcome", {"user_name": "Zoë O'Brien", "signature": "Zoë\n+1 555 0100",
                            "user_emails": "a@student.example\nzoe@home.example"},
               follow_redirects=False)
    with server["maker"]() as session:
        system(session, "test")
        a = session.scalars(select(User).where(User.email == "a@student.example")).one()
        b = session.scalars(select(User).where(User.email == "b@student.example")).one()
        assert a.settings["user_name"] == "Zoë O'Brien" and a.settings["dialect"] == "british"
        assert a.settings["user_emails"] == ["zoe@home.example"]
        assert a.settings["signature"] == "Zoë\n+1 555 0100"
        assert "thresholds" not in a.settings  # the centre's house style, not an account's
        assert b.settings == {}
    assert not list(tmp_path.rglob("afterword.toml"))  # the server's own file is untouched
    other = _browser(server)
    other.sign_in("b@student.example")
    assert "Zoë" not in other.get("/settings").text
