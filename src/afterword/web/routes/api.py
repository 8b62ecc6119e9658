"""The JSON API behind the pages (OpenAPI at /openapi.json)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from afterword.model import ContextError
from afterword.schemas import (
    ApplicationDetail,
    ApplicationRow,
    CheckReport,
    NotePublic,
    PlanStep,
    TodayItem,
)
from afterword.services import applications as recording
from afterword.services.agenda import agenda_for, plan_for
from afterword.services.checking import check
from afterword.services.live import live_check
from afterword.store import repo
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep, owner_key
from afterword.web.schemas import ApplicationCreate, ApplicationUpdate, CheckRequest
from afterword.web.security import verify_csrf

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(verify_csrf)])
ERRORS: dict[int | str, dict[str, object]] = {
    403: {"description": "missing or stale CSRF token"},
    404: {"description": "no such record"},
    422: {"description": "invalid input (one-line `detail`)"},
}


@router.post("/check", response_model=CheckReport, responses=ERRORS)
def check_note(request: Request, payload: CheckRequest,
               settings: SettingsDep) -> dict[str, object]:
    """Check a note: the same JSON as `afterword check --format json`."""
    if len(payload.note.encode("utf-8")) > settings.max_note_bytes:
        raise HTTPException(422, f"the note is over {settings.max_note_bytes} bytes")
    try:
        if payload.session is not None:  # typing in the compose page: incremental
            key = ("web", owner_key(request), payload.session)  # per account, in server mode
            return live_check(key, payload.context, settings, payload.note).to_dict()
        return check(payload.note, payload.context, settings=settings).to_dict()
    except ContextError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/applications", response_model=list[ApplicationRow], responses=ERRORS)
def list_applications(session: SessionDep) -> list[ApplicationRow]:
    """Every application, newest first (as `afterword list --json`)."""
    return [ApplicationRow.of(a) for a in repo.list_applications(session)]


@router.post("/applications", response_model=ApplicationDetail, status_code=201,
             responses=ERRORS)
def create_application(payload: ApplicationCreate, session: SessionDep, settings: SettingsDep,
                       now: NowDep) -> ApplicationDetail:
    """A new application (with its interview when its start is given; no end time, the
    policy's interview length, as everywhere)."""
    start = payload.interview_start
    app = recording.create_application(
        session, now=now, thresholds=settings.thresholds, company=payload.company,
        role=payload.role, industry=payload.industry, timezone=payload.timezone,
        expected_reply_by=payload.expected_reply_by,
        interview=None if start is None else recording.InterviewInput(
            start=start, end=payload.interview_end, timezone=payload.timezone))
    return ApplicationDetail.of(repo.get_application(session, app.id))


@router.get("/applications/{app_id}", response_model=ApplicationDetail, responses=ERRORS)
def get_application(app_id: RowId, session: SessionDep) -> ApplicationDetail:
    """One application with its people, interviews and notes (as `afterword show ID
    --json`)."""
    return ApplicationDetail.of(repo.get_application(session, app_id))


@router.patch("/applications/{app_id}", response_model=ApplicationDetail, responses=ERRORS)
def update_application(app_id: RowId, payload: ApplicationUpdate, session: SessionDep,
                       now: NowDep) -> ApplicationDetail:
    """Change fields; a closed status stops the follow-ups."""
    app = repo.get_application(session, app_id)
    changes = payload.model_dump(exclude_unset=True)
    recording.update_application(session, app, recording.ApplicationChanges(
        company=changes.get("company"), role=changes.get("role"),
        industry=changes["industry"] or "" if "industry" in changes else None,
        expected_reply_by=changes.get("expected_reply_by"),
        clear_reply_by="expected_reply_by" in changes and changes["expected_reply_by"] is None,
        status=changes.get("status")), now=now)
    return ApplicationDetail.of(app)


@router.get("/today", response_model=list[TodayItem], responses=ERRORS)
def today_items(session: SessionDep, settings: SettingsDep, now: NowDep) -> list[TodayItem]:
    """What to do now (the same items as `afterword today --json`)."""
    return [TodayItem.of(i) for i in agenda_for(session, settings, now)]


@router.get("/applications/{app_id}/plan", response_model=list[PlanStep], responses=ERRORS)
def application_plan(app_id: RowId, session: SessionDep, settings: SettingsDep,
                     now: NowDep) -> list[PlanStep]:
    """The follow-up plan of one application (the steps of `afterword plan ID --json`; a GET
    only reads it, where the command also records it)."""
    return [PlanStep.of(s) for s in plan_for(session, app_id, settings, now).steps]


@router.get("/notes/{note_id}", response_model=NotePublic, responses=ERRORS)
def get_note(note_id: RowId, session: SessionDep) -> NotePublic:
    """One note and its state."""
    return NotePublic.of(repo.get_note(session, note_id))
