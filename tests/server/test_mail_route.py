"""Mail in server mode: a candidate's note goes out through their own SMTP server with the
password decrypted only for the send, or through the centre's relay with the candidate as
Reply-To; a bad form stores nothing. Real SMTP (aiosmtpd with AUTH) throughout."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from afterword.config import Settings
from afterword.server import secrets
from afterword.services import mail_settings, outbox
from afterword.store import repo
from afterword.store.accounts import AuditEntry, Organisation, User
from afterword.store.db import engine_for
from afterword.store.scope import system
from tests.mail.conftest import PRIYA, add_note
from tests.server.smtp_auth import CANDIDATE_PW, AuthServer, smtp_auth  # noqa: F401

NOW = datetime(2026, 11, 21, 14, 30, tzinfo=UTC)
KEY = secrets.new_key()


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """One centre, a candidate who owns the shared example's application and note."""
    monkeypatch.setenv(secrets.KEYS_ENV, KEY)
    url = f"sqlite:///{tmp_path / 'mail.db'}"
    maker = sessionmaker(bind=engine_for(url), expire_on_commit=False)
    (note_id,) = add_note(url)
    with maker() as session, session.begin():
        system(session, "test set-up")
        org = Organisation(name="Centre", house_style={}, relay={}, created_at=NOW)
        session.add(org)
        session.flush()
        user = User(organisation_id=org.id, email="zoe@student.example", name="Zoë O'Brien",
                    role="candidate", settings={}, created_at=NOW, updated_at=NOW)
        session.add(user)
        session.flush()
        repo.get_note(session, note_id).application.owner_id = user.id
    return {"url": url, "maker": maker, "note": note_id, "user": user.id, "org": org.id}


def _save(world: dict[str, Any], form: dict[str, str]) -> None:
    with world["maker"]() as session, session.begin():
        system(session, "the account's own form")
        user = session.get_one(User, world["user"])
        mail_settings.save_mail(session, user, form, box=secrets.vault(), now=NOW)


def _base() -> Settings:
    """The server's own settings: its mail must never be used for a candidate's note."""
    return Settings(smtp_host="server-mail.invalid", smtp_port=2525, smtp_security="none",
                    user_name="The Server", user_email="server@centre.example",
                    send_backoff_seconds=0.01, send_retries=1)


def test_a_candidates_note_goes_through_their_own_server_with_their_password(
        world: dict[str, Any], smtp_auth: AuthServer) -> None:  # noqa: F811
    _save(world, {"via": "own", "smtp_host": "127.0.0.1", "smtp_port": str(smtp_auth.port),
                  "smtp_security": "none", "smtp_user": "zoe",
                  "smtp_password": CANDIDATE_PW})
    with world["maker"]() as session:
        system(session, "look")
        stored = session.get_one(User, world["user"])
        assert "candidate pw" not in str(stored.settings) + (stored.mail_secrets or "")
    done = outbox.send_note(world["url"], world["note"], _base(), now=NOW,
                            password="the server's own")
    assert done.status == "sent", done.detail
    assert smtp_auth.logins == [("zoe", CANDIDATE_PW)]
    (got,) = smtp_auth.recorder.received
    assert got.rcpt_tos == [PRIYA]
    assert got.message["From"].addresses[0].addr_spec == "zoe@student.example"
    assert got.message["Reply-To"] is None
    with world["maker"]() as session:
        system(session, "the audit log")
        (entry,) = session.scalars(select(AuditEntry))
    assert (entry.action, entry.subject_id, entry.organisation_id, entry.detail) == (
        "send", world["user"], world["org"], {"note_id": world["note"]})


