"""The JSON backup: download everything; load a backup into an empty database."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from afterword.services.importing import ImportFailed, Source, import_sources
from afterword.store.backup import export_all
from afterword.web.deps import NowDep, SessionDep, render
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
MAX_BACKUP = 50_000_000


@router.get("/backup", response_class=HTMLResponse)
def backup_page(request: Request) -> HTMLResponse:
    """Export and import."""
    return render(request, "backup.html", title="Backup")


@router.get("/backup.json")
def export(session: SessionDep, now: NowDep) -> Response:
    """Every application, person, note and plan, as one JSON file."""
    name = f"afterword-backup-{now:%Y-%m-%d}.json"
    return JSONResponse(export_all(session),
                        headers={"content-disposition": f'attachment; filename="{name}"'})


@router.post("/backup", response_model=None)
def restore(request: Request, session: SessionDep, now: NowDep,
            backup: Annotated[UploadFile, File()]) -> Response:
    """Load a backup (into an empty database only: nothing is overwritten, all or nothing).

    A plain `def`: validating and storing run in the thread pool, never on the event loop.
    """
    payload = backup.file.read(MAX_BACKUP + 1)
    name = backup.filename or "the file"
    try:
        if len(payload) > MAX_BACKUP:
            raise ImportFailed("that file is too large for an afterword backup")
        done = import_sources(session, [Source(name, payload, kind="backup")],
                              own_emails=frozenset(), now=now)
    except ImportFailed as exc:
        session.rollback()
        message = f"{exc}; choose an afterword backup"
        return render(request, "backup.html", status_code=400, title="Backup", error=message)
    return RedirectResponse(f"/applications?restored={done[0].restored}", status_code=303)
