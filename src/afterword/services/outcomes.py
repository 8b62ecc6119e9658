"""The outcomes export (server mode): one CSV row per application with an interview in the
chosen dates, for a cohort or the whole centre: the interviews, the thank-you notes sent and
how soon after the interview, whether that was inside the thank-you window, the check-ins,
and the answer (an offer, a rejection, a withdrawal, or none yet).

The session's scope decides whose applications are read (an admin: the organisation's; a
coach: their candidates'). Cells a spreadsheet would run as formulas are defused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.limits import check_date
from afterword.store import repo
from afterword.store.accounts import User
from afterword.store.repo import Invalid
from afterword.store.tables import Application, Interview, Note
from afterword.vocab import AccountRole, ApplicationStatus, Kind, NoteState

COLUMNS = ("cohort", "candidate", "candidate_email", "coach", "company", "role",
           "interviews", "last_interview", "thank_yous_sent", "first_thank_you_hours",
           "thank_you_in_window", "check_ins_sent", "answer", "offer")
WENT = (NoteState.SENT, NoteState.MAILED)
ANSWERS = {ApplicationStatus.ACTIVE: "none yet", ApplicationStatus.OFFER: "offer",
           ApplicationStatus.REJECTED: "rejected", ApplicationStatus.WITHDRAWN: "withdrawn",
           ApplicationStatus.CLOSED: "closed"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Filter:
    """Which rows: a cohort ("" for every one) and interview dates (inclusive)."""

    cohort: str = ""
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        for day, what in ((self.start, "the first date"), (self.end, "the last date")):
            if day is not None:
                check_date(day, what)
        if self.start and self.end and self.start > self.end:
            raise Invalid(f"the first date ({self.start}) is after the last ({self.end})")


def parse_day(text: str | None, what: str) -> date | None:
    """A YYYY-MM-DD date from a form or the command line (empty: none)."""
    if not text or not text.strip():
        return None
    try:
        return check_date(date.fromisoformat(text.strip()), what)
    except ValueError as exc:
        if "limit:" in str(exc):
            raise
        raise Invalid(f"{what} must be a date like 2026-11-20, not {text.strip()[:40]!r}"
                      ) from None


def hours_after_interview(app: Application, note: Note) -> float | None:
    """Hours from the end of the last interview before `note` went to when it went (None:
    not sent, or no interview before it)."""
    if note.sent_at is None:
        return None
    before = [i for i in app.interviews if not i.cancelled and i.end <= note.sent_at]
    if not before:
        return None
    ended = max(i.end for i in before)
    return round((note.sent_at - ended).total_seconds() / 3600, 1)


def _in_range(interview: Interview, chosen: Filter) -> bool:
    day = interview.start.date()  # the interview's own calendar day
    return ((chosen.start is None or day >= chosen.start)
            and (chosen.end is None or day <= chosen.end))


def _row(app: Application, owner: User, coach: str, held: list[Interview],
         settings: Settings) -> dict[str, str]:
    thanks = sorted((n for n in app.notes if n.kind == Kind.THANK_YOU and n.status in WENT
                     and n.sent_at is not None), key=lambda n: n.sent_at or n.created_at)
    first = hours_after_interview(app, thanks[0]) if thanks else None
    ceiling = settings.thresholds.thank_you_ceiling_hours
    in_window = "" if first is None else ("yes" if first <= ceiling else "no")
    status = ApplicationStatus(app.status) if app.status in set(ApplicationStatus) else None
    return {
        "cohort": owner.cohort, "candidate": owner.name, "candidate_email": owner.email,
        "coach": coach, "company": app.company, "role": app.role,
        "interviews": str(len(held)),
        "last_interview": max(i.start for i in held).date().isoformat(),
        "thank_yous_sent": str(len(thanks)),
        "first_thank_you_hours": "" if first is None else f"{first:g}",
        "thank_you_in_window": in_window,
        "check_ins_sent": str(sum(1 for n in app.notes if n.kind == Kind.CHECK_IN
                                  and n.status in WENT)),
        "answer": ANSWERS.get(status, app.status) if status else app.status,
        "offer": "yes" if status == ApplicationStatus.OFFER else "no",
    }


def rows(session: Session, settings: Settings, chosen: Filter) -> list[dict[str, str]]:
    """The export's rows (by cohort, candidate, then interview date)."""
    people = {u.id: u for u in session.scalars(select(User))}
    out: list[tuple[tuple[str, str, str], dict[str, str]]] = []
    for app in repo.list_applications(session):
        owner = people.get(app.owner_id or -1)
        if owner is None or owner.role != AccountRole.CANDIDATE:
            continue
        if chosen.cohort and owner.cohort != chosen.cohort:
            continue
        held = [i for i in app.interviews if not i.cancelled and _in_range(i, chosen)]
        if not held:
            continue
        coach = people.get(owner.coach_id or -1)
        row = _row(app, owner, (coach.name or coach.email) if coach else "", held, settings)
        out.append(((owner.cohort, owner.name.casefold(), row["last_interview"]), row))
    return [row for _, row in sorted(out, key=lambda pair: pair[0])]


def cohorts(session: Session) -> list[str]:
    """The cohort names in use among the candidates the session may read."""
    found = session.scalars(select(User.cohort).where(User.role == AccountRole.CANDIDATE))
    return sorted({c for c in found if c})


def defuse(cell: str) -> str:
    """A cell no spreadsheet runs as a formula (a name like "=HYPERLINK(…)" stays text)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(found: Iterable[dict[str, str]]) -> str:
    """The rows as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow([defuse(row[c]) for c in COLUMNS])
    return out.getvalue()


def export(session: Session, settings: Settings, chosen: Filter, *, by: User,
           now: datetime) -> str:
    """The CSV of `chosen`, with an audit entry saying who exported what (no content)."""
    from afterword.services import audit

    found = rows(session, settings, chosen)
    audit.record(session, "export.outcomes", now=now, actor_id=by.id,
                 organisation_id=by.organisation_id,
                 detail={"cohort": chosen.cohort[:100], "rows": len(found),
                         "from": chosen.start.isoformat() if chosen.start else None,
                         "to": chosen.end.isoformat() if chosen.end else None})
    return to_csv(found)
