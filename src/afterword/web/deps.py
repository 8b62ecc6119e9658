"""Named dependencies (FastAPI-template style) and the page renderer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Send
from starlette.types import Scope as ASGIScope

from afterword.config import Settings, load_settings
from afterword.server.settings import ServerEnv, settings_for
from afterword.server.tokens import SESSION_COOKIE
from afterword.services import clock
from afterword.services.signed_in import account_key, bind_request, organisation_of
from afterword.store.accounts import User
from afterword.store.db import session_scope
from afterword.store.scope import Scope, act, acting_as, scope_of, strict
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
    server: bool = False  # server mode: accounts, every session scoped to the signed-in one
    env: ServerEnv = field(default_factory=ServerEnv)
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


# Server mode: what a signed-out visitor may reach (route paths as declared); every other
# route needs an account (pages redirect to /sign-in, the JSON API answers 401).
PUBLIC_PATHS = frozenset({"/sign-in", "/sign-out", "/invite/{token}", "/reset",
                          "/reset/{token}", "/healthz", "/v2/languages", "/v2/check",
                          "/calendar/{token}.ics"})  # the feed's token is its own key


class SignInRequired(Exception):
    """A request that needs an account and carries none (a page: off to /sign-in)."""

    def __init__(self, *, bearer: bool = False) -> None:
        super().__init__("sign in first")
        self.bearer = bearer


def bearer_token(request: Request) -> str | None:
    """The `Authorization: Bearer …` token, if the request carries one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def client_ip(request: Request) -> str:
    """The client's address, as the server saw it (behind a proxy: uvicorn's
    --forwarded-allow-ips makes it the real client's)."""
    return request.client.host if request.client else ""


class ScopedRequests:
    """Pure ASGI middleware (server mode): each request acts in a box of its own
    (`store.scope.acting_as`, signed out until `get_session` knows the account), so the
    sessions services open themselves inside it (scheduling, sending) are scoped as the
    request's own session is."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: ASGIScope, receive: Receive, send: Send) -> None:
        """Run the request inside its own box."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with acting_as(Scope.signed_out()):
            await self.app(scope, receive, send)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: committed when the handler returns, rolled back on error.

    In server mode the session is strict and bound to the scope of whoever the request
    carries (`request.state.account`), so every query of every route is scoped."""
    state = web_state(request)
    with session_scope(state.url) as session:
        if state.server:
            _sign_request(request, state, session)
        yield session


def _sign_request(request: Request, state: WebState, session: Session) -> None:
    strict(session)
    bearer = bearer_token(request)
    user = bind_request(session, cookie=request.cookies.get(SESSION_COOKIE), bearer=bearer,
                        now=clock.now())
    act(scope_of(session) or Scope.signed_out())  # and the sessions services open inside
    request.state.account = user
    # for the page frame, even after an error has rolled the session back
    request.state.account_email = user.email if user is not None else None
    request.state.account_role = user.role if user is not None else None
    request.state.account_key = account_key(user) if user is not None else None
    org = organisation_of(session, user) if user is not None else None
    request.state.settings = settings_for(user, org, state.settings())
    route = request.scope.get("route")
    if user is None and (bearer is not None or getattr(route, "path", "") not in PUBLIC_PATHS):
        raise SignInRequired(bearer=bearer is not None)


def get_settings(request: Request) -> Settings:
    """The settings in force (server mode: the signed-in account's, `settings_for`)."""
    state = web_state(request)
    if state.server:
        found: Settings | None = getattr(request.state, "settings", None)
        return found if found is not None else state.settings()
    return state.settings()


def fresh_settings(request: Request, session: Session) -> Settings:
    """The settings in force after the request changed them (the account's own, again, in
    server mode; the file's, re-read, otherwise)."""
    state = web_state(request)
    user: User | None = getattr(request.state, "account", None)
    if not state.server or user is None:
        state.reload()
        return state.settings()
    request.state.settings = settings_for(user, organisation_of(session, user),
                                          state.settings())
    return get_settings(request)


def owner_key(request: Request) -> str:
    """Whose caches and live sessions a request uses: the signed-in account's in server
    mode, the one local user's otherwise."""
    found: str | None = getattr(request.state, "account_key", None)
    return found or "local"


def current_account(request: Request, _session: Annotated[
        Session, Depends(get_session, scope="function")]) -> User:
    """The signed-in account (server mode); SignInRequired when there is none."""
    user: User | None = getattr(request.state, "account", None)
    if user is None:
        raise SignInRequired(bearer=bearer_token(request) is not None)
    return user


def require_role(*roles: str) -> Callable[..., User]:
    """A dependency: the signed-in account, if its role is one of `roles` (else 403)."""

    def dependency(user: Annotated[User, Depends(current_account)]) -> User:
        if user.role not in roles:
            raise HTTPException(403, "your account cannot use this page")
        return user

    return dependency


def get_now() -> datetime:
    """Now (AFTERWORD_NOW pins it)."""
    return clock.now()


# scope="function": the session commits before the response goes out, so a redirect never
# reaches the browser ahead of the rows it points to (seen in CI as "no note 1").
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NowDep = Annotated[datetime, Depends(get_now)]
StateDep = Annotated[WebState, Depends(web_state)]
AccountDep = Annotated[User, Depends(current_account)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with the CSRF token and the current path."""
    context.setdefault("error", None)
    if name == "application_new.html":  # the time zone select of the add form
        from afterword.timezones import zone_names

        context.setdefault("zones", zone_names())
    context.setdefault("notice", None)
    context.setdefault("account_email", getattr(request.state, "account_email", None))
    context.setdefault("account_role", getattr(request.state, "account_role", None))
    context.setdefault("server", web_state(request).server)
    return templates.TemplateResponse(
        request, name, {"csrf_token": csrf_token(request), "path": request.url.path, **context},
        status_code=status_code)

# A row id in a path: anything outside SQLite's INTEGER range is simply not found (422).
RowId = Annotated[int, PathParam(ge=0, le=2**63 - 1)]
