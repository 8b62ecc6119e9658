"""The JSON backup: download everything; load a backup into an empty database."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from afterword.store import repo
from afterword.store.backup import export_all, import_all
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
async def restore(request: Request, session: SessionDep,
                  backup: Annotated[UploadFile, File()]) -> Response:
    """Load a backup (into an empty database only: nothing is overwritten)."""
    payload = await backup.read(MAX_BACKUP + 1)
    try:
        if len(payload) > MAX_BACKUP:
            raise repo.Invalid("that file is too large for an afterword backup")
        try:
            document = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise repo.Invalid("that file is not JSON: choose an afterword backup") from None
        count = import_all(session, document)
    except (repo.Invalid, KeyError, TypeError, ValueError) as exc:
        session.rollback()
        message = str(exc) if isinstance(exc, repo.Invalid) else f"that backup is damaged ({exc})"
        return render(request, "backup.html", status_code=400, title="Backup", error=message)
    return RedirectResponse(f"/applications?restored={count}", status_code=303)