def test_the_single_user_app_keeps_no_audit_of_its_sends(tmp_path: Path,
                                                          smtp_auth: AuthServer) -> None:  # noqa: F811
    url = f"sqlite:///{tmp_path / 'single.db'}"
    (note_id,) = add_note(url)
    settings = Settings(smtp_host="127.0.0.1", smtp_port=smtp_auth.port, smtp_security="none",
                        user_name="Sam", user_email="sam@example.org", send_retries=1)
    assert outbox.send_note(url, note_id, settings, now=NOW).status == "sent"
    with sessionmaker(bind=engine_for(url))() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_the_relay_sends_for_the_centre_with_the_candidate_as_reply_to(
        world: dict[str, Any], smtp_auth: AuthServer) -> None:  # noqa: F811
    with world["maker"]() as session, session.begin():
        system(session, "the admin's form")
        org = session.get_one(Organisation, world["org"])
        mail_settings.save_relay(session, org, {
            "host": "127.0.0.1", "port": str(smtp_auth.port), "security": "none",
            "user": "relay", "password": "relay pw", "from_address": "careers@centre.example",
            "from_name": "Centre Careers"}, box=secrets.vault(), now=NOW)
        assert "relay pw" not in str(org.relay) and org.relay_secret
    _save(world, {"via": "relay"})
    done = outbox.send_note(world["url"], world["note"], _base(), now=NOW)
    assert done.status == "sent", done.detail
    assert smtp_auth.logins == [("relay", "relay pw")]
    message = smtp_auth.recorder.received[0].message
    assert message["From"].addresses[0].addr_spec == "careers@centre.example"
    reply = message["Reply-To"].addresses[0]
    assert (reply.addr_spec, reply.display_name) == ("zoe@student.example", "Zoë O'Brien")


def test_without_a_server_or_relay_the_send_is_refused_in_one_line(
        world: dict[str, Any]) -> None:
    with pytest.raises(outbox.OutboxError, match="no way to send mail"):
        outbox.send_note(world["url"], world["note"], _base(), now=NOW)
    with world["maker"]() as session:
        system(session, "look")
        assert repo.get_note(session, world["note"]).status == "approved"


@pytest.mark.parametrize(("form", "message"), [
    ({"via": "own", "smtp_host": "127.0.0.1", "smtp_port": "99999"}, "smtp_port"),
    ({"via": "own", "smtp_host": "mail\r\nBcc: x@evil.example"}, "control character"),
    ({"via": "own"}, "smtp_host: enter your outgoing mail server"),
    ({"via": "relay"}, "the organisation has no relay"),
    ({"via": "carrier pigeon"}, "neither 'own' nor 'relay'"),
    ({"via": "own", "smtp_host": "x.example", "smtp_password": "Zoë’s"}, "ASCII"),
    ({"via": "own", "smtp_host": "x.example", "imap_password": "a\r\nb"}, "ASCII"),
])
def test_a_bad_form_is_one_line_and_stores_nothing(world: dict[str, Any], form: dict[str, str],
                                                   message: str) -> None:
    _save(world, {"via": "own", "smtp_host": "smtp.student.example", "smtp_user": "zoe",
                  "smtp_password": "kept"})
    with pytest.raises(repo.Invalid, match=message):
        _save(world, form)
    with world["maker"]() as session:
        system(session, "look")
        user = session.get_one(User, world["user"])
        assert user.settings["smtp_host"] == "smtp.student.example"
        assert secrets.open_mail(secrets.vault(), user.mail_secrets).smtp == "kept"


def test_a_blank_password_keeps_the_stored_one_and_forgetting_removes_it(
        world: dict[str, Any]) -> None:
    own = {"via": "own", "smtp_host": "smtp.student.example", "smtp_user": "zoe"}
    _save(world, {**own, "smtp_password": "first"})
    _save(world, {**own, "smtp_password": ""})
    with world["maker"]() as session:
        system(session, "look")
        user = session.get_one(User, world["user"])
        view = mail_settings.mail_view(session, user, secrets.vault())
        assert view.smtp_password_stored and not view.imap_password_stored
    _save(world, {**own, "forget_passwords": "on"})
    with world["maker"]() as session:
        system(session, "look")
        assert session.get_one(User, world["user"]).mail_secrets is None


def test_the_servers_environment_never_stands_in_for_what_the_account_typed(
        world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_SMTP_PORT", "2525")
    monkeypatch.setenv("AFTERWORD_SMTP_HOST", "server-mail.invalid")
    _save(world, {"via": "own", "smtp_host": "smtp.student.example", "smtp_port": "465",
                  "smtp_security": "tls"})
    with world["maker"]() as session:
        system(session, "look")
        assert session.get_one(User, world["user"]).settings["smtp_port"] == 465
        route = mail_settings.route_for(session, world["user"], _base())
    assert (route.settings.smtp_host, route.settings.smtp_port) == ("smtp.student.example", 465)
