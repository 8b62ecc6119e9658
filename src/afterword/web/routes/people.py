"""People at the employer (names, spelling confirmed) and the moments shared with each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse

from afterword.store import repo
from afterword.store.tables import Moment, Person
from afterword.web.deps import RowId, SessionDep
from afterword.web.schemas import PersonForm
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
PersonFormDep = Annotated[PersonForm, Form()]


def _back(app_id: RowId, anchor: str = "people") -> RedirectResponse:
    return RedirectResponse(f"/applications/{app_id}#{anchor}", status_code=303)


def _get_person(session: SessionDep, person_id: RowId) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise repo.NotFound(f"no person {person_id}")
    return person


def _optional(text: str) -> str | None:
    return text.strip() or None


@router.post("/applications/{app_id}/people")
def add_person(app_id: RowId, session: SessionDep, form: PersonFormDep) -> RedirectResponse:
    """Add someone met at the employer."""
    app = repo.get_application(session, app_id)
    repo.add_person(session, app, name=form.name, role=form.role,
                    email=_optional(form.email), honorific=_optional(form.honorific),
                    title=_optional(form.title), mailing_address=_optional(form.mailing_address),
                    spelling_confirmed=form.spelling_confirmed,
                    first_name_terms=form.first_name_terms)
    return _back(app.id)


@router.post("/people/{person_id}")
def edit_person(person_id: RowId, session: SessionDep, form: PersonFormDep) -> RedirectResponse:
    """Correct a person's record (the spelling of their name above all)."""
    person = _get_person(session, person_id)
    if not form.name.strip():
        raise repo.Invalid("the person's name is empty")
    if form.role not in ("interviewer", "scheduler", "recruiter"):
        raise repo.Invalid(f"a person's role is interviewer, scheduler or recruiter, "
                           f"not '{form.role}'")
    person.name, person.role = repo._clean(form.name), form.role
    person.email = (_optional(form.email) or "").lower() or None
    person.honorific, person.title = _optional(form.honorific), _optional(form.title)
    person.mailing_address = _optional(form.mailing_address)
    person.spelling_confirmed = form.spelling_confirmed
    person.first_name_terms = form.first_name_terms
    return _back(person.application_id, f"person-{person.id}")


@router.post("/people/{person_id}/moments")
def add_moment(person_id: RowId, session: SessionDep,
               text: Annotated[str, Form()] = "") -> RedirectResponse:
    """Record something discussed with this person."""
    person = _get_person(session, person_id)
    repo.add_moment(session, person, text)
    return _back(person.application_id, f"person-{person.id}")


@router.post("/moments/{moment_id}/delete")
def delete_moment(moment_id: RowId, session: SessionDep) -> RedirectResponse:
    """Forget a moment."""
    moment = session.get(Moment, moment_id)
    if moment is None:
        raise repo.NotFound(f"no moment {moment_id}")
    app_id, person_id = moment.person.application_id, moment.person_id
    session.delete(moment)
    return _back(app_id, f"person-{person_id}")
