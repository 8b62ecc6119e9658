"""Server mode's account pages: signing in and out, taking up an invitation, resetting a
forgotten password, and the account page (API tokens, sign out everywhere, new password).

Each handler turns the form into one `services.accounts` / `services.credentials` call.
The session cookie is HttpOnly and SameSite=Lax (an emailed link's first click must carry
it), Secure unless the server runs on loopback http (`ServerEnv.secure_cookies`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword import limits
from afterword.server.tokens import SESSION_COOKIE
from afterword.services import accounts, calendar_feed, credentials
from afterword.services.accounts import AccountError, SignedIn
from afterword.web.deps import (
    AccountDep,
    NowDep,
    RowId,
    SessionDep,
    StateDep,
    client_ip,
    render,
)
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
Email = Annotated[str, Form(max_length=320)]
Password = Annotated[str, Form(max_length=limits.MAX_PASSWORD_CHARS + 1)]
Short = Annotated[str, Form(max_length=300)]


def safe_next(target: str) -> str:
    """Where to go after signing in: a path on this site only (never //evil.example)."""
    if not target.startswith("/") or target.startswith(("//", "/\\")) or any(
            c in target for c in "\r\n\\"):
        return "/"
    return target[:2000]


def _signed_in(state: StateDep, signed: SignedIn, target: str) -> Response:
    response = RedirectResponse(safe_next(target), status_code=303)
    response.set_cookie(SESSION_COOKIE, signed.token, max_age=limits.SESSION_SECONDS,
                        path="/", httponly=True, samesite="lax",
                        secure=state.env.secure_cookies)
    return response


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/") -> Response:
    """The sign-in form (already signed in: straight on)."""
    if getattr(request.state, "account", None) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "sign_in.html", title="Sign in", next=safe_next(next), email="")


@router.post("/sign-in", response_model=None)
def sign_in(request: Request, session: SessionDep, state: StateDep, now: NowDep,
            email: Email, password: Password, next: Short = "/") -> Response:
    """Check the address and password; on to `next` with a session cookie."""
    try:
        signed = accounts.sign_in(session, email=email, password=password, now=now,
                                  ip=client_ip(request),
                                  user_agent=request.headers.get("user-agent", ""))
    except AccountError as exc:
        status = 429 if isinstance(exc, accounts.TooManyAttempts) else 400
        return render(request, "sign_in.html", status_code=status, title="Sign in",
                      error=str(exc), next=safe_next(next), email=email[:320])
    return _signed_in(state, signed, next)


