"""The outbox over a real SMTP server: each note at most once, every outcome told honestly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from afterword.services import outbox
from afterword.store import repo
from afterword.store.db import session_scope
from afterword.store.tables import Note
from tests.mail.conftest import PRIYA, SEND_AT, UNUSED_PORT, SmtpServer, add_note, settings_for


def _note(url: str, note_id: int) -> Note:
    with session_scope(url) as session:
        return repo.get_note(session, note_id)


def test_it_sends_an_approved_note_once_and_records_when(smtp_server: SmtpServer,
                                                         db_url: str) -> None:
    [note_id] = add_note(db_url)
    outcome = outbox.send_note(db_url, note_id, settings_for(smtp_server.port), now=SEND_AT)
    assert outcome.sent, outcome.detail
    [got] = smtp_server.received
    assert got.rcpt_tos == [PRIYA]
    assert got.mail_from == "sam.ortiz@example.org"
    assert got.message["Message-ID"] == outcome.message_id
    assert "dbt" in got.message.get_content()
    note = _note(db_url, note_id)
    assert (note.status, note.sent_at, note.message_id, note.attempts) == (
        "sent", SEND_AT, outcome.message_id, 1)
    with pytest.raises(outbox.OutboxError, match="already sent"):
        outbox.send_note(db_url, note_id, settings_for(smtp_server.port), now=SEND_AT)
    assert len(smtp_server.received) == 1


def test_it_retries_a_4xx_with_the_same_message_id(smtp_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.temp_fail_data = 2
    naps: list[float] = []
    outcome = outbox.send_note(db_url, note_id, settings_for(smtp_server.port), now=SEND_AT,
                               sleep=naps.append)
    assert outcome.sent
    assert naps == [0.01, 0.02]  # backoff doubles
    assert [r.message["Message-ID"] for r in smtp_server.received] == [outcome.message_id]
    assert _note(db_url, note_id).attempts == 3


def test_it_gives_a_4xx_back_to_the_outbox_after_the_last_attempt(smtp_server: SmtpServer,
                                                                  db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.temp_reject_rcpt = 5
    settings = settings_for(smtp_server.port)
    outcome = outbox.send_note(db_url, note_id, settings, now=SEND_AT, sleep=lambda _: None)
    assert outcome.status == "retry-later"
    note = _note(db_url, note_id)
    assert note.status == "approved" and "450" in (note.last_error or "")
    first_id = note.message_id
    again = outbox.send_note(db_url, note_id, settings, now=SEND_AT, sleep=lambda _: None)
    assert again.sent and again.message_id == first_id  # fixed before the first attempt


def test_a_5xx_is_permanent_and_reported_per_recipient(smtp_server: SmtpServer,
                                                       db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.reject = {PRIYA}
    outcome = outbox.send_note(db_url, note_id, settings_for(smtp_server.port), now=SEND_AT,
                               sleep=lambda _: None)
    assert outcome.status == "failed"
    assert set(outcome.refused) == {PRIYA} and outcome.refused[PRIYA].startswith("550")
    note = _note(db_url, note_id)
    assert note.status == "failed" and note.attempts == 1 and PRIYA in (note.last_error or "")
    assert smtp_server.received == []


def test_a_connection_lost_before_data_is_retried(smtp_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.drop_at_rcpt = 1
    outcome = outbox.send_note(db_url, note_id, settings_for(smtp_server.port), now=SEND_AT,
                               sleep=lambda _: None)
    assert outcome.sent
    assert len(smtp_server.received) == 1 and _note(db_url, note_id).attempts == 2


def test_a_connection_lost_after_the_data_is_uncertain_and_never_resent(
        smtp_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.drop_after_data = 1
    settings = settings_for(smtp_server.port)
    outcome = outbox.send_note(db_url, note_id, settings, now=SEND_AT, sleep=lambda _: None)
    assert outcome.status == "uncertain"
    assert "reconcile" in outcome.detail
    assert len(smtp_server.received) == 1  # it did arrive: a retry would have duplicated it
    note = _note(db_url, note_id)
    assert (note.status, note.attempts) == ("uncertain", 1)
    with pytest.raises(outbox.OutboxError, match="may already have been delivered"):
        outbox.send_note(db_url, note_id, settings, now=SEND_AT)
    assert outbox.send_pending(db_url, settings, now=SEND_AT) == []
    assert len(smtp_server.received) == 1
    assert "recorded as sent" in outbox.reconcile(db_url, note_id, sent=True, now=SEND_AT)
    assert _note(db_url, note_id).status == "sent"


def test_a_note_marked_not_sent_goes_out_again_with_its_message_id(smtp_server: SmtpServer,
                                                                  db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.drop_after_data = 1
    settings = settings_for(smtp_server.port)
    first = outbox.send_note(db_url, note_id, settings, now=SEND_AT)
    outbox.reconcile(db_url, note_id, sent=False, now=SEND_AT)
    assert _note(db_url, note_id).status == "approved"
    again = outbox.send_note(db_url, note_id, settings, now=SEND_AT)
    assert again.sent and again.message_id == first.message_id


def test_a_note_with_error_findings_is_not_sent_without_a_reason(smtp_server: SmtpServer,
                                                                db_url: str) -> None:
    [note_id] = add_note(db_url, body="Hi,\n\nThanks for the chat.\n\nSam Ortiz\n")
    settings = settings_for(smtp_server.port)
    blocked = outbox.send_note(db_url, note_id, settings, now=SEND_AT)
    assert blocked.status == "blocked" and "AW103" in blocked.detail
    note = _note(db_url, note_id)
    assert note.status == "approved" and note.report["counts"]["error"] >= 1
    assert smtp_server.received == []
    with pytest.raises(outbox.OutboxError, match="reason"):
        outbox.send_note(db_url, note_id, settings, now=SEND_AT, force_reason="  ")
    forced = outbox.send_note(db_url, note_id, settings, now=SEND_AT,
                              force_reason="Priya asked for a quick reply")
    assert forced.sent
    assert _note(db_url, note_id).forced_reason == "Priya asked for a quick reply"


def test_only_one_of_two_senders_claims_a_note(smtp_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    with session_scope(db_url) as session:  # another process claimed it a moment ago
        repo.get_note(session, note_id).status = "sending"
        repo.get_note(session, note_id).sent_at = SEND_AT
    settings = settings_for(smtp_server.port)
    with pytest.raises(outbox.OutboxError, match="being sent"):
        outbox.send_note(db_url, note_id, settings, now=SEND_AT)
    assert outbox.recover_interrupted(db_url, now=SEND_AT + timedelta(minutes=1)) == []
    assert outbox.recover_interrupted(db_url, now=SEND_AT + timedelta(hours=1)) == [note_id]
    assert _note(db_url, note_id).status == "uncertain"
    assert smtp_server.received == []


def test_a_note_without_an_address_or_settings_is_bad_input(smtp_server: SmtpServer,
                                                            db_url: str) -> None:
    [note_id] = add_note(db_url, email=None)
    with pytest.raises(outbox.OutboxError, match="no recipient"):
        outbox.send_note(db_url, note_id, settings_for(smtp_server.port), now=SEND_AT)
    with pytest.raises(outbox.OutboxError, match="SMTP is not configured"):
        outbox.send_note(db_url, note_id, settings_for(UNUSED_PORT, smtp_host=None), now=SEND_AT)
