"""Invitation and reset mails keep their one-time link sealed: the "account_mail" row holds
the text encrypted with the server's key (AFTERWORD_SECRET_KEYS) from the moment it is
armed, only the worker opens it, and once the mail is sent (or given up) the payload is
gone. Every row of every table is searched for the raw link token (SQLite, aiosmtpd)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from afterword.server.secrets import new_key
from afterword.server.worker import ACCOUNT_MAIL, account_pass
from afterword.services import accounts
from afterword.store.db import engine_for, session_scope
from afterword.store.scope import system
from afterword.store.tables import DueWork
from tests.mail.conftest import SmtpServer, smtp_server  # noqa: F401  (the fixture)
from tests.server.ops_centre import MONDAY_9, invite, make_centre, server_settings


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AFTERWORD_SECRET_KEYS", new_key())
    return f"sqlite:///{tmp_path / 'server.db'}"


def every_row(url: str) -> str:
    """Every value of every row of every table, as one text to search."""
    engine = engine_for(url)
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return "\n".join(repr(tuple(row)) for table in tables.sorted_tables
                         for row in connection.execute(select(table)))


def _mail_row(url: str) -> DueWork:
    with session_scope(url) as session:
        system(session, "test: read back")
        row = session.scalars(select(DueWork).where(DueWork.kind == ACCOUNT_MAIL)).one()
        session.expunge(row)
        return row


def test_the_invitation_link_is_never_in_the_database_armed_or_sent(
        url: str, smtp_server: SmtpServer) -> None:  # noqa: F811
    base = server_settings(smtp_server.port)
    centre = make_centre(url, base, (), scheduled=False)
    invitee = invite(url, centre, name="Lee O'Brien-Zoë", email="lee@student.example",
                     now=MONDAY_9)
    armed = every_row(url)
    row = _mail_row(url)
    assert row.payload is not None and set(row.payload) == {"to", "sealed"}
    to, subject, body = accounts.open_account_mail(row.payload)  # the worker's key opens it
    assert to == "lee@student.example" and "/invite/" in body and subject

    [done] = account_pass(url, base, invitee, now=MONDAY_9)
    assert done.outcome == "done"
    [received] = smtp_server.received
    found = re.search(r"/invite/(\S+)", received.message.get_content())
    assert found is not None
    token = found.group(1)
    assert len(token) >= 40 and token in body
    assert token not in armed  # after arming: sealed
    assert token not in every_row(url)  # after sending: cleared
    assert _mail_row(url).payload is None
    with session_scope(url) as session:  # and the link still works: only its digest is kept
        system(session, "test: the link")
        assert accounts.link_user(session, token, accounts.INVITE, MONDAY_9) is not None


def test_a_mail_given_up_is_cleared_too(url: str) -> None:
    centre = make_centre(url, server_settings(1), (), scheduled=False)
    invitee = invite(url, centre, name="Nia", email="nia@student.example", now=MONDAY_9)
    [done] = account_pass(url, server_settings(1, smtp_host=None), invitee, now=MONDAY_9)
    assert done.outcome == "failed" and "AFTERWORD_SMTP_HOST" in done.detail
    row = _mail_row(url)
    assert row.state == "done" and row.payload is None
    assert "/invite/" not in every_row(url)


def test_a_mail_that_cannot_reach_the_server_keeps_it_sealed_for_the_retry(url: str) -> None:
    centre = make_centre(url, server_settings(1), (), scheduled=False)
    invitee = invite(url, centre, name="Nia", email="nia@student.example", now=MONDAY_9)
    sealed = _mail_row(url).payload
    [done] = account_pass(url, server_settings(1), invitee, now=MONDAY_9)  # nobody on port 1
    row = _mail_row(url)
    assert done.outcome != "done" and row.state == "pending" and row.payload == sealed
    assert "/invite/" not in every_row(url)


def test_without_a_key_configured_the_worker_still_sends_and_clears_it(
        url: str, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.delenv("AFTERWORD_SECRET_KEYS")
    base = server_settings(smtp_server.port)
    centre = make_centre(url, base, (), scheduled=False)
    invitee = invite(url, centre, name="Ana", email="ana@student.example", now=MONDAY_9)
    [done] = account_pass(url, base, invitee, now=MONDAY_9)
    assert done.outcome == "done" and len(smtp_server.received) == 1
    assert _mail_row(url).payload is None and "/invite/" not in every_row(url)
