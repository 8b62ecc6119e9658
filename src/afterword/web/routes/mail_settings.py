"""Server mode's mail settings page: the account's own SMTP/IMAP servers (passwords sealed at
rest, never shown again), or the centre's relay; an admin also sets the relay here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from afterword.server import secrets
from afterword.services import mail_settings
from afterword.store.accounts import Organisation, User
from afterword.store.repo import Invalid
from afterword.vocab import AccountRole
from afterword.web.deps import AccountDep, NowDep, SessionDep, render, require_role
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
AdminDep = Annotated[User, Depends(require_role(AccountRole.ADMIN))]
MAX_FIELD = 1_000


def _vault() -> secrets.Vault | None:
    try:
        return secrets.vault()
    except secrets.SecretsUnavailable:
        return None


def _page(request: Request, session: Session, user: User, status_code: int = 200,
          **extra: Any) -> HTMLResponse:
    box = _vault()
    view = mail_settings.mail_view(session, user, box)
    if box is None:
        extra.setdefault("error", "mail passwords cannot be stored: the server has no "
                                  f"{secrets.KEYS_ENV} (ask the centre's administrator)")
    return render(request, "mail_settings.html", status_code=status_code,
                  title="Mail settings", view=view, user=user,
                  is_admin=user.role == AccountRole.ADMIN,
                  unreadable=view.unreadable, **extra)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v[:MAX_FIELD] for k, v in form.items() if isinstance(v, str)}


@router.get("/settings/mail", response_class=HTMLResponse)
def mail_page(request: Request, session: SessionDep, account: AccountDep) -> HTMLResponse:
    """The form (passwords never shown: only whether one is stored)."""
    return _page(request, session, account)


@router.post("/settings/mail", response_class=HTMLResponse)
async def save_mail(request: Request, session: SessionDep, account: AccountDep,
                    now: NowDep) -> HTMLResponse:
    """Store the account's servers and sealed passwords; a refused field stores nothing."""
    form = await _form(request)
    box = _vault()
    try:
        if box is None:
            raise Invalid("mail passwords cannot be stored without the server's key")
        mail_settings.save_mail(session, account, form, box=box, now=now)
    except Invalid as exc:
        session.rollback()
        return _page(request, session, account, status_code=400, error=str(exc))
    return _page(request, session, account, notice="Mail settings saved.")


@router.post("/settings/mail/relay", response_class=HTMLResponse)
async def save_relay(request: Request, session: SessionDep, admin: AdminDep,
                     now: NowDep) -> HTMLResponse:
    """The organisation's relay (admins only); its password is sealed like the others."""
    form = await _form(request)
    box = _vault()
    org = session.get(Organisation, admin.organisation_id)
    try:
        if box is None or org is None:
            raise Invalid("the relay cannot be stored without the server's key")
        mail_settings.save_relay(session, org, form, box=box, now=now)
    except Invalid as exc:
        session.rollback()
        return _page(request, session, admin, status_code=400, error=str(exc))
    return _page(request, session, admin, notice="The centre's relay is saved.")
