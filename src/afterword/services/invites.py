"""Calendar invites into applications: new ones created, updates (same UID) applied.

An invite joins an existing application only when it is the same event (its UID) or plainly
the same interview process: the same company AND someone already on that application.
Otherwise it is a new application, even at a company already applied to.  Two things are
never decided silently; they come back as `Question`s for the interface to ask: whether the
attendee who seems to be the user is the user (when none of their addresses was on the
invite), and whether a person with the name of someone already recorded but another address
is the same person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.calendar.invite import Attendee, Invite, parse_invites
from afterword.calendar.roles import name_key
from afterword.calendar.roster import fold, natural_name
from afterword.limits import people_problem
from afterword.services.names import parse_name
from afterword.store import repo
from afterword.store.tables import PERSON_ROLES, Application, Interview, Person
from afterword.timezones import system_zone

_FALLBACK_ROLE = {"coordinator": "scheduler", "recruiter": "scheduler", "contact": "scheduler"}


@dataclass(frozen=True)
class Question:
    """Something only the user can say about a person on an invite.

    kind "is_you": is `email` one of the user's own addresses?  kind "same_name": is this
    `name` <`email`> the same person as the one recorded with `other_email`?
    """

    kind: str
    application_id: int
    name: str
    email: str | None
    role: str
    title: str | None = None
    other_email: str | None = None

    @property
    def text(self) -> str:
        """The question, as one line."""
        if self.kind == "is_you":
            return f"Is {self.name} <{self.email}> you?"
        if self.kind == "no_name":
            return f"<{self.email}> names nobody (no name in the invite or the address)"
        return (f"{self.name} <{self.email}> has the name of {self.name} <{self.other_email}>"
                " already on this application: the same person?")


@dataclass(frozen=True)
class Imported:
    """What one invite did: created, updated, cancelled or unchanged an interview."""

    application_id: int | None
    outcome: str
    summary: str
    questions: tuple[Question, ...] = ()


def import_invite_bytes(session: Session, data: bytes, *, own_emails: frozenset[str],
                        now: datetime, user_name: str | None = None) -> list[Imported]:
    """Every event of an .ics file into the store (InviteError for a bad file, nothing kept)."""
    invites = parse_invites(data, own_emails, user_name=user_name)
    return [apply_invite(session, invite, now=now) for invite in invites]


def apply_invite(session: Session, invite: Invite, *, now: datetime) -> Imported:
    """One invite: a new interview, an update of a known one (same UID), or a cancellation.
    An invite in UTC (a Z or floating time, no zone named) is placed in the user's zone:
    the interview is on their calendar, and its business hours are theirs more likely
    than Greenwich's."""
    invite = _in_a_real_zone(invite)
    known = session.scalar(select(Interview).where(Interview.uid == invite.uid))
    if known is not None:
        return _update(session, known, invite, now)
    if invite.cancelled:
        return Imported(None, "unchanged",
                        f"cancellation of an unknown interview: {invite.summary}")
    app = _same_process(session, invite) or repo.add_application(
        session, company=invite.company or "Unknown employer", role=invite.role or "", now=now,
        timezone=invite.timezone)
    repo.add_interview(session, app, start=invite.start, end=invite.end,
                       timezone=invite.timezone, format=invite.format,
                       round=len(app.interviews) + 1,
                       location=invite.video_url or invite.location, uid=invite.uid,
                       sequence=invite.sequence)
    app.updated_at = now
    questions = _add_people(session, app, invite)
    return Imported(app.id, "created", f"{app.company}: {app.role or 'interview'} "
                    f"on {invite.start:%a %d %b %H:%M} ({invite.timezone})", questions)


def _update(session: Session, interview: Interview, invite: Invite, now: datetime) -> Imported:
    app = interview.application
    if invite.sequence < interview.sequence:
        return Imported(app.id, "unchanged", f"an older version of {invite.summary}")
    interview.sequence = invite.sequence
    if invite.cancelled:
        interview.cancelled = True
        app.updated_at = now
        return Imported(app.id, "cancelled", f"{app.company}: interview cancelled")
    moved = not (_same_moment(interview.start, invite.start)
                 and _same_moment(interview.end, invite.end))
    before = (interview.timezone, interview.format, interview.location, interview.cancelled,
              len(app.people))
    interview.start, interview.end = invite.start, invite.end
    interview.timezone, interview.format = invite.timezone, invite.format
    interview.location = invite.video_url or invite.location
    interview.cancelled = False
    questions = _add_people(session, app, invite)
    after = (interview.timezone, interview.format, interview.location, interview.cancelled,
             len(app.people))
    if not moved and before == after:  # the same invite again (its questions still open)
        return Imported(app.id, "unchanged", f"{app.company}: already up to date", questions)
    app.updated_at = now
    if not moved:
        return Imported(app.id, "updated", f"{app.company}: the interview's details",
                        questions)
    return Imported(app.id, "updated", f"{app.company}: moved to "
                    f"{invite.start:%a %d %b %H:%M} ({invite.timezone})", questions)


