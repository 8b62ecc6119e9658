"""The mailbox over IMAP, against a real dovecot: drafts land in Drafts, Sent settles a send."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage

import pytest
from imapclient import IMAPClient  # type: ignore[import-untyped]

from afterword.mail import ConfigurationMissing, PermanentFailure, imap
from afterword.mail import message as mail_message
from afterword.services import outbox
from afterword.store import repo
from afterword.store.db import session_scope
from tests.mail.conftest import PRIYA, SEND_AT, ImapServer, SmtpServer, add_note, settings_for


def _message(message_id: str = "<draft-1@example.org>") -> EmailMessage:
    return mail_message.build(
        to=mail_message.mailbox("Priya Raman", PRIYA, "recipient"),
        sender=mail_message.mailbox("Sam Ortiz", "sam.ortiz@example.org", "sender"),
        subject="Thank you for yesterday", body="Dear Dr. Raman,\n\nThank you.\n",
        message_id=message_id, date=SEND_AT)


def _client(server: ImapServer) -> IMAPClient:
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    client.login(server.user, server.password)
    return client


def test_a_draft_is_appended_to_the_folder_flagged_drafts(imap_server: ImapServer) -> None:
    folder = imap.append_draft(_message(), imap_server.settings(), imap_server.password)
    assert folder == "Drafts"
    client = _client(imap_server)
    client.select_folder("Drafts", readonly=True)
    ids = client.search(["HEADER", "Message-ID", "<draft-1@example.org>"])
    assert len(ids) == 1
    fetched = client.fetch(ids, ["FLAGS", "RFC822"])[ids[0]]
    assert b"\\Draft" in fetched[b"FLAGS"]
    assert b"Subject: Thank you for yesterday" in fetched[b"RFC822"]
    client.logout()


def test_folders_fall_back_to_their_usual_names() -> None:
    plain = [((b"\\HasNoChildren",), b".", "INBOX"), ((), b".", "INBOX.Drafts")]
    assert imap.pick_folder(plain, *imap.DRAFTS) == "INBOX.Drafts"
    flagged = [((), b"/", "Drafts"), ((b"\\Drafts",), b"/", "Entwürfe")]
    assert imap.pick_folder(flagged, *imap.DRAFTS) == "Entwürfe"
    assert imap.pick_folder([((), b"/", "INBOX")], *imap.DRAFTS) is None


def test_a_wrong_password_or_none_is_said_plainly(imap_server: ImapServer) -> None:
    with pytest.raises(PermanentFailure, match="refused the login"):
        imap.append_draft(_message(), imap_server.settings(), "wrong")
    with pytest.raises(ConfigurationMissing, match="AFTERWORD_IMAP_PASSWORD"):
        imap.append_draft(_message(), imap_server.settings(), None)


def test_reconcile_finds_an_uncertain_send_in_the_sent_folder(
        imap_server: ImapServer, smtp_server: SmtpServer, db_url: str) -> None:
    first, second = add_note(db_url, count=2)
    smtp_server.recorder.behaviour.drop_after_data = 2
    settings = settings_for(smtp_server.port)
    for note_id in (first, second):
        assert outbox.send_note(db_url, note_id, settings, now=SEND_AT).status == "uncertain"
    with session_scope(db_url) as session:
        message_id = repo.get_note(session, first).message_id
    assert message_id
    client = _client(imap_server)  # the provider kept a copy of the first one only
    client.append("Sent", _message(message_id).as_bytes(policy=policy.SMTP))
    client.logout()

    def finder(mid: str) -> bool:
        return imap.find_sent(mid, imap_server.settings(), imap_server.password)

    assert "recorded as sent" in outbox.reconcile(db_url, first, sent=None, now=SEND_AT,
                                                  find_in_sent=finder)
    assert "not in your Sent folder" in outbox.reconcile(db_url, second, sent=None,
                                                         now=SEND_AT, find_in_sent=finder)
    with session_scope(db_url) as session:
        assert repo.get_note(session, first).status == "sent"
        assert repo.get_note(session, second).status == "uncertain"


def test_draft_to_mailbox_and_reconcile_from_the_command_line(
        imap_server: ImapServer, smtp_server: SmtpServer, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from afterword.cli import deliver
    from afterword.cli.main import app

    if not any(c.name == "send" for c in app.registered_commands):
        deliver.register(app)
    [note_id] = add_note(db_url)
    env = {"AFTERWORD_DATABASE_URL": db_url, "AFTERWORD_NOW": SEND_AT.isoformat(),
           "AFTERWORD_USER_NAME": "Sam Ortiz", "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org",
           "AFTERWORD_IMAP_HOST": "127.0.0.1", "AFTERWORD_IMAP_PORT": str(imap_server.port),
           "AFTERWORD_IMAP_SECURITY": "none", "AFTERWORD_IMAP_USER": imap_server.user,
           "AFTERWORD_IMAP_PASSWORD": imap_server.password,
           "AFTERWORD_SMTP_HOST": "127.0.0.1", "AFTERWORD_SMTP_PORT": str(smtp_server.port),
           "AFTERWORD_SMTP_SECURITY": "none"}
    result = CliRunner().invoke(app, ["draft-to-mailbox", str(note_id)], env=env)
    assert result.exit_code == 0 and "Drafts" in result.stdout
    smtp_server.recorder.behaviour.drop_after_data = 1
    assert CliRunner().invoke(app, ["send", str(note_id)], env=env).exit_code == 1
    result = CliRunner().invoke(app, ["reconcile", str(note_id)], env=env)
    assert result.exit_code == 0 and "not in your Sent folder" in result.stdout
    assert imap_server.password not in result.stdout + result.stderr
