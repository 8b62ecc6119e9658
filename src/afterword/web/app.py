"""The FastAPI application: routers per resource, static files, security, error pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from afterword.config import ConfigError
from afterword.limits import LimitError
from afterword.server.settings import ServerEnv, server_env
from afterword.store.db import StoreError, busy_message
from afterword.store.repo import Invalid, NotFound
from afterword.web.deps import ScopedRequests, SignInRequired, WebState, get_session, render
from afterword.web.extension_cors import ExtensionCors
from afterword.web.routes import (
    account,
    admin,
    api,
    applications,
    audit,
    backup,
    calendar,
    coaching,
    data_rights,
    deletion,
    delivery,
    health,
    identity,
    languagetool,
    mail_settings,
    notes,
    people,
    settings,
    today,
)
from afterword.web.security import (
    HostGuard,
    SecurityHeaders,
    allowed_hosts,
    check_bind,
    server_hosts,
)


def create_app(database_url: str | None = None, *, config: Path | None = None,
               host: str = "127.0.0.1", port: int = 8000, worker: bool = False,
               server: bool = False) -> FastAPI:
    """The web app over `database_url` (default: the configured one), answering only as
    the loopback address it is bound to (`host`:`port`; any other host is refused).

    With `worker`, the due work (scheduled sends …) runs in a background thread while the
    app is up (`afterword serve`); without it (tests, embedding) nothing is sent by itself.
    With `server`, it is the multi-user server: accounts, every request's session scoped
    to the signed-in account, any address allowed to bind, the Host names of
    AFTERWORD_ALLOWED_HOSTS (and loopback) answered.
    """
    from afterword.services.checking import prewarm_server
    from afterword.services.tracker import database_url as configured
    from afterword.store.db import engine_for
    from afterword.web import tables  # noqa: F401  (registers the web tables)

    if not server:
        check_bind(host)
    state = WebState(url="", config=config, server=server,
                     env=server_env() if server else ServerEnv())
    state.url = database_url or configured(state.settings())
    engine_for(state.url)  # migrate now: a broken database fails at start, in one line
    prewarm_server(state.settings().dialect)  # the lint threads build while pages load
    app = FastAPI(title="afterword", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url=None if server else "/openapi.json",  # server: nothing public
                  description="Thank-you notes and follow-ups after a job interview.",
                  lifespan=_with_worker(state) if worker else None,
                  # server mode: every route resolves the account first (a page that needs
                  # none of the session still answers only to the signed-in)
                  dependencies=[Depends(get_session, scope="function")] if server else None)
    app.state.web = state
    app.mount("/static", StaticFiles(directory=str(files("afterword.web") / "static")),
              name="static")
    modules = (today, identity, applications, people, notes, delivery, calendar, settings,
               backup, deletion, api, languagetool, health)
    accounts_pages = (account, data_rights, mail_settings, audit, coaching, admin)
    for module in (*modules, *accounts_pages) if server else modules:
        app.include_router(module.router)
    if server:
        app.add_middleware(ScopedRequests)  # the services' own sessions: the account's scope
    app.add_middleware(ExtensionCors)  # inside the Host check: /v2/ for extensions only
    hosts = server_hosts(state.env, port) if server else allowed_hosts(port)
    app.add_middleware(HostGuard, hosts=hosts)
    app.add_middleware(SecurityHeaders, https=server and state.env.secure_cookies)
    _handlers(app)
    return app


def _with_worker(state: WebState) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A lifespan that runs the worker loop in the background while the app is up."""
    from afterword.services.clock import now
    from afterword.services.worker import Loop

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        loop = Loop(state.url, state.settings, tick=state.settings().worker_tick_seconds,
                    clock=now)
        loop.start()
        try:
            yield
        finally:
            loop.stop()

    return lifespan


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _problem(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    titles = {403: "Not allowed", 404: "Not found", 400: "Something is not right",
              503: "Busy, try again"}
    return render(request, "error.html", status_code=status,
                  title=titles.get(status, "Something went wrong"), message=message)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, exc: SignInRequired) -> Response:
        if exc.bearer or _wants_json(request):
            return JSONResponse({"detail": "sign in first (a session, or an API token as "
                                 "'Authorization: Bearer …')"}, status_code=401,
                                headers={"www-authenticate": "Bearer"})
        if request.method != "GET":  # a form sent after the session ended: sign in again
            return RedirectResponse("/sign-in", status_code=303)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?{urlencode({'next': target})}", status_code=303)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _problem(request, 404, str(exc))

    @app.exception_handler(Invalid)
    async def invalid(request: Request, exc: Invalid) -> Response:
        return _problem(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _problem(request, 503, str(exc))

    @app.exception_handler(ConfigError)
    async def config_error(request: Request, exc: ConfigError) -> Response:
        return _problem(request, 503, f"the settings cannot be used: {exc} (fix them in "
                        "afterword.toml or the AFTERWORD_ environment variables)")

    @app.exception_handler(LimitError)
    async def over_limit(request: Request, exc: LimitError) -> Response:
        return _problem(request, 422 if _wants_json(request) else 400, str(exc))

    @app.exception_handler(OperationalError)
    async def busy(request: Request, exc: OperationalError) -> Response:
        return _problem(request, 503, busy_message(exc) or "the database could not answer; "
                        "try again in a moment")

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError) -> Response:
        return _problem(request, 422 if _wants_json(request) else 400,
                        "the request is nested too deeply (limit: nesting depth)")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "that did not work"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is no page at {request.url.path}"
        return _problem(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where or 'request'}: {first.get('msg', 'invalid')}"
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=422)
        return _problem(request, 400, message)
