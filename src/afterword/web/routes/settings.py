"""Settings: you, mail servers, signature, dialect, thresholds, holidays (see settings_file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from afterword import settings_file
from afterword.config import ConfigError, Settings
from afterword.services import account_settings
from afterword.services.mail_test import (
    MailTestError,
    send_account_test_email,
    send_test_email,
)
from afterword.settings_file import SettingError
from afterword.web import data
from afterword.web.deps import (
    NowDep,
    SessionDep,
    SettingsDep,
    StateDep,
    current_account,
    fresh_settings,
    get_now,
    get_settings,
    render,
)
from afterword.web.mail_access import mail_access
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])


class _Typed:
    """The settings as the form showed them, with what was just typed in place (so a refused
    value stays in its field next to its error instead of vanishing)."""

    def __init__(self, settings: Settings, typed: dict[str, str]) -> None:
        self._settings, self._typed = settings, typed

    def __getattr__(self, name: str) -> Any:
        if name in self._typed and name != "thresholds":
            return self._typed[name]
        return getattr(self._settings, name)


def _page(request: Request, session: SessionDep, state: StateDep, status_code: int = 200,
          typed: dict[str, str] | None = None, **extra: object) -> HTMLResponse:
    try:
        settings = get_settings(request)  # server mode: the signed-in account's
    except ConfigError as exc:
        return render(request, "error.html", status_code=500, title="Settings unreadable",
                      message=str(exc))
    return render(request, "settings.html", status_code=status_code, title="Settings",
                  s=_Typed(settings, typed) if typed else settings,
                  signature=settings.signature or data.get_pref(session, "signature"),
                  config_path=None if state.server else str(settings_file.target(state.config)),
                  **extra)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, session: SessionDep, state: StateDep) -> HTMLResponse:
    """The settings form."""
    return _page(request, session, state)


@router.post("/settings", response_class=HTMLResponse)
async def save_settings(request: Request, session: SessionDep,
                        state: StateDep) -> HTMLResponse:
    """Save the settings, the signature among them, to afterword.toml.

    The form is read here; checking and writing the file run in the thread pool.
    """
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if state.server:
        return await run_in_threadpool(_save_own, request, session, state, form)
    path = settings_file.target(state.config)
    try:
        await run_in_threadpool(_save, path, form)
    except SettingError as exc:
        return _page(request, session, state, status_code=400, error=str(exc),
                     field_errors={exc.field: str(exc)} if exc.field else {}, typed=form)
    except (ConfigError, OSError) as exc:
        return _page(request, session, state, status_code=400, error=str(exc), typed=form)
    state.reload()
    return _page(request, session, state, notice=f"Saved to {path}.")


def _save_own(request: Request, session: SessionDep, state: StateDep,
              form: dict[str, str]) -> HTMLResponse:
    """Server mode: the form goes to the account's own settings, never the server's file."""
    try:
        account_settings.save_form(session, current_account(request, session), form,
                                   now=get_now())
    except SettingError as exc:
        return _page(request, session, state, status_code=400, error=str(exc),
                     field_errors={exc.field: str(exc)} if exc.field else {}, typed=form)
    except ConfigError as exc:
        return _page(request, session, state, status_code=400, error=str(exc), typed=form)
    fresh_settings(request, session)
    return _page(request, session, state, notice="Saved to your account.")


def _save(path: Path, form: dict[str, str]) -> None:
    settings_file.write(path, settings_file.merged(settings_file.read(path), form))


@router.post("/settings/test-email", response_class=HTMLResponse)
def test_email(request: Request, session: SessionDep, state: StateDep, settings: SettingsDep,
               now: NowDep) -> HTMLResponse:
    """Send a test email to the user's own address with the saved mail settings."""
    try:
        if state.server:
            sent = send_account_test_email(session, current_account(request, session),
                                           settings, now)
        else:
            settings, password = mail_access(request, session, settings)
            sent = send_test_email(settings, now, password=password)
    except MailTestError as exc:
        return _page(request, session, state, status_code=400,
                     error=f"The test email was not sent: {exc}")
    return _page(request, session, state,
                 notice=f"Test email sent to {', '.join(sent.accepted)}: look in your inbox.")
