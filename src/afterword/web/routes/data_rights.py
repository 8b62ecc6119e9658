"""Server mode's data rights: download all of one's data, delete one's account.

Both start from a page that changes nothing (GET); the download itself is a POST (it is
audited) and deleting is a POST confirmed by typing the account's email address.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from afterword.server.tokens import SESSION_COOKIE
from afterword.services.account_data import (
    AccountDeletionRefused,
    delete_account,
    export_account,
)
from afterword.store.repo import Invalid
from afterword.web.deps import AccountDep, NowDep, SessionDep, client_ip, render
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])


@router.get("/account/export", response_class=HTMLResponse)
def export_page(request: Request, account: AccountDep) -> HTMLResponse:
    """What the download holds, and its button."""
    return render(request, "account_export.html", title="Download your data", user=account)


@router.post("/account/export", response_model=None)
def export(request: Request, session: SessionDep, account: AccountDep, now: NowDep) -> Response:
    """All of the account's data as one JSON file (the afterword backup format)."""
    document = export_account(session, account.id, now=now, ip=client_ip(request))
    name = f"afterword-{now:%Y-%m-%d}.json"
    return JSONResponse(document, headers={
        "content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"})


@router.get("/account/delete", response_class=HTMLResponse)
def delete_page(request: Request, account: AccountDep) -> HTMLResponse:
    """What deleting the account removes, and the confirmation form."""
    return render(request, "account_delete.html", title="Delete your account", user=account)


@router.post("/account/delete", response_model=None)
def delete(request: Request, session: SessionDep, account: AccountDep, now: NowDep,
           confirm: Annotated[str, Form(max_length=400)] = "") -> Response:
    """Delete the account and everything it owns, then sign the browser out."""
    try:
        delete_account(session, account.id, confirm=confirm, now=now, ip=client_ip(request))
    except (Invalid, AccountDeletionRefused) as exc:
        session.rollback()
        return render(request, "account_delete.html", status_code=400 if isinstance(
            exc, Invalid) else 409, title="Delete your account", user=account, error=str(exc))
    response = RedirectResponse("/sign-in?deleted=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
