"""Applications: list, add by hand or from a calendar invite, detail, edit, status."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword.identity import identity_of, read_person
from afterword.limits import MAX_INVITE_BYTES, MAX_INVITES_PER_UPLOAD
from afterword.services.applications import (
    ApplicationChanges,
    InterviewInput,
    create_application,
    parse_day,
    parse_when,
    parse_zone,
    set_status,
    update_application,
)
from afterword.services.importing import ImportFailed, Source, import_each
from afterword.store import repo
from afterword.store.tables import Application
from afterword.timezones import system_zone
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep, get_settings, render
from afterword.web.schemas import ApplicationForm
from afterword.web.security import verify_csrf
from afterword.web.views import application_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
MAX_TYPED_PEOPLE = 50
FormDep = Annotated[ApplicationForm, Form()]


@router.get("/applications", response_class=HTMLResponse)
def list_page(request: Request, session: SessionDep) -> HTMLResponse:
    """Every application, newest first."""
    return render(request, "applications.html", title="Applications",
                  apps=repo.list_applications(session))


@router.get("/applications/new", response_class=HTMLResponse)
def new_page(request: Request) -> HTMLResponse:
    """Add an application: upload the invite, or type it in."""
    return render(request, "application_new.html", title="Add an application",
                  form=ApplicationForm(timezone=system_zone()))


def _create(request: Request, session: SessionDep, form: ApplicationForm,
            now: datetime) -> Application:
    zone = parse_zone(form.timezone)
    start = parse_when(form.interview_start, zone, "the interview's start")
    end = parse_when(form.interview_end, zone, "the interview's end")
    me = identity_of(get_settings(request))  # server mode: the signed-in account's
    people: list[tuple[str, str | None, str]] = []
    for line in form.interviewers.splitlines()[:MAX_TYPED_PEOPLE]:
        if line.strip():
            try:
                name, email = read_person(line, me)
            except ValueError as exc:
                raise repo.Invalid(f"interviewer '{' '.join(line.split())[:80]}': {exc}"
                                   ) from None
            people.append((name, email, "interviewer"))
    settings = request.app.state.web.settings()
    return create_application(
        session, now=now, thresholds=settings.thresholds, company=form.company,
        role=form.role, industry=form.industry, timezone=zone.key,
        expected_reply_by=parse_day(form.expected_reply_by, "the reply date"), people=people,
        interview=None if start is None else InterviewInput(start=start, end=end,
                                                            timezone=zone.key))


@router.post("/applications", response_model=None)
def create(request: Request, session: SessionDep, form: FormDep,
           now: NowDep) -> Response:
    """Store a new application (the form comes back, as typed, with the problem)."""
    try:
        app = _create(request, session, form, now)
    except repo.Invalid as exc:
        session.rollback()
        return render(request, "application_new.html", status_code=400, title="Add an "
                      "application", form=form, error=str(exc))
    return RedirectResponse(f"/applications/{app.id}", status_code=303)


@router.post("/applications/import", response_model=None)
def import_invite(request: Request, session: SessionDep, settings: SettingsDep,
                  now: NowDep, invite: Annotated[list[UploadFile], File()]) -> Response:
    """Applications (or updates) from one or several calendar invites (.ics), each file
    reported; one file that goes in without a question opens its application.

    A plain `def`: parsing and storing run in the thread pool, never on the event loop.
    """
    me = identity_of(settings)
    sources = [Source(f.filename or "the file", f.file.read(MAX_INVITE_BYTES + 1),
                      kind="invite") for f in invite[:MAX_INVITES_PER_UPLOAD + 1]]
    try:
        reports = import_each(session, sources, own_emails=frozenset(me.emails), now=now,
                              user_name=me.name)
    except ImportFailed as exc:
        return _refused(request, str(exc))
    done = [d for r in reports if r.outcome for d in r.outcome.invites]
    targets = [d.application_id for d in done if d.application_id]
    questions = [(r.name, q) for r in reports if r.outcome for d in r.outcome.invites
                 for q in d.questions]
    if len(reports) == 1:
        if reports[0].error:
            return _refused(request, f"That invite could not be read: {reports[0].error}")
        if not targets:
            return _refused(request, "; ".join(d.summary for d in done)
                            or "no interview in that file")
        if not questions:
            return RedirectResponse(f"/applications/{targets[0]}", status_code=303)
    files = [{"name": r.name, "error": r.error,
              "invites": r.outcome.invites if r.outcome else []} for r in reports]
    return render(request, "invite_report.html", status_code=200 if targets else 400,
                  title="A question about the invite" if len(reports) == 1 else
                  "Invites imported", questions=questions, files=files,
                  stored=sum(1 for r in reports if r.outcome and not r.error),
                  app_id=targets[0] if len(set(targets)) == 1 else None,
                  summary="; ".join(f"{d.outcome}: {d.summary}" for d in done))


def _refused(request: Request, error: str) -> HTMLResponse:
    return render(request, "application_new.html", status_code=400,
                  title="Add an application", form=ApplicationForm(), error=error)


@router.get("/applications/{app_id}", response_class=HTMLResponse)
def detail_page(request: Request, app_id: RowId, session: SessionDep, settings: SettingsDep,
                now: NowDep) -> HTMLResponse:
    """One application: interview, people and moments, notes, status and the timeline."""
    return application_page(request, repo.get_application(session, app_id), settings, now)


@router.get("/applications/{app_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, app_id: RowId, session: SessionDep) -> HTMLResponse:
    """Edit what describes the application."""
    app = repo.get_application(session, app_id)
    form = ApplicationForm(company=app.company, role=app.role, industry=app.industry or "",
                           expected_reply_by=str(app.expected_reply_by or ""),
                           timezone=app.timezone)
    return render(request, "application_edit.html", title=f"Edit {app.company}", app=app,
                  form=form)


@router.post("/applications/{app_id}/edit", response_model=None)
def edit(request: Request, app_id: RowId, session: SessionDep, form: FormDep,
         now: NowDep) -> Response:
    """Save the edits (the form comes back, as typed, with the problem)."""
    app = repo.get_application(session, app_id)
    try:
        update_application(session, app, ApplicationChanges(
            company=form.company, role=form.role, industry=form.industry,
            timezone=form.timezone,
            expected_reply_by=parse_day(form.expected_reply_by, "the reply date"),
            clear_reply_by=not form.expected_reply_by.strip()), now=now)
    except repo.Invalid as exc:
        session.rollback()
        return render(request, "application_edit.html", status_code=400,
                      title=f"Edit {app.company}", app=app, form=form, error=str(exc))
    return RedirectResponse(f"/applications/{app.id}", status_code=303)


@router.post("/applications/{app_id}/status")
def change_status(app_id: RowId, session: SessionDep, now: NowDep,
                  status: Annotated[str, Form()]) -> RedirectResponse:
    """Change the status: closing an application stops its follow-ups."""
    app = repo.get_application(session, app_id)
    set_status(session, app, status, now=now)
    return RedirectResponse(f"/applications/{app.id}", status_code=303)
