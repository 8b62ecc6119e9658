"""A coach's caseload (server mode): their candidates, the one who needs help soonest first.

What makes a candidate urgent, most urgent first:

1. a thank-you window closing (fewest hours left first), from the same agenda the
   candidate's Today shows (`services.agenda.today`);
2. a thank-you past its ceiling, or a check-in overdue (the oldest lapse first);
3. a note about to go with errors in its stored check report;
4. a send whose outcome is uncertain, or that failed;
5. a review request waiting for the coach.

A candidate with none of these comes after, by name; what each has done lately (notes
sent, and how soon after the interview) is listed beside them, so the page shows the work
finished as well as the work left. The session's scope decides whose candidates are read:
a coach's assigned ones, or an admin's whole organisation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.plan.today import AgendaItem
from afterword.services import agenda, dismissals
from afterword.services.outcomes import hours_after_interview
from afterword.store import repo
from afterword.store.accounts import ReviewRequest, User
from afterword.store.repo import Invalid
from afterword.store.tables import Application, Note
from afterword.vocab import AccountRole, Kind, NoteState

CLOSING, OVERDUE, ERRORS, UNSURE, REVIEW = range(5)
#: notes that have not gone yet but will (or may) without another look
GOING = (NoteState.DRAFT, NoteState.APPROVED, NoteState.SCHEDULED)
#: how far back the "done lately" list reaches
RECENT = timedelta(days=14)
KIND_WORDS: dict[str, str] = {Kind.THANK_YOU: "Thank-you", Kind.CHECK_IN: "Check-in",
              Kind.REQUEST_EMAIL: "Address request", Kind.AFTER_REJECTION: "Reply"}


@dataclass(frozen=True)
class Signal:
    """One reason a candidate needs attention."""

    tier: int  # CLOSING … REVIEW: lower is more urgent
    key: float  # within a tier, lower first (hours left, or a timestamp)
    kind: str  # "closing" | "overdue" | "errors" | "uncertain" | "failed" | "review"
    text: str
    application_id: int | None = None
    note_id: int | None = None
    review_id: int | None = None


@dataclass(frozen=True)
class Done:
    """A note that went out lately, and how soon after its interview."""

    note_id: int
    application_id: int
    text: str
    sent_at: datetime
    hours_after: float | None


@dataclass(frozen=True)
class Entry:
    """One candidate of the caseload."""

    candidate: User
    signals: tuple[Signal, ...]
    done: tuple[Done, ...]
    applications: int
    coach_name: str = ""

    @property
    def rank(self) -> tuple[int, float]:
        """The most urgent signal's (tier, key); a candidate with none comes last."""
        return min(((s.tier, s.key) for s in self.signals), default=(REVIEW + 1, 0.0))


def _where(app: Application) -> str:
    return f"{app.role} at {app.company}" if app.role else app.company


def _from_agenda(item: AgendaItem, app: Application) -> Signal | None:
    if item.kind == Kind.THANK_YOU and item.urgency == "closing":
        left = item.hours_left if item.hours_left is not None else 0.0
        return Signal(CLOSING, left, "closing",
                      f"Thank-you window closing for {_where(app)}: {item.detail}", app.id)
    if item.urgency == "overdue" and item.kind in {Kind.THANK_YOU, Kind.CHECK_IN}:
        what = "Thank-you" if item.kind == Kind.THANK_YOU else f"Check-in {item.number}"
        return Signal(OVERDUE, item.due.timestamp(), "overdue",
                      f"{what} overdue for {_where(app)}: {item.detail}", app.id)
    return None


def _to(note: Note) -> str:
    return note.person.name if note.person is not None else "the employer"


