"""A note's life in one place: the legal moves happen, the illegal ones are refused."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from afterword.services import notes
from afterword.store import repo
from afterword.store.db import session_scope
from afterword.vocab import NoteState
from tests.mail.conftest import EPOCH, add_note

LEGAL = [("draft", "approved"), ("approved", "scheduled"), ("scheduled", "approved"),
         ("scheduled", "sending"), ("sending", "sent"), ("sending", "uncertain"),
         ("sending", "failed"), ("uncertain", "sent"), ("uncertain", "approved"),
         ("failed", "approved"), ("approved", "mailed"), ("approved", "sent")]
ILLEGAL = [("sent", "draft"), ("sent", "sending"), ("mailed", "sent"), ("uncertain", "sending"),
           ("failed", "sending"), ("scheduled", "mailed"), ("draft", "uncertain"),
           ("sent", "approved"), ("approved", "bogus")]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database."""
    return f"sqlite:///{tmp_path / 'notes.db'}"


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_a_legal_move_changes_the_note(tmp_path: Path, source: str, target: str) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    [note_id] = add_note(url, status=source)
    with session_scope(url) as session:
        assert notes.move(session, note_id, target, sources=(source,))
    with session_scope(url) as session:
        assert repo.get_note(session, note_id).status == target


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_an_illegal_move_is_refused_before_anything_changes(source: str, target: str) -> None:
    assert not notes.allowed(source, target)
    with pytest.raises(notes.IllegalTransition):
        notes._require((source,), target)


def test_a_move_from_a_state_the_note_is_not_in_changes_nothing(db_url: str) -> None:
    [note_id] = add_note(db_url, status="approved")
    with session_scope(db_url) as session:
        assert not notes.move(session, note_id, "sending", sources=("scheduled",))
        assert notes.move(session, note_id, "sending", sources=("approved",))
        assert not notes.move(session, note_id, "sending", sources=("approved",))  # the loser


def test_a_loaded_note_refuses_an_illegal_change(db_url: str) -> None:
    [note_id] = add_note(db_url, status="sent")
    with session_scope(db_url) as session:
        note = repo.get_note(session, note_id)
        with pytest.raises(notes.IllegalTransition, match="sent: it cannot become draft"):
            notes.change(note, "draft")
        with pytest.raises(notes.IllegalTransition):
            notes.mark_mailed(note, now=EPOCH)
        assert note.status == "sent"


def test_every_state_is_in_the_table_and_terminal_states_lead_nowhere() -> None:
    assert set(notes.TRANSITIONS) == set(NoteState)
    assert notes.TRANSITIONS[NoteState.SENT] == frozenset()
    assert notes.TRANSITIONS[NoteState.MAILED] == frozenset()
    for state in notes.IN_FLIGHT_MEETS:
        assert notes.allowed(state, "sent")  # a late "250 OK" is always recorded


def test_a_sender_is_gone_only_when_its_process_provably_died() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    host = notes.this_process().rpartition(":")[0]
    assert notes.owner_gone(f"{host}:{child.pid}")
    assert not notes.owner_gone(notes.this_process())
    assert not notes.owner_gone(f"another-host.example:{child.pid}")  # cannot know: alive
    assert not notes.owner_gone(None)
    assert not notes.attempt_over(notes.this_process(), time.time() + 60, time.time())
    assert notes.attempt_over(notes.this_process(), time.time() - 1, time.time())
    assert notes.attempt_over(f"{host}:{child.pid}", time.time() + 60, time.time())