def _in_a_real_zone(invite: Invite) -> Invite:
    mine = system_zone()
    if invite.timezone != "UTC" or mine == "UTC":
        return invite
    zone = ZoneInfo(mine)
    return replace(invite, start=invite.start.astimezone(zone),
                   end=invite.end.astimezone(zone), timezone=mine)


def _same_moment(stored: datetime, given: datetime) -> bool:
    """Whether two times are the same instant (a stored one may come back without a zone,
    in UTC)."""
    def aware(moment: datetime) -> datetime:
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    return aware(stored) == aware(given)


def _same_process(session: Session, invite: Invite) -> Application | None:
    """An active application at the same company with someone of this invite already on it."""
    if not invite.company:
        return None
    company = fold(invite.company)
    for app in session.scalars(select(Application).where(Application.status == "active")):
        if company in {fold(app.company), *map(fold, app.aliases)} and any(
                _same(person, attendee) for person in app.people for attendee in invite.people):
            return app
    return None


def _same(person: Person, attendee: Attendee) -> bool:
    """The same person: one address, or one name where at most one side has an address."""
    if person.email and attendee.email:
        return person.email == attendee.email
    return name_key(person.name) == name_key(display_name(attendee))


def stored_role(kind: str) -> str:
    """The role a person is stored with (the invite's reading, where the store has it)."""
    if kind in PERSON_ROLES:  # a hiring manager is thanked like any interviewer
        return kind
    return _FALLBACK_ROLE.get(kind, "interviewer")


def display_name(attendee: Attendee) -> str:
    """The name to record: the CN turned round if 'Family, Given', else from the address."""
    if attendee.name:
        return natural_name(attendee.name)
    local = (attendee.email or "someone").partition("@")[0]
    return local.replace(".", " ").replace("_", " ").replace("-", " ").title()


def _add_people(session: Session, app: Application, invite: Invite) -> tuple[Question, ...]:
    questions: list[Question] = []
    candidate = invite.candidate
    if candidate is not None and candidate.email and not repo.visible(display_name(candidate)):
        questions.append(Question("no_name", app.id, "", candidate.email, "interviewer"))
    elif candidate is not None and candidate.email:
        questions.append(Question("is_you", app.id, display_name(candidate),
                                  candidate.email, "interviewer"))
    problem = people_problem(len(app.people) + len(invite.people), "application")
    if problem:
        raise repo.Invalid(problem)
    for attendee in invite.people:
        question = _add_person(session, app, attendee)
        if question is not None:
            questions.append(question)
    session.flush()  # one flush for everyone (a flush per person made big invites quadratic)
    return tuple(questions)


def _add_person(session: Session, app: Application, attendee: Attendee) -> Question | None:
    name, role = display_name(attendee), stored_role(attendee.kind)
    if not repo.visible(name):  # an address like ...@x.com names nobody: left out
        return Question("no_name", app.id, name, attendee.email, role)
    by_email = next((p for p in app.people if attendee.email and p.email == attendee.email),
                    None)
    if by_email is not None:
        by_email.title = by_email.title or attendee.title
        return None
    same_name = [p for p in app.people if name_key(p.name) == name_key(name)]
    if same_name:
        person = same_name[0]
        if person.email and attendee.email and person.email != attendee.email:
            return Question("same_name", app.id, name, attendee.email, role, attendee.title,
                            other_email=person.email)
        person.email = person.email or attendee.email
        person.title = person.title or attendee.title
        return None
    parsed = name_fields(name)
    session.add(repo.new_person(app, name=parsed.pop("name") or name, email=attendee.email,
                                role=stored_role(role), title=attendee.title, **parsed))
    return None


def name_fields(typed: str) -> dict[str, str | None]:
    """'Dr. Nia Okoye' → name 'Nia Okoye', honorific 'Dr.' (the people service's parsing)."""
    parsed = parse_name(typed)
    if not parsed.name:
        return {"name": typed}
    return {"name": parsed.name, "honorific": parsed.honorific, "suffix": parsed.suffix,
            "given_name": parsed.given_name, "family_name": parsed.family_name}


def add_person(session: Session, app: Application, *, name: str, email: str | None,
               role: str, title: str | None = None) -> Person:
    """Record someone from an invite (or an answered question) on the application."""
    parsed = name_fields(name)
    return repo.add_person(session, app, name=parsed.pop("name") or name, email=email,
                           role=stored_role(role), title=title, **parsed)


def answer(session: Session, question: Question, *, yes: bool) -> Person | None:
    """Apply the user's answer: an 'is_you' no, or a 'same_name' no, records the person."""
    if yes or question.kind == "no_name":
        return None
    app = repo.get_application(session, question.application_id)
    if question.email and any(p.email == question.email for p in app.people):
        return None
    return add_person(session, app, name=question.name, email=question.email,
                      role=question.role, title=question.title)