def _note_signals(app: Application) -> list[Signal]:
    out = []
    for note in app.notes:
        errors = int((note.report or {}).get("counts", {}).get("error", 0) or 0)
        if note.status in GOING and errors:
            noun = "error" if errors == 1 else "errors"
            out.append(Signal(ERRORS, -errors, "errors", f"{KIND_WORDS.get(note.kind, 'Note')}"
                              f" to {_to(note)} ({_where(app)}) has {errors} {noun}",
                              app.id, note.id))
        if note.status in (NoteState.UNCERTAIN, NoteState.FAILED):
            word = ("may not have gone" if note.status == NoteState.UNCERTAIN
                    else "failed to send")
            out.append(Signal(UNSURE, note.id, str(note.status),
                              f"{KIND_WORDS.get(note.kind, 'Note')} to {_to(note)} "
                              f"({_where(app)}) {word}", app.id, note.id))
    return out


def _done(app: Application, now: datetime) -> list[Done]:
    out = []
    for note in app.notes:
        if note.status not in (NoteState.SENT, NoteState.MAILED) or note.sent_at is None:
            continue
        if now - note.sent_at > RECENT:
            continue
        hours = hours_after_interview(app, note)
        soon = f", {hours:.0f} h after the interview" if hours is not None else ""
        out.append(Done(note.id, app.id, f"{KIND_WORDS.get(note.kind, 'Note')} to "
                        f"{_to(note)} ({_where(app)}) {note.status}{soon}", note.sent_at,
                        hours))
    return out


def _review_signals(session: Session, coach_id: int | None) -> dict[int, list[Signal]]:
    query = select(ReviewRequest).where(ReviewRequest.state == "open")
    if coach_id is not None:
        query = query.where(ReviewRequest.coach_id == coach_id)
    out: dict[int, list[Signal]] = defaultdict(list)
    for review in session.scalars(query):
        out[review.requested_by].append(Signal(
            REVIEW, review.created_at.timestamp(), "review",
            "Asked for a review" + (f": “{review.message}”" if review.message else ""),
            note_id=review.note_id, review_id=review.id))
    return out


def coaches_of(session: Session) -> list[User]:
    """The coaches the session may read (an admin's filter of the caseload), by name."""
    found = session.scalars(select(User).where(User.role == AccountRole.COACH))
    return sorted(found, key=lambda u: ((u.name or u.email).casefold(), u.id))


def candidates(session: Session, *, coach_id: int | None = None) -> list[User]:
    """The candidates the session may read (of one coach, when given), by name."""
    query = select(User).where(User.role == AccountRole.CANDIDATE)
    if coach_id is not None:
        query = query.where(User.coach_id == coach_id)
    return sorted(session.scalars(query), key=lambda u: ((u.name or u.email).casefold(), u.id))


def caseload(session: Session, settings: Settings, now: datetime, *, viewer: User,
             coach_id: int | None = None) -> list[Entry]:
    """The caseload, most urgent candidate first: a coach's own candidates; for an admin,
    every candidate of the centre (or one coach's, with `coach_id`). A candidate has none
    (Invalid)."""
    if viewer.role == AccountRole.COACH:
        coach_id = viewer.id
    elif viewer.role != AccountRole.ADMIN:
        raise Invalid("the caseload is for coaches and the centre's admins")
    people = candidates(session, coach_id=coach_id)
    apps: dict[int, list[Application]] = defaultdict(list)
    for app in repo.list_applications(session):
        if app.owner_id is not None:
            apps[app.owner_id].append(app)
    skip = dismissals.dismissed(session)
    asked = _review_signals(session, coach_id)
    coaches = {u.id: u.name or u.email for u in session.scalars(
        select(User).where(User.role != AccountRole.CANDIDATE))}
    entries = []
    for person in people:
        own = apps.get(person.id, [])
        by_id = {a.id: a for a in own}
        signals = [s for item in agenda.today(own, settings, now, skip=skip)
                   if (s := _from_agenda(item, by_id[item.application_id])) is not None]
        signals += [s for app in own for s in _note_signals(app)]
        signals += asked.get(person.id, [])
        done = sorted((d for app in own for d in _done(app, now)), key=lambda d: d.sent_at,
                      reverse=True)
        entries.append(Entry(person, tuple(sorted(signals, key=lambda s: (s.tier, s.key))),
                             tuple(done), len(own), coaches.get(person.coach_id or -1, "")))
    return sorted(entries, key=lambda e: (*e.rank, (e.candidate.name or "").casefold()))

