"""Compose: a tab per interviewer with the draft, checked as you type, fixes one click away."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from afterword.services import drafting, organisation, reviews
from afterword.services import notes as notes_states
from afterword.store import repo
from afterword.store.tables import Note
from afterword.vocab import AccountRole
from afterword.web import data
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep, render
from afterword.web.security import verify_csrf
from afterword.web.views import coach_note_page, compose_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
EDITABLE = notes_states.EDITABLE
STAFF = frozenset({AccountRole.COACH, AccountRole.ADMIN})  # read candidates' notes only


@router.get("/applications/{app_id}/compose", response_model=None)
def compose(request: Request, app_id: RowId, session: SessionDep,
            person: int | None = None) -> HTMLResponse | RedirectResponse:
    """Open the first interviewer's note; for one without a note yet, a page offering to
    start it (a GET never creates anything: the draft is made by a POST button)."""
    app = repo.get_application(session, app_id)
    people = data.interviewers(app)
    if not people:
        raise repo.Invalid(f"{app.company} has no interviewer yet: add one first")
    notes = data.current_notes(app)
    chosen = next((p for p in people if p.id == person), people[0])
    if chosen.id in notes:
        return RedirectResponse(f"/notes/{notes[chosen.id].id}", status_code=303)
    return render(request, "compose_start.html", title=f"Note to {chosen.name}", app=app,
                  person=chosen, tabs=[(p, notes.get(p.id)) for p in people],
                  shared=organisation.templates(session, kind="thank_you"))


@router.post("/applications/{app_id}/drafts")
def start_drafts(app_id: RowId, session: SessionDep, settings: SettingsDep, now: NowDep,
                 person: Annotated[int | None, Form()] = None,
                 template: Annotated[int | None, Form(ge=0, le=2**63 - 1)] = None
                 ) -> RedirectResponse:
    """Draft the note to one interviewer (or to each without one), then open it; with
    `template`, arranged by one of the centre's shared templates."""
    app = repo.get_application(session, app_id)
    notes = data.ensure_drafts(session, app, settings, now, person_id=person,
                               templates=organisation.overrides(session, template, "thank_you"))
    if not notes:
        raise repo.Invalid(f"{app.company} has no interviewer yet: add one first")
    chosen = next((n for n in notes if n.person_id == person), notes[0])
    return RedirectResponse(f"/notes/{chosen.id}", status_code=303)


@router.get("/notes/{note_id}", response_class=HTMLResponse)
def note_page(request: Request, note_id: RowId, session: SessionDep, settings: SettingsDep,
              now: NowDep) -> HTMLResponse:
    """Compose one note; a coach or admin (server mode) reads it instead, with its checks,
    timeline and review, since they never write in a candidate's notes."""
    account = getattr(request.state, "account", None)
    if account is not None and account.role in STAFF:
        return coach_note_page(request, session, reviews.note_view(session, note_id),
                               settings, now, account)
    return compose_page(request, session, repo.get_note(session, note_id), settings, now)


def _editable(session: Session, note_id: RowId) -> Note:
    note = repo.get_note(session, note_id)
    if note.status not in EDITABLE:
        raise repo.Invalid(f"this note is {note.status}: it can no longer be edited")
    return note


@router.post("/notes/{note_id}", response_class=HTMLResponse)
def save(request: Request, note_id: RowId, session: SessionDep, settings: SettingsDep,
         now: NowDep, body: Annotated[str, Form()] = "",
         subject: Annotated[str, Form()] = "") -> HTMLResponse:
    """Save the edited note and check it again."""
    notes_states.keep_edits(_editable(session, note_id), body, subject)
    note = repo.get_note(session, note_id)
    return compose_page(request, session, note, settings, now, notice="Saved and checked.")


@router.post("/notes/{note_id}/refresh-time")
def refresh_time(note_id: RowId, session: SessionDep, settings: SettingsDep,
                 now: NowDep) -> RedirectResponse:
    """Make the draft's time words right for when it will go."""
    drafting.refresh_time_words(session, _editable(session, note_id), settings, now=now)
    return RedirectResponse(f"/notes/{note_id}#editor", status_code=303)


@router.post("/notes/{note_id}/fix")
def fix(note_id: RowId, session: SessionDep, start: Annotated[int, Form()],
        end: Annotated[int, Form()], replacement: Annotated[str, Form()] = "",
        body: Annotated[str, Form()] = "") -> RedirectResponse:
    """Apply one suggestion to the text (as the checker saw it)."""
    note = _editable(session, note_id)
    note.body = data.apply_fix(body.replace("\r\n", "\n") or note.body, start, end, replacement)
    return RedirectResponse(f"/notes/{note.id}#editor", status_code=303)


@router.post("/notes/{note_id}/redraft")
def redraft(note_id: RowId, session: SessionDep, settings: SettingsDep,
            now: NowDep) -> RedirectResponse:
    """Replace this note's text with a fresh draft (the page asked first); same note, so no
    old draft is left beside the new one."""
    note = _editable(session, note_id)
    data.redraft(session, note, settings, now)
    return RedirectResponse(f"/notes/{note.id}", status_code=303)
