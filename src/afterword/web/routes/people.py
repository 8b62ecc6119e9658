"""People at the employer (names, spelling confirmed) and the moments shared with each.

Each handler translates the form into one service call; a refused value brings the page
back (400) with the message beside the field, and nothing stored.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword.services import moments, people
from afterword.store import repo
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep
from afterword.web.schemas import PersonForm
from afterword.web.security import verify_csrf
from afterword.web.views import application_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
PersonFormDep = Annotated[PersonForm, Form()]


def _back(app_id: int, anchor: str = "people") -> RedirectResponse:
    return RedirectResponse(f"/applications/{app_id}#{anchor}", status_code=303)


def _field(message: str) -> str:
    """Which form field a refusal is about."""
    lowered = message.lower()
    for name in ("email", "role", "name"):
        if name in lowered:
            return name
    return "form"


def _refused(request: Request, session: SessionDep, settings: SettingsDep, now: NowDep,
             app_id: int, key: str, exc: repo.Invalid, form: PersonForm) -> HTMLResponse:
    session.rollback()
    app = repo.get_application(session, app_id)
    return application_page(request, app, settings, now, status_code=400,
                            person_errors={key: {_field(str(exc)): str(exc)}},
                            person_form={key: form})


@router.post("/applications/{app_id}/people", response_model=None)
def add_person(request: Request, app_id: RowId, session: SessionDep, settings: SettingsDep,
               now: NowDep, form: PersonFormDep) -> Response:
    """Add someone met at the employer (an honorific typed with the name is parsed out)."""
    app = repo.get_application(session, app_id)
    try:
        people.add_person(session, app, name=form.name, role=form.role, email=form.email,
                          honorific=form.honorific, title=form.title,
                          mailing_address=form.mailing_address,
                          spelling_confirmed=form.spelling_confirmed,
                          first_name_terms=form.first_name_terms)
    except repo.Invalid as exc:
        return _refused(request, session, settings, now, app_id, "new", exc, form)
    return _back(app.id)


@router.post("/people/{person_id}", response_model=None)
def edit_person(request: Request, person_id: RowId, session: SessionDep, settings: SettingsDep,
                now: NowDep, form: PersonFormDep) -> Response:
    """Correct a person's record (the spelling of their name above all)."""
    person = people.get_person(session, person_id)
    app_id = person.application_id
    changes = people.PersonChanges(
        name=form.name, email=form.email, role=form.role, honorific=form.honorific,
        title=form.title, mailing_address=form.mailing_address,
        spelling_confirmed=form.spelling_confirmed, first_name_terms=form.first_name_terms)
    try:
        people.update_person(session, person, changes)
    except repo.Invalid as exc:
        return _refused(request, session, settings, now, app_id, f"person-{person_id}", exc,
                        form)
    return _back(app_id, f"person-{person_id}")


@router.post("/people/{person_id}/delete")
def remove_person(person_id: RowId, session: SessionDep) -> RedirectResponse:
    """Remove someone (their moments go; notes to them stay)."""
    person = people.get_person(session, person_id)
    app_id = person.application_id
    people.remove_person(session, person)
    return _back(app_id)


@router.post("/people/{person_id}/merge")
def merge_person(person_id: RowId, session: SessionDep,
                 into: Annotated[int, Form()]) -> RedirectResponse:
    """Merge this record into another of the same person."""
    source = people.get_person(session, person_id)
    target = people.get_person(session, into)
    people.merge_people(session, source, target)
    return _back(target.application_id, f"person-{target.id}")


@router.post("/people/{person_id}/moments")
def add_moment(person_id: RowId, session: SessionDep,
               text: Annotated[str, Form()] = "") -> RedirectResponse:
    """Record something discussed with this person."""
    person = people.get_person(session, person_id)
    moments.add_moment(session, person, text)
    return _back(person.application_id, f"person-{person.id}")


@router.post("/moments/{moment_id}/delete")
def delete_moment(moment_id: RowId, session: SessionDep) -> RedirectResponse:
    """Forget a moment."""
    owner = moments.remove_moment(session, moment_id)
    return _back(owner.application_id, f"person-{owner.id}")
