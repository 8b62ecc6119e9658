"""A note's life, in one place: every state change goes through here, illegal ones are refused.

    draft ⇄ approved → scheduled → sending → sent
                  ↖ (unschedule)        ↘ uncertain → sent | approved (it did not go)
                                          ↘ failed → approved (send again)
    draft | approved → mailed (a handwritten card went out)

A send that could not start (4xx, the server unreachable) puts the note back where it was
(draft, approved or scheduled). The final "sent" of an attempt applies from every state an
attempt still in flight can meet (someone reconciled it meanwhile), never from mailed.

`move` is a conditional update (the note changes only if it is in one of the states given,
and the caller learns whether it did), so two processes racing over one note cannot both
win. `change` does the same on a loaded row, for use cases that already hold the note.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from afterword.store.repo import Invalid
from afterword.store.tables import Note
from afterword.vocab import NoteState

DRAFT, APPROVED, SCHEDULED, SENDING = (NoteState.DRAFT, NoteState.APPROVED,
                                       NoteState.SCHEDULED, NoteState.SENDING)
SENT, UNCERTAIN, FAILED, MAILED = (NoteState.SENT, NoteState.UNCERTAIN, NoteState.FAILED,
                                   NoteState.MAILED)

#: from-state → the states a note may move to from there
TRANSITIONS: Mapping[NoteState, frozenset[NoteState]] = {
    DRAFT: frozenset({APPROVED, SCHEDULED, SENDING, MAILED, SENT}),
    APPROVED: frozenset({DRAFT, SCHEDULED, SENDING, MAILED, SENT}),
    SCHEDULED: frozenset({APPROVED, SENDING, SENT}),
    SENDING: frozenset({SENT, UNCERTAIN, FAILED, DRAFT, APPROVED, SCHEDULED}),
    UNCERTAIN: frozenset({SENT, APPROVED}),
    FAILED: frozenset({APPROVED, SENT}),
    SENT: frozenset(),
    MAILED: frozenset(),
}
#: where a note may be sent from now (`afterword send`, the web's Send button)
SENDABLE = (DRAFT, APPROVED, SCHEDULED)
#: the states an attempt still in flight can find its note in when it ends
IN_FLIGHT_MEETS = (SENDING, UNCERTAIN, FAILED, DRAFT, APPROVED, SCHEDULED)
#: states in which the text may still be edited
EDITABLE = (DRAFT, APPROVED)


class IllegalTransition(Invalid):
    """A state change the note's life does not allow (e.g. a sent note back to draft)."""


def allowed(source: str, target: str) -> bool:
    """Whether a note may go from `source` to `target`."""
    try:
        return NoteState(target) in TRANSITIONS.get(NoteState(source), frozenset())
    except ValueError:
        return False


def _require(sources: Iterable[str], target: str) -> tuple[str, ...]:
    sources = tuple(sources)
    bad = [s for s in sources if not allowed(s, target)]
    if bad or not sources:
        raise IllegalTransition(f"a note cannot go from {', '.join(bad) or 'nowhere'} "
                                f"to {target}")
    return sources


def move(session: Session, note_id: int, target: str, *, sources: Iterable[str],
         **values: Any) -> bool:
    """Note `note_id` → `target` if it is in one of `sources` (all must be legal); changed?"""
    sources = _require(sources, target)
    statement = (update(Note).where(Note.id == note_id, Note.status.in_(sources))
                 .values(status=target, **values)
                 .execution_options(synchronize_session=False))
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount) == 1


def change(note: Note, target: str, **values: Any) -> None:
    """A loaded note → `target` (IllegalTransition unless its life allows it)."""
    if not allowed(note.status, target):
        raise IllegalTransition(f"note {note.id} is {note.status}: it cannot become {target}")
    note.status = target
    for name, value in values.items():
        setattr(note, name, value)


def mark_mailed(note: Note, *, now: datetime) -> bool:
    """A handwritten card went out: → mailed (False if it already was; refused if sent)."""
    if note.status == MAILED:
        return False
    change(note, MAILED, sent_at=now)
    return True


def this_process() -> str:
    """Who is sending: host and process id (so a dead sender can be told from a slow one)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_gone(owner: str | None) -> bool:
    """Whether the process named `owner` is provably dead (only knowable on its own host)."""
    if not owner or ":" not in owner:
        return False
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _zombie(int(pid))


def _zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet is dead too (Linux only; else alive)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def attempt_over(owner: str | None, lease_until: float | None, wall_now: float) -> bool:
    """Whether a `sending` note's attempt is provably over: past its lease, or its sender dead."""
    if lease_until is None or wall_now > lease_until:
        return True
    return owner_gone(owner)


def keep_edits(note: Note, body: str | None, subject: str | None) -> None:
    """Store what was typed into a note (its words and subject as the user left them: line
    ends made one, the subject on one line); a note past editing, or a None, is left as it
    is."""
    if note.status not in EDITABLE:
        return
    if body is not None:
        note.body = body.replace("\r\n", "\n")
    if subject is not None:
        note.subject = " ".join(subject.split())
