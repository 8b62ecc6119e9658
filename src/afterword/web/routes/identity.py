"""Who you are (the first-run question, before anything else) and the answers to what an
imported invite asked: "is this attendee you?", "is this the same person?"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword import settings_file
from afterword.config import ConfigError
from afterword.identity import identity_of
from afterword.services import account_settings, identity
from afterword.services.invites import Question, answer
from afterword.web.deps import (
    NowDep,
    RowId,
    SessionDep,
    StateDep,
    current_account,
    get_settings,
    render,
)
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
Text = Annotated[str, Form(max_length=5000)]


def welcome(request: Request, state: StateDep, status_code: int = 200,
            error: str | None = None, **typed: object) -> HTMLResponse:
    """The who-you-are form (values as typed, or as stored)."""
    mine = identity_of(get_settings(request))
    values = {"user_name": mine.name or "", "user_emails": "\n".join(mine.emails),
              "signature": mine.signature or "", **typed}
    return render(request, "welcome.html", status_code=status_code, title="Who you are",
                  v=values, error=error)


@router.get("/welcome", response_class=HTMLResponse)
def welcome_page(request: Request, state: StateDep) -> HTMLResponse:
    """Your name, your addresses, your signature."""
    return welcome(request, state)


@router.post("/welcome", response_model=None)
def save_welcome(request: Request, state: StateDep, session: SessionDep, now: NowDep,
                 user_name: Text = "", user_emails: Text = "",
                 signature: Text = "") -> Response:
    """Save who you are to afterword.toml (the file the CLI reads; in server mode, to your
    account), then on to the start."""
    try:
        me = identity.checked(user_name, identity.split_addresses(user_emails), signature)
        if state.server:
            account_settings.save_identity(session, current_account(request, session), me,
                                           now=now)
        else:
            identity.save(settings_file.target(state.config), me)
    except (identity.IdentityError, ConfigError, OSError) as exc:
        return welcome(request, state, status_code=400, error=str(exc), user_name=user_name,
                       user_emails=user_emails, signature=signature)
    state.reload()
    return RedirectResponse("/", status_code=303)


@router.post("/applications/{app_id}/answers", response_model=None)
def answer_question(request: Request, app_id: RowId, session: SessionDep, state: StateDep,
                    now: NowDep,
                    kind: Annotated[str, Form(pattern="^(is_you|same_name)$")],
                    name: Annotated[str, Form(max_length=300)],
                    email: Annotated[str, Form(max_length=320)],
                    reply: Annotated[str, Form(pattern="^(yes|no)$")],
                    role: Annotated[str, Form(max_length=20)] = "interviewer",
                    title: Annotated[str, Form(max_length=300)] = "") -> Response:
    """Apply one answer: yes-it-is-me joins your addresses; a no records the person."""
    question = Question(kind, app_id, name, email or None, role, title or None)
    yes = reply == "yes"
    if yes and kind == "is_you":
        try:
            if state.server:
                account_settings.add_address(session, current_account(request, session),
                                             get_settings(request), email, now=now)
            else:
                identity.add_address(settings_file.target(state.config), state.settings(),
                                     email)
        except (identity.IdentityError, ConfigError, OSError) as exc:
            return render_error(exc)
        state.reload()
    answer(session, question, yes=yes)
    return RedirectResponse(f"/applications/{app_id}", status_code=303)


def render_error(exc: Exception) -> Response:
    """A one-line problem as a 400."""
    from fastapi.responses import PlainTextResponse

    return PlainTextResponse(str(exc), status_code=400)
