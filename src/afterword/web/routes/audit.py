"""The admin's audit log page: who did what, when, in the organisation (no content)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from afterword.services.audit_view import KINDS, audit_page
from afterword.store.accounts import User
from afterword.vocab import AccountRole
from afterword.web.deps import SessionDep, render, require_role
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
AdminDep = Annotated[User, Depends(require_role(AccountRole.ADMIN))]


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_log(request: Request, session: SessionDep, _admin: AdminDep,
              kind: Annotated[str, Query(max_length=30)] = "",
              before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None) -> HTMLResponse:
    """The newest entries first, a page at a time, optionally of one kind."""
    page = audit_page(session, kind=kind, before=before)
    return render(request, "admin_audit.html", title="Audit log", page=page, kinds=KINDS,
                  kind=kind)