@router.post("/sign-out", response_model=None)
def sign_out(request: Request, session: SessionDep, now: NowDep) -> Response:
    """End this browser's session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.sign_out(session, token, now=now, ip=client_ip(request))
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/invite/{token}", response_class=HTMLResponse)
def invitation_page(request: Request, session: SessionDep, now: NowDep,
                    token: str) -> HTMLResponse:
    """Choose a password for an invited account (a used or expired link says so)."""
    user = accounts.link_user(session, token[:200], accounts.INVITE, now)
    if user is None:
        return render(request, "error.html", status_code=404, title="Link not valid",
                      message="This invitation link is unknown, used or expired; ask your "
                              "centre for a new one.")
    return render(request, "invite_accept.html", title="Join afterword", invited=user,
                  token=token, min_chars=limits.MIN_PASSWORD_CHARS)


@router.post("/invite/{token}", response_model=None)
def accept_invitation(request: Request, session: SessionDep, state: StateDep, now: NowDep,
                      token: str, password: Password, name: Short = "") -> Response:
    """Set the password and sign in."""
    try:
        signed = accounts.accept(session, token[:200], password=password, name=name,
                                 now=now, ip=client_ip(request),
                                 user_agent=request.headers.get("user-agent", ""))
    except AccountError as exc:
        user = accounts.link_user(session, token[:200], accounts.INVITE, now)
        if user is None:
            return render(request, "error.html", status_code=404, title="Link not valid",
                          message=str(exc))
        return render(request, "invite_accept.html", status_code=400, title="Join afterword",
                      invited=user, token=token, error=str(exc), typed_name=name,
                      min_chars=limits.MIN_PASSWORD_CHARS)
    return _signed_in(state, signed, "/")


@router.get("/reset", response_class=HTMLResponse)
def reset_request_page(request: Request) -> HTMLResponse:
    """Ask for a reset link."""
    return render(request, "reset_request.html", title="Forgotten password", sent=False)


@router.post("/reset", response_class=HTMLResponse)
def reset_request(request: Request, session: SessionDep, state: StateDep, now: NowDep,
                  email: Email) -> HTMLResponse:
    """Mail a reset link (the answer is the same whether or not the address has one)."""
    try:
        credentials.request_reset(session, email, now=now, ip=client_ip(request),
                                  env=state.env)
    except AccountError as exc:
        return render(request, "reset_request.html", status_code=429,
                      title="Forgotten password", sent=False, error=str(exc))
    return render(request, "reset_request.html", title="Forgotten password", sent=True)


@router.get("/reset/{token}", response_class=HTMLResponse)
def reset_page(request: Request, session: SessionDep, now: NowDep, token: str) -> HTMLResponse:
    """Choose a new password from a reset link."""
    user = accounts.link_user(session, token[:200], accounts.RESET, now)
    if user is None:
        return render(request, "error.html", status_code=404, title="Link not valid",
                      message="This reset link is unknown, used or expired; ask for a new "
                              "one at /reset.")
    return render(request, "reset.html", title="New password", token=token,
                  min_chars=limits.MIN_PASSWORD_CHARS)


@router.post("/reset/{token}", response_model=None)
def reset(request: Request, session: SessionDep, state: StateDep, now: NowDep, token: str,
          password: Password) -> Response:
    """Set the new password: every other session ends, this browser signs in."""
    try:
        signed = credentials.reset_password(session, token[:200], password=password, now=now,
                                            ip=client_ip(request),
                                            user_agent=request.headers.get("user-agent", ""))
    except AccountError as exc:
        return render(request, "reset.html", status_code=400, title="New password",
                      token=token, error=str(exc), min_chars=limits.MIN_PASSWORD_CHARS)
    return _signed_in(state, signed, "/")


def _account_page(request: Request, session: SessionDep, user: AccountDep,
                  status_code: int = 200, **context: object) -> HTMLResponse:
    return render(request, "account.html", status_code=status_code, title="Your account",
                  user=user, tokens=credentials.api_tokens(session, user),
                  sessions=accounts.sessions_of(session, user),
                  feed=calendar_feed.feed_of(session, user),
                  min_chars=limits.MIN_PASSWORD_CHARS, **context)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, session: SessionDep, user: AccountDep) -> HTMLResponse:
    """Your API tokens, your sessions, your password."""
    return _account_page(request, session, user)


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token(request: Request, session: SessionDep, user: AccountDep, now: NowDep,
                 name: Short) -> HTMLResponse:
    """A new API token, shown once on the page that answers."""
    try:
        made = credentials.create_api_token(session, user, name=name, now=now,
                                            ip=client_ip(request))
    except AccountError as exc:
        return _account_page(request, session, user, status_code=400, error=str(exc))
    return _account_page(request, session, user, new_secret=made.secret,
                         notice=f"Token “{made.row.name}” made: copy it now, it is not "
                                "shown again.")


@router.post("/account/tokens/{token_id}/revoke", response_model=None)
def revoke_token(request: Request, session: SessionDep, user: AccountDep, now: NowDep,
                 token_id: RowId) -> Response:
    """Revoke one of your API tokens."""
    credentials.revoke_api_token(session, user, token_id, now=now, ip=client_ip(request))
    return RedirectResponse("/account", status_code=303)


@router.post("/account/sign-out-everywhere", response_model=None)
def sign_out_everywhere(request: Request, session: SessionDep, user: AccountDep,
                        now: NowDep) -> Response:
    """End every session of this account, this browser's included."""
    accounts.sign_out_everywhere(session, user, now=now, ip=client_ip(request))
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/account/password", response_class=HTMLResponse)
def change_password(request: Request, session: SessionDep, user: AccountDep, now: NowDep,
                    current: Password, new: Password) -> HTMLResponse:
    """A new password; every other browser is signed out."""
    try:
        credentials.change_password(session, user, current=current, new=new, now=now,
                                    keep=request.cookies.get(SESSION_COOKIE),
                                    ip=client_ip(request))
    except AccountError as exc:
        return _account_page(request, session, user, status_code=400, error=str(exc))
    return _account_page(request, session, user,
                         notice="Password changed; other browsers are signed out.")
