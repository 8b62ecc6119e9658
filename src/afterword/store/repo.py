"""Data helpers: each takes the session explicitly and speaks in table rows."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterword.limits import people_problem
from afterword.store.tables import (
    Application,
    Interview,
    Moment,
    Note,
    Person,
)
from afterword.vocab import ApplicationStatus, NoteState, PersonRole, choices


class NotFound(LookupError):
    """No such application, person or note; the message says which."""


class Invalid(ValueError):
    """A value the store will not accept; the message says which and why."""


def add_application(
    session: Session, *, company: str, role: str, now: datetime, aliases: list[str] | None = None,
    industry: str | None = None, timezone: str = "UTC", expected_reply_by: date | None = None,
) -> Application:
    """A new application, status active."""
    if not visible(company):
        raise Invalid("the company's name is empty")
    app = Application(
        company=_clean(company), role=_clean(role), aliases=[_clean(a) for a in aliases or []],
        industry=industry, timezone=timezone, expected_reply_by=expected_reply_by,
        status=ApplicationStatus.ACTIVE, created_at=now, updated_at=now, other_companies=[],
        other_roles=[],
    )
    session.add(app)
    session.flush()
    return app


def add_interview(session: Session, app: Application, *, start: datetime, end: datetime,
                  **fields: Any) -> Interview:
    """An interview of `app`."""
    if end <= start:
        raise Invalid("the interview must end after it starts")
    interview = Interview(application=app, start=start, end=end, **fields)
    session.add(interview)
    session.flush()
    return interview


def add_person(session: Session, app: Application, *, name: str,
               role: str = PersonRole.INTERVIEWER,
               **fields: Any) -> Person:
    """Someone met at `app`'s employer."""
    problem = people_problem(len(app.people) + 1, "application")
    if problem:
        raise Invalid(problem)
    person = _person(app, name=name, role=role, **fields)
    session.add(person)
    session.flush()
    return person


def new_person(app: Application, *, name: str, role: str = PersonRole.INTERVIEWER,
               **fields: Any) -> Person:
    """A validated person of `app`, not yet flushed (for adding many at once)."""
    return _person(app, name=name, role=role, **fields)


def _person(app: Application, *, name: str, role: str = PersonRole.INTERVIEWER,
            **fields: Any) -> Person:
    if role not in set(PersonRole):
        raise Invalid(f"a person's role is {choices(PersonRole)}, not '{role}'")
    if not visible(name):
        raise Invalid("the person's name is empty (or only invisible characters)")
    email = fields.pop("email", None)
    return Person(application=app, name=_clean(name), role=role,
                  email=email.strip().lower() if email else None, **fields)


def get_application(session: Session, app_id: int) -> Application:
    """The application with this id, with its people and notes loaded."""
    app = session.get(Application, app_id, options=[
        selectinload(Application.people).selectinload(Person.moments),
        selectinload(Application.interviews), selectinload(Application.notes)])
    if app is None:
        raise NotFound(f"no application {app_id} (see `afterword list`)")
    return app


def list_applications(session: Session, *, include_closed: bool = True) -> list[Application]:
    """Every application, newest first."""
    query = select(Application).options(
        selectinload(Application.people), selectinload(Application.interviews),
        selectinload(Application.notes)).order_by(Application.id.desc())
    apps = list(session.scalars(query))
    return apps if include_closed else [a for a in apps if a.status == "active"]


def add_moment(session: Session, person: Person, text: str) -> Moment:
    """Record something discussed with `person`."""
    if not visible(text):
        raise Invalid("the moment is empty")
    moment = Moment(person=person, text=_clean(text))
    session.add(moment)
    session.flush()
    return moment


def set_status(app: Application, status: str, now: datetime) -> None:
    """Change an application's status (a closed one stops its follow-ups)."""
    if status not in set(ApplicationStatus):
        raise Invalid(f"status is {choices(ApplicationStatus)}, not '{status}'")
    app.status = status
    app.updated_at = now


def save_note(session: Session, app: Application, *, body: str, now: datetime,
              person: Person | None = None, **fields: Any) -> Note:
    """Store a note (a draft unless said otherwise) with its check report."""
    if fields.get("status", NoteState.DRAFT) not in set(NoteState):
        raise Invalid(f"note status is {choices(NoteState)}")
    note = Note(application=app, person_id=person.id if person else None, body=body,
                created_at=now, **fields)
    session.add(note)
    session.flush()
    return note


def get_note(session: Session, note_id: int) -> Note:
    """The note with this id."""
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound(f"no note {note_id} (see `afterword show APPLICATION`)")
    return note


def visible(text: str) -> bool:
    """Whether `text` has a character a reader can see (zero-width and marks alone do not)."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in _clean(text))


def _clean(text: str) -> str:
    """One line of text: control characters and runs of white space become one space."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
