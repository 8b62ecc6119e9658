"""The server worker's passes, one account at a time (SQLite, aiosmtpd): each pass sends
only that account's notes, as that account, and the sweep finds exactly the accounts with
work due. The multi-process run on PostgreSQL is tests/server/test_processes.py."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from afterword.server.secrets import new_key
from afterword.server.worker import ACCOUNT_MAIL, account_pass, accounts_with_work
from afterword.services.accounts import mail_account
from afterword.store import repo
from afterword.store.accounts import AuditEntry, User
from afterword.store.db import session_scope
from afterword.store.scope import system
from afterword.store.tables import DueWork
from afterword.vocab import AccountRole
from tests.mail.conftest import SmtpServer, smtp_server  # noqa: F401  (the fixture)
from tests.server.ops_centre import (
    MONDAY_9,
    add_user,
    invite,
    make_centre,
    relay,
    server_settings,
)


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AFTERWORD_SECRET_KEYS", new_key())  # server mode seals mail passwords
    return f"sqlite:///{tmp_path / 'server.db'}"


def _status(url: str, note_id: int) -> str:
    with session_scope(url) as session:
        system(session, "test: read back")
        return repo.get_note(session, note_id).status


def _due(url: str, at: object = MONDAY_9) -> list[int]:
    with session_scope(url) as session:
        system(session, "test: sweep")
        return accounts_with_work(session, now=at, wall=time.time())  # type: ignore[arg-type]


def test_a_pass_sends_only_its_own_accounts_note_and_as_that_account(
        url: str, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("AFTERWORD_USER_EMAIL", "noreply@centre.example")  # the server's From
    monkeypatch.setenv("AFTERWORD_USER_NAME", "Career Centre")
    base = server_settings(smtp_server.port)
    centre = make_centre(url, base, relay=relay(smtp_server.port, members_as_from=False))
    sam, bea = centre.candidates["Sam Ortiz"], centre.candidates["Bea Kim"]
    with session_scope(url) as session:
        system(session, "test: Sam sends through his own server")
        session.get_one(User, sam).settings = {
            "smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_security": "none"}
    [done] = account_pass(url, base, sam, now=MONDAY_9)
    assert done.outcome == "sent" and done.key == f"send:{centre.notes['Sam Ortiz']}"
    [message] = [r.message for r in smtp_server.received]
    assert message["From"].addresses[0].addr_spec == "sam.ortiz@student.example"
    assert message["From"].addresses[0].display_name == "Sam Ortiz"
    assert _status(url, centre.notes["Bea Kim"]) == "scheduled"
    account_pass(url, base, bea, now=MONDAY_9)  # through the centre's relay, as the centre
    bea_message = smtp_server.received[1].message
    assert bea_message["From"].addresses[0].addr_spec == "careers@centre.example"
    assert bea_message["Reply-To"].addresses[0].addr_spec == "bea.kim@student.example"
    assert account_pass(url, base, sam, now=MONDAY_9 + timedelta(minutes=1)) == []
    assert len(smtp_server.received) == 2
    with session_scope(url) as session:
        system(session, "test: the audit log")
        sends = session.scalars(select(AuditEntry).where(AuditEntry.action == "send")
                                .order_by(AuditEntry.id)).all()
        assert [(e.subject_id, e.organisation_id, e.detail) for e in sends] == [
            (sam, centre.organisation, {"note_id": centre.notes["Sam Ortiz"]}),
            (bea, centre.organisation, {"note_id": centre.notes["Bea Kim"]})]


def test_the_sweep_finds_the_accounts_with_work_due_and_only_those(url: str) -> None:
    base = server_settings(1)
    centre = make_centre(url, base, ("Sam Ortiz", "Bea Kim", "Lee O'Brien-Zoë"))
    assert _due(url, MONDAY_9 - timedelta(minutes=1)) == []
    assert _due(url) == sorted(centre.candidates.values())
    with session_scope(url) as session:
        system(session, "test: an admin disables Bea")
        session.get_one(User, centre.candidates["Bea Kim"]).disabled = True
    assert centre.candidates["Bea Kim"] not in _due(url)
    assert centre.coach not in _due(url)


def test_a_coachs_pass_never_sends_their_candidates_notes(url: str,
                                                          smtp_server: SmtpServer) -> None:  # noqa: F811
    base = server_settings(smtp_server.port)
    centre = make_centre(url, base, relay=relay(smtp_server.port))
    assert account_pass(url, base, centre.coach, now=MONDAY_9) == []
    assert smtp_server.received == []
    assert _status(url, centre.notes["Sam Ortiz"]) == "scheduled"


def test_an_invitation_goes_out_once_from_the_server_and_is_audited(
        url: str, smtp_server: SmtpServer) -> None:  # noqa: F811
    base = server_settings(smtp_server.port)
    centre = make_centre(url, base, (), scheduled=False)
    invitee = invite(url, centre, name="Lee O'Brien-Zoë", email="Lee@Student.example",
                     now=MONDAY_9)
    assert _due(url) == [invitee]
    [done] = account_pass(url, base, invitee, now=MONDAY_9, server_password=None)
    assert done.outcome == "done" and done.key.startswith(ACCOUNT_MAIL)
    [received] = smtp_server.received
    assert received.rcpt_tos == ["lee@student.example"]
    assert received.message["From"].addresses[0].addr_spec == "noreply@centre.example"
    assert "https://afterword.centre.example/invite/" in received.message.get_content()
    assert account_pass(url, base, invitee, now=MONDAY_9 + timedelta(minutes=1)) == []
    assert _due(url, MONDAY_9 + timedelta(minutes=1)) == []
    with session_scope(url) as session:
        system(session, "test: read back")
        [entry] = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "account_mail")).all()
        assert entry.subject_id == invitee and "invite/" not in str(entry.detail)


def test_account_mail_without_a_server_smtp_fails_with_the_setting_to_fix(url: str) -> None:
    centre = make_centre(url, server_settings(1), (), scheduled=False)
    hostile = add_user(url, centre.organisation, name="Nia\r\nBcc: x@evil.example",
                       email="nia@student.example", role=AccountRole.CANDIDATE)
    with session_scope(url) as session:
        system(session, "test: a reset is asked for")
        mail_account(session, session.get_one(User, hostile), MONDAY_9, purpose="reset",
                     subject="Reset", body="https://x.example/reset/t")
    [done] = account_pass(url, server_settings(1, smtp_host=None), hostile, now=MONDAY_9)
    assert done.outcome == "failed" and "AFTERWORD_SMTP_HOST" in done.detail
    with session_scope(url) as session:
        system(session, "test: read back")
        row = session.scalars(select(DueWork).where(DueWork.kind == ACCOUNT_MAIL)).one()
        assert row.state == "done" and "AFTERWORD_SMTP_HOST" in (row.last_error or "")


def test_each_account_gets_its_own_periodic_digest_row(url: str) -> None:
    base = server_settings(1)
    centre = make_centre(url, base, (), scheduled=False)
    ids = [add_user(url, centre.organisation, name=n, email=f"{n}@student.example",
                    role=AccountRole.CANDIDATE, settings={"digest_hour": 7})
           for n in ("ana", "ben")]
    assert _due(url) == ids  # no digest row yet: their first pass arms it
    for uid in ids:
        assert account_pass(url, base, uid, now=MONDAY_9) == []
    with session_scope(url) as session:
        system(session, "test: read back")
        rows = session.scalars(select(DueWork).order_by(DueWork.user_id)).all()
        assert [(r.key, r.kind, r.user_id) for r in rows] == [
            (f"digest:{uid}", "digest", uid) for uid in ids]
    assert _due(url) == []
