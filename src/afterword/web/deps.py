"""Named dependencies (FastAPI-template style) and the page renderer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from sqlalchemy.orm import Session

from afterword.config import Settings, load_settings
from afterword.services import clock
from afterword.store.db import session_scope
from afterword.web import when
from afterword.web.security import csrf_token

# Autoescaping on for every template, whatever its name: names are text, never markup.
templates = Jinja2Templates(env=Environment(
    loader=FileSystemLoader(str(files("afterword.web") / "templates")), autoescape=True))


def _day(day: date) -> str:
    """A date in words, with its year unless it is this year (in the user's zone)."""
    return when.day_text(day, clock.now().astimezone(when.user_zone()).date())


templates.env.filters["day"] = _day


@dataclass
class WebState:
    """What the app was started with: its database, its config file, its settings cache."""

    url: str
    config: Path | None = None
    _settings: Settings | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        """The settings in force (read once; `reload` after they are edited)."""
        if self._settings is None:
            self._settings = load_settings(self.config)
        return self._settings

    def reload(self) -> None:
        """Forget the cached settings."""
        self._settings = None


def web_state(request: Request) -> WebState:
    """The app's WebState."""
    state: WebState = request.app.state.web
    return state


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: committed when the handler returns, rolled back on error."""
    with session_scope(web_state(request).url) as session:
        yield session


def get_settings(request: Request) -> Settings:
    """The settings in force."""
    return web_state(request).settings()


def get_now() -> datetime:
    """Now (AFTERWORD_NOW pins it)."""
    return clock.now()


# scope="function": the session commits before the response goes out, so a redirect never
# reaches the browser ahead of the rows it points to (seen in CI as "no note 1").
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NowDep = Annotated[datetime, Depends(get_now)]
StateDep = Annotated[WebState, Depends(web_state)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with the CSRF token and the current path."""
    context.setdefault("error", None)
    if name == "application_new.html":  # the time zone select of the add form
        from afterword.timezones import zone_names

        context.setdefault("zones", zone_names())
    context.setdefault("notice", None)
    return templates.TemplateResponse(
        request, name, {"csrf_token": csrf_token(request), "path": request.url.path, **context},
        status_code=status_code)

# A row id in a path: anything outside SQLite's INTEGER range is simply not found (422).
RowId = Annotated[int, PathParam(ge=0, le=2**63 - 1)]
