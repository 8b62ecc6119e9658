"""Sending at the right moment: schedule a note (`send --at`), unschedule it, and what waits.

A scheduled note is checked for the moment it will go (errors refuse, as `send` does),
becomes `scheduled`, and gets a due row ("send:<id>") that the worker claims when it comes
due. Times in words are read in the recipient's time zone (the interview's, else the
application's); `best` is the policy's first good moment (`plan.when.best_moment`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.plan.when import WhenError, best_moment, parse_when, window_closes
from afterword.services import notes as states
from afterword.services.agenda import plan_settings
from afterword.services.outbox import OutboxError, ensure_sendable
from afterword.services.tracker import check_saved, latest_interview
from afterword.store import due, repo
from afterword.store.db import session_scope
from afterword.store.tables import Application, Note
from afterword.vocab import Kind, Medium

__all__ = ["Scheduled", "WhenError", "late_sends", "offer", "recipient_zone", "schedule",
           "scheduled_for", "unschedule", "upcoming_sends", "window_closed"]


@dataclass(frozen=True)
class Scheduled:
    """A note set to go at `at` (in the recipient's zone); or blocked by the check."""

    note_id: int
    at: datetime
    zone: str
    blocked: str | None = None


def recipient_zone(app: Application) -> ZoneInfo:
    """The recipient's time zone: the latest interview's, else the application's, else UTC."""
    interview = latest_interview(app)
    for name in (interview.timezone if interview else None, app.timezone):
        try:
            return ZoneInfo(name or "")
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")


def resolve(app: Application, note: Note, when: str, settings: Settings, *,
            now: datetime) -> datetime:
    """The moment `when` names for this note ("best", an ISO time or words); WhenError."""
    zone = recipient_zone(app)
    if when.strip().lower() != "best":
        return parse_when(when, now=now, zone=zone)
    interview = latest_interview(app)
    return best_moment(now=now, zone=zone, policy=plan_settings(settings),
                       min_minutes=settings.thresholds.thank_you_min_minutes,
                       interview_end=interview.end if interview else None,
                       thank_you=note.kind == Kind.THANK_YOU)


def schedule(url: str, note_id: int, when: str, settings: Settings, *,
             now: datetime) -> Scheduled:
    """Check the note for `when` and set it to go then (OutboxError/WhenError if it cannot)."""
    with session_scope(url) as session:
        note = repo.get_note(session, note_id)
        if note.medium != Medium.EMAIL:
            raise OutboxError(f"note {note_id} is a {note.medium} note: only email is sent")
        if note.status == states.SCHEDULED:
            raise OutboxError(f"note {note_id} is already scheduled: `afterword unschedule "
                              f"{note_id}` first to move it")
        ensure_sendable(note)
        app = repo.get_application(session, note.application_id)
        at = resolve(app, note, when, settings, now=now)
        zone = recipient_zone(app)
        report = check_saved(session, note, settings, now=at)
        if report.has_errors:
            errors = [f"{f.code} {f.name}: {f.message}" for f in report.findings
                      if str(f.severity) == "error"]
            return Scheduled(note_id, at.astimezone(zone), str(zone),
                             "scheduling is blocked by the check: " + " | ".join(errors))
        if not states.move(session, note_id, states.SCHEDULED, sources=(note.status,)):
            raise OutboxError(f"note {note_id} changed meanwhile; try again")
        due.arm(session, key=due.send_key(note_id), kind=due.SEND, note_id=note_id,
                due_at=at, now=now, attempts=0)
    return Scheduled(note_id, at.astimezone(zone), str(zone))


def unschedule(url: str, note_id: int, *, now: datetime) -> str:
    """A scheduled note goes back to approved; nothing is sent."""
    with session_scope(url) as session:
        note = repo.get_note(session, note_id)
        if note.status != states.SCHEDULED:
            raise OutboxError(f"note {note_id} is {note.status}, not scheduled")
        if not states.move(session, note_id, states.APPROVED, sources=(states.SCHEDULED,)):
            raise OutboxError(f"note {note_id} is being sent right now")
        due.cancel(session, due.send_key(note_id))
    return f"note {note_id} is no longer scheduled (approved; nothing was sent)"


def scheduled_for(session: Session, note_id: int) -> datetime | None:
    """When a scheduled note is set to go (UTC), if it is."""
    row = due.get(session, due.send_key(note_id))
    if row is None or row.state == due.DONE:
        return None
    return datetime.fromtimestamp(row.due_at, UTC)


def window_closed(app: Application, note: Note, settings: Settings, now: datetime) -> bool:
    """Whether a thank-you's window has closed by `now` (it then waits for the user)."""
    interview = latest_interview(app)
    if note.kind != Kind.THANK_YOU or interview is None:
        return False
    return now > window_closes(interview.end, recipient_zone(app), plan_settings(settings))


def late_sends(session: Session) -> list[tuple[Note, datetime, str]]:
    """Scheduled notes held when they came due: (note, when it was due, why it waits).

    Held because the thank-you window had closed, or because the check found the note late
    or its time words stale by then; each waits for the user: send it late or not.
    """
    rows = [(session.get(Note, row.note_id), datetime.fromtimestamp(row.due_at, UTC),
             row.last_error or "it came due late") for row in due.waiting(session)
            if row.note_id is not None]
    return [(note, at, why) for note, at, why in rows if note is not None
            and note.status == states.SCHEDULED]


def upcoming_sends(session: Session) -> list[tuple[Note, datetime]]:
    """Scheduled notes still to go, soonest first: (note, when, UTC)."""
    rows = [(session.get(Note, row.note_id), datetime.fromtimestamp(row.due_at, UTC))
            for row in due.pending_sends(session) if row.note_id is not None]
    return [(note, at) for note, at in rows if note is not None
            and note.status == states.SCHEDULED]


def offer(session: Session, note: Note, settings: Settings, *,
          now: datetime) -> datetime | None:
    """The best moment to send this note, in the recipient's zone (None if none is left)."""
    app = repo.get_application(session, note.application_id)
    try:
        return resolve(app, note, "best", settings, now=now).astimezone(recipient_zone(app))
    except WhenError:
        return None
