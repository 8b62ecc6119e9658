"""Reconcile never races a send: while an attempt may still be talking to the server, the
note cannot be settled; a late "250 OK" is recorded whatever happened to the note meanwhile.

The regression: a send waiting for a slow server, `reconcile --not-sent` put the note back
to approved, the first send then went through, and a later send delivered a second copy.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from afterword.services import outbox
from afterword.store import repo
from afterword.store.db import session_scope
from tests.mail.conftest import SEND_AT, Recorder, SmtpServer, add_note, free_port, settings_for


class SlowRecorder(Recorder):
    """Takes the message, then waits for `release` before answering DATA."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.in_data = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.in_data.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_server() -> Iterator[SmtpServer]:
    """aiosmtpd whose DATA reply waits until the test releases it."""
    recorder = SlowRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        recorder.release.set()
        controller.stop()


def _status(url: str, note_id: int) -> str:
    with session_scope(url) as session:
        return repo.get_note(session, note_id).status


def _send_in_background(url: str, note_id: int, port: int) -> tuple[threading.Thread, list[Any]]:
    done: list[Any] = []
    thread = threading.Thread(target=lambda: done.append(outbox.send_note(
        url, note_id, settings_for(port, smtp_timeout_seconds=20), now=SEND_AT)))
    thread.start()
    return thread, done


def test_a_note_being_sent_cannot_be_reconciled_until_the_attempt_ends(
        slow_server: SmtpServer, db_url: str) -> None:
    recorder = slow_server.recorder
    assert isinstance(recorder, SlowRecorder)
    [note_id] = add_note(db_url)
    thread, done = _send_in_background(db_url, note_id, slow_server.port)
    assert recorder.in_data.wait(30)
    assert _status(db_url, note_id) == "sending"
    with pytest.raises(outbox.OutboxError, match="being sent right now"):
        outbox.reconcile(db_url, note_id, sent=False, now=SEND_AT)
    with pytest.raises(outbox.OutboxError, match="being sent right now"):
        outbox.reconcile(db_url, note_id, sent=True, now=SEND_AT)
    assert outbox.recover_interrupted(db_url, now=SEND_AT) == []
    recorder.release.set()
    thread.join(30)
    assert done[0].sent and _status(db_url, note_id) == "sent"
    with pytest.raises(outbox.OutboxError, match="already sent"):
        outbox.send_note(db_url, note_id, settings_for(slow_server.port), now=SEND_AT)
    assert len(slow_server.received) == 1


def test_a_late_reply_is_recorded_as_sent_even_after_the_note_was_settled(
        slow_server: SmtpServer, db_url: str) -> None:
    recorder = slow_server.recorder
    assert isinstance(recorder, SlowRecorder)
    [note_id] = add_note(db_url)
    thread, done = _send_in_background(db_url, note_id, slow_server.port)
    assert recorder.in_data.wait(30)
    later = time.time() + 3600  # as if the lease had run out (a clock jump, a stuck server)
    assert outbox.recover_interrupted(db_url, now=SEND_AT, wall=later) == [note_id]
    outbox.reconcile(db_url, note_id, sent=False, now=SEND_AT, wall=later)
    assert _status(db_url, note_id) == "approved"
    recorder.release.set()
    thread.join(30)
    assert done[0].sent
    assert _status(db_url, note_id) == "sent"  # the truth wins over the guess
    with pytest.raises(outbox.OutboxError, match="already sent"):
        outbox.send_note(db_url, note_id, settings_for(slow_server.port), now=SEND_AT)
    assert len(slow_server.received) == 1


def test_an_attempt_ends_uncertain_by_its_deadline_when_the_server_never_answers(
        slow_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    outcome = outbox.send_note(db_url, note_id, settings_for(slow_server.port,
                                                             smtp_timeout_seconds=1.0),
                               now=SEND_AT)
    assert outcome.status == "uncertain" and _status(db_url, note_id) == "uncertain"
    with session_scope(db_url) as session:
        note = repo.get_note(session, note_id)
        assert note.send_owner is None and note.send_lease_until is None
