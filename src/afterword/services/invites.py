"""Calendar invites into applications: new ones created, updates (same UID) applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterword.calendar.invite import Attendee, Invite, parse_invites
from afterword.etiquette.rules.recipients import ROLE_INBOXES
from afterword.store import repo
from afterword.store.tables import Application, Interview


@dataclass(frozen=True)
class Imported:
    """What one invite did: created, updated, cancelled or unchanged an interview."""

    application_id: int | None
    outcome: str
    summary: str


def import_invite_bytes(session: Session, data: bytes, *, own_emails: frozenset[str],
                        now: datetime) -> list[Imported]:
    """Every event of an .ics file into the store (InviteError for a bad file)."""
    return [apply_invite(session, invite, now=now) for invite in parse_invites(data, own_emails)]


def apply_invite(session: Session, invite: Invite, *, now: datetime) -> Imported:
    """One invite: a new interview, an update of a known one (same UID), or a cancellation."""
    known = session.scalar(select(Interview).where(Interview.uid == invite.uid))
    if known is not None:
        return _update(session, known, invite, now)
    if invite.cancelled:
        return Imported(None, "unchanged",
                        f"cancellation of an unknown interview: {invite.summary}")
    app = _application_for(session, invite, now)
    rounds = len(app.interviews)
    repo.add_interview(session, app, start=invite.start, end=invite.end,
                       timezone=invite.timezone, format=invite.format, round=rounds + 1,
                       location=invite.video_url or invite.location, uid=invite.uid,
                       sequence=invite.sequence)
    skipped = _add_people(session, app, invite)
    return Imported(app.id, "created", f"{app.company}: {app.role or 'interview'} "
                                       f"on {invite.start:%a %d %b %H:%M} ({invite.timezone})"
                                       f"{skipped}")


def _update(session: Session, interview: Interview, invite: Invite, now: datetime) -> Imported:
    app = interview.application
    if invite.sequence < interview.sequence:
        return Imported(app.id, "unchanged", f"an older version of {invite.summary}")
    interview.sequence = invite.sequence
    if invite.cancelled:
        interview.cancelled = True
        app.updated_at = now
        return Imported(app.id, "cancelled", f"{app.company}: interview cancelled")
    interview.start, interview.end = invite.start, invite.end
    interview.timezone, interview.format = invite.timezone, invite.format
    interview.location = invite.video_url or invite.location
    interview.cancelled = False
    app.updated_at = now
    skipped = _add_people(session, app, invite)
    return Imported(app.id, "updated", f"{app.company}: moved to {invite.start:%a %d %b %H:%M} "
                                       f"({invite.timezone}){skipped}")


def _application_for(session: Session, invite: Invite, now: datetime) -> Application:
    company = invite.company or _company_from_domain(invite) or "Unknown employer"
    role = invite.role or ""
    same = session.scalars(select(Application).where(
        func.lower(Application.company) == company.lower(), Application.status == "active"))
    for app in same:
        if not role or app.role.lower() == role.lower():
            return app
    return repo.add_application(session, company=company, role=role, now=now,
                                timezone=invite.timezone)


def _company_from_domain(invite: Invite) -> str | None:
    people = [invite.organizer, *invite.people]
    for person in people:
        if person is not None and "@" in person.email:
            domain = person.email.rpartition("@")[2].split(".")[0]
            if domain and domain not in {"gmail", "outlook", "hotmail", "yahoo", "icloud"}:
                return domain.replace("-", " ").title()
    return None


def _role_of(attendee: Attendee, invite: Invite) -> str:
    local = attendee.email.partition("@")[0].lower()
    if attendee.organizer and (local in ROLE_INBOXES or len(invite.people) > 1):
        return "scheduler"
    return "interviewer"


def _add_people(session: Session, app: Application, invite: Invite) -> str:
    """Store the invite's new people; a note naming the attendees skipped ('' when none)."""
    known = {p.email for p in app.people if p.email}
    rows: list[dict[str, str]] = []
    skipped: list[str] = []
    for attendee in invite.people:
        if attendee.email in known:
            continue
        name = attendee.name or attendee.email.partition("@")[0].replace(".", " ").title()
        if not repo.visible(name):  # an address like ...@x.com names nobody
            skipped.append(attendee.email)
            continue
        rows.append({"name": name, "email": attendee.email, "role": _role_of(attendee, invite)})
        known.add(attendee.email)
    repo.add_people(session, app, rows)
    return f"; skipped {', '.join(skipped)} (no name in the address)" if skipped else ""
