"""Deleting an application: a confirmation page (GET, changes nothing), then a POST."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword.services.deletion import (
    BACKUP_HINT,
    DeletionRefused,
    delete_application,
    describe,
)
from afterword.web.deps import RowId, SessionDep, render
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])


@router.get("/applications/{app_id}/delete", response_class=HTMLResponse)
def confirm_page(request: Request, app_id: RowId, session: SessionDep) -> HTMLResponse:
    """What would be deleted, a backup to download first, and the button."""
    return render(request, "delete_confirm.html", title="Delete an application",
                  what=describe(session, app_id), backup_hint=BACKUP_HINT)


@router.post("/applications/{app_id}/delete", response_model=None)
def delete(request: Request, app_id: RowId, session: SessionDep) -> Response:
    """Delete the application and everything under it."""
    try:
        delete_application(session, app_id)
    except DeletionRefused as exc:
        return render(request, "delete_confirm.html", status_code=409,
                      title="Delete an application", what=describe(session, app_id),
                      backup_hint=BACKUP_HINT, error=str(exc))
    return RedirectResponse(f"/applications?deleted={app_id}", status_code=303)
