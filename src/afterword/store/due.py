"""Due work rows (`due_work`): arm one, claim the next due one, finish it.

A claim is a conditional update: the row changes from `pending` (due) — or from a claim
whose lease ran out or whose process is gone — to `claimed` by this process, and the
claim counts only if exactly one row changed. On PostgreSQL the candidate is first
locked with `FOR UPDATE SKIP LOCKED`, so workers never wait on each other's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from afterword.store.tables import DueWork

PENDING, CLAIMED, DONE, WAITING = "pending", "claimed", "done", "waiting"
SEND = "send"


def send_key(note_id: int) -> str:
    """The key of a note's scheduled send."""
    return f"{SEND}:{note_id}"


def arm(session: Session, *, key: str, kind: str, due_at: datetime, now: datetime,
        note_id: int | None = None, attempts: int | None = None,
        state: str = PENDING, error: str | None = None, user_id: int | None = None,
        payload: dict[str, Any] | None = None) -> DueWork:
    """Create or re-arm the row `key` to come due at `due_at` (server mode: `user_id` is
    whose work it is, `payload` what a job such as "account_mail" needs)."""
    row = session.scalar(select(DueWork).where(DueWork.key == key))
    if row is None:
        row = DueWork(key=key, kind=kind, note_id=note_id, attempts=0, user_id=user_id,
                      payload=payload)
        session.add(row)
    elif payload is not None:
        row.payload = payload
    row.due_at, row.state, row.updated_at = due_at.timestamp(), state, now
    row.claimed_by = row.lease_until = None
    row.last_error = error
    if attempts is not None:
        row.attempts = attempts
    session.flush()
    return row


def get(session: Session, key: str) -> DueWork | None:
    """The row `key`, if any."""
    return session.scalar(select(DueWork).where(DueWork.key == key))


def cancel(session: Session, key: str) -> bool:
    """Remove the row `key`; whether there was one."""
    row = get(session, key)
    if row is None:
        return False
    session.delete(row)
    return True


def claim_next(session: Session, *, now: datetime, wall: float, owner: str, lease: float,
               over: Callable[[str | None, float | None, float], bool]) -> DueWork | None:
    """Claim the most overdue row that is due (or abandoned by its claimer); None if none."""
    due = (DueWork.state == PENDING) & (DueWork.due_at <= now.timestamp())
    query = (select(DueWork.id, DueWork.state, DueWork.claimed_by, DueWork.lease_until)
             .where(or_(due, DueWork.state == CLAIMED))
             .order_by(DueWork.state.desc(), DueWork.due_at).limit(20))  # pending first
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    for row_id, state, claimer, until in session.execute(query).all():
        if state == CLAIMED and not over(claimer, until, wall):
            continue
        changed = _execute(session, update(DueWork)
                           .where(DueWork.id == row_id, DueWork.state == state,
                                  _same(DueWork.claimed_by, claimer))
                           .values(state=CLAIMED, claimed_by=owner, lease_until=wall + lease,
                                   updated_at=now))
        if changed == 1:
            return session.get(DueWork, row_id)
    return None


def _same(column: Any, value: str | None) -> Any:
    return column.is_(None) if value is None else column == value


def _execute(session: Session, statement: Any) -> int:
    result = cast(CursorResult[Any], session.execute(
        statement.execution_options(synchronize_session=False)))
    return int(result.rowcount)


def finish(session: Session, row_id: int, owner: str, *, state: str = DONE,
           error: str | None = None, now: datetime) -> bool:
    """This claim ends (done, or waiting for the user); False if it was taken from us."""
    return _execute(session, update(DueWork)
                    .where(DueWork.id == row_id, DueWork.claimed_by == owner,
                           DueWork.state == CLAIMED)
                    .values(state=state, claimed_by=None, lease_until=None, last_error=error,
                            updated_at=now)) == 1


def rearm(session: Session, row_id: int, owner: str, *, due_at: datetime, now: datetime,
          attempts: int | None = None, error: str | None = None) -> bool:
    """This claim ends and the row comes due again at `due_at` (a retry, a periodic job)."""
    values: dict[str, Any] = {"state": PENDING, "claimed_by": None, "lease_until": None,
                              "due_at": due_at.timestamp(), "last_error": error,
                              "updated_at": now}
    if attempts is not None:
        values["attempts"] = attempts
    return _execute(session, update(DueWork)
                    .where(DueWork.id == row_id, DueWork.claimed_by == owner,
                           DueWork.state == CLAIMED).values(**values)) == 1


def waiting(session: Session) -> list[DueWork]:
    """Scheduled sends that came due too late and wait for the user."""
    return list(session.scalars(select(DueWork).where(DueWork.state == WAITING,
                                                      DueWork.kind == SEND)))


def pending_sends(session: Session) -> list[DueWork]:
    """Scheduled sends still to come, soonest first."""
    return list(session.scalars(select(DueWork)
                                .where(DueWork.kind == SEND,
                                       DueWork.state.in_((PENDING, CLAIMED)))
                                .order_by(DueWork.due_at)))
