"""`afterword server init|serve|worker`: afterword for a career centre, on PostgreSQL
(docs/server.md). The settings come from the AFTERWORD_* environment, as in a service unit."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from afterword.cli.common import OneLineErrors, fail

server_app = typer.Typer(name="server", no_args_is_help=True, cls=OneLineErrors,
                         help="Run afterword as a multi-user server for a career centre "
                              "(PostgreSQL, accounts, workers).")

UrlOption = Annotated[str | None, typer.Option(
    "--database-url", help="postgresql+psycopg://user@host/db (default: "
                           "AFTERWORD_DATABASE_URL).")]


def server_url(url: str | None) -> str:
    """The server's database: the option, else AFTERWORD_DATABASE_URL; PostgreSQL only."""
    from afterword.server.worker import WorkerError, conninfo

    chosen = url or os.environ.get("AFTERWORD_DATABASE_URL")
    if not chosen:
        raise fail("no database: pass --database-url or set AFTERWORD_DATABASE_URL "
                   "(postgresql+psycopg://user@host/afterword)")
    try:
        conninfo(chosen)
    except WorkerError as exc:
        raise fail(str(exc)) from None
    except Exception:
        raise fail("--database-url is not a database URL "
                   "(postgresql+psycopg://user@host/afterword)") from None
    return chosen


@server_app.command("init")
def init_command(
    database_url: UrlOption = None,
    organisation: Annotated[str | None, typer.Option(
        help="Create this organisation (the career centre) with its first admin.")] = None,
    admin_email: Annotated[str | None, typer.Option(help="The first admin's email.")] = None,
    admin_name: Annotated[str, typer.Option(help="The first admin's name.")] = "",
) -> None:
    """Create (or bring up to date) the schema — afterword's tables and the workers' queue —
    and, with --organisation and --admin-email, the organisation and its first admin (the
    password from AFTERWORD_ADMIN_PASSWORD, else asked for twice)."""
    from afterword.server.worker import apply_schema
    from afterword.store.db import StoreError, engine_for

    url = server_url(database_url)
    if (organisation is None) != (admin_email is None):
        raise fail("--organisation and --admin-email go together (the first admin of the "
                   "organisation)")
    try:
        engine_for(url)
        created = apply_schema(url)
    except StoreError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # the driver's own errors: one line, nothing half-done
        raise fail(f"cannot prepare the database: {str(exc).splitlines()[0]}") from None
    typer.echo("schema up to date" + ("; the workers' queue was created" if created else ""))
    if organisation is not None and admin_email is not None:
        _first_admin(url, organisation, admin_email, admin_name)


def _first_admin(url: str, organisation: str, email: str, name: str) -> None:
    """The organisation and its admin, through the accounts service."""
    from afterword.services import accounts
    from afterword.services.clock import now
    from afterword.store.db import session_scope
    from afterword.store.repo import Invalid

    password = os.environ.get("AFTERWORD_ADMIN_PASSWORD") or typer.prompt(
        f"Password for {email}", hide_input=True, confirmation_prompt=True)
    try:
        with session_scope(url) as session:
            admin = accounts.create_organisation(session, name=organisation,
                                                 admin_email=email, admin_name=name,
                                                 password=password, now=now())
            shown = (admin.email, admin.organisation_id)
    except Invalid as exc:
        raise fail(str(exc)) from None
    typer.echo(f"organisation {shown[1]} created; its admin {shown[0]} can sign in now")


@server_app.command("serve")
def serve_command(
    database_url: UrlOption = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on (behind a reverse proxy: 127.0.0.1).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Web processes (about one per core).")] = 2,
    forwarded_allow_ips: Annotated[str, typer.Option(
        help="Proxies whose X-Forwarded-For/-Proto are believed (comma list).")] = "127.0.0.1",
) -> None:
    """Serve the multi-user web app with several processes (uvicorn workers); the due work
    runs in `afterword server worker`, not here."""
    import uvicorn

    from afterword.config import ConfigError
    from afterword.server import APP_FACTORY, DATABASE_ENV, PORT_ENV
    from afterword.server.settings import server_env
    from afterword.server.worker import has_schema
    from afterword.store.db import StoreError, engine_for

    url = server_url(database_url)
    try:
        env = server_env()
        engine_for(url)  # migrated once here, before the processes start
        if not has_schema(url):
            raise fail("the database is not prepared: run `afterword server init` first")
    except (ConfigError, StoreError) as exc:
        raise fail(str(exc)) from None
    os.environ[DATABASE_ENV], os.environ[PORT_ENV] = url, str(port)
    typer.echo(f"afterword server: {workers} web process(es) on http://{host}:{port}/ "
               f"(links in mail point to {env.base_url}; Ctrl+C stops)")
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port,
                workers=workers, proxy_headers=True, forwarded_allow_ips=forwarded_allow_ips,
                log_level="info", timeout_graceful_shutdown=20)


@server_app.command("worker")
def worker_command(
    database_url: UrlOption = None,
    name: Annotated[str | None, typer.Option(help="This worker's name in the logs.")] = None,
    concurrency: Annotated[int, typer.Option(
        min=1, max=64, help="Accounts worked on at once by this process.")] = 2,
    tick: Annotated[float | None, typer.Option(
        help="Seconds between looks for due work (default: worker_tick_seconds).")] = None,
) -> None:
    """Do every account's due work (scheduled sends, retries, reconcile, digests, invitation
    and reset mails) with procrastinate; run several, anywhere. SIGTERM stops it cleanly."""
    import logging
    import socket

    from afterword.config import ConfigError, load_settings
    from afterword.server.worker import WorkerError, run
    from afterword.store.db import StoreError

    url = server_url(database_url)
    try:
        base = load_settings(None, search=False)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    every = base.worker_tick_seconds if tick is None else tick
    if every <= 0:
        raise fail("--tick must be more than 0 seconds")
    label = name or f"{socket.gethostname()}:{os.getpid()}"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    typer.echo(f"afterword server worker {label}: due work every {every:g} s, "
               f"{concurrency} at once (Ctrl+C stops)")
    try:
        run(url, lambda: base, name=label, concurrency=concurrency, tick=every)
    except (WorkerError, StoreError) as exc:
        raise fail(str(exc)) from None


@server_app.command("demo")
def demo_command(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=8, help="Web processes.")] = 2,
) -> None:
    """A demo career centre on a throwaway PostgreSQL (gone when you stop it): an admin,
    two coaches, twelve candidates with their interviews and notes; serves it and prints who
    to sign in as (`make server-demo`)."""
    import subprocess
    import sys

    import uvicorn

    from afterword.server import APP_FACTORY, DATABASE_ENV, PORT_ENV
    from afterword.server.demo import DEMO_PASSWORD, DemoError, seed, throwaway_cluster
    from afterword.server.secrets import KEYS_ENV, new_key
    from afterword.server.worker import apply_schema
    from afterword.services.clock import now
    from afterword.store.db import engine_for

    base = f"http://127.0.0.1:{port}"
    os.environ.update({"AFTERWORD_BASE_URL": base, "AFTERWORD_INSECURE_COOKIES": "1"})
    os.environ.setdefault(KEYS_ENV, new_key())
    try:
        with throwaway_cluster() as url:
            engine_for(url)
            apply_schema(url)
            logins = seed(url, now=now())
            typer.echo(f"afterword demo centre at {base}/ — every password: {DEMO_PASSWORD}")
            for login in logins:
                typer.echo(f"  {login.role:<9} {login.name:<18} {login.email}")
            os.environ[DATABASE_ENV], os.environ[PORT_ENV] = url, str(port)
            worker = subprocess.Popen([sys.executable, "-m", "afterword", "server", "worker",
                                       "--name", "demo"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
            try:
                uvicorn.run(APP_FACTORY, factory=True, host="127.0.0.1", port=port,
                            workers=workers, log_level="warning")
            finally:
                worker.terminate()
                worker.wait(30)
    except DemoError as exc:
        raise fail(str(exc)) from None


def register(app: typer.Typer) -> None:
    """Add the `server` group to `app` (cli/main.py adds `rotate-key` to it too)."""
    app.add_typer(server_app)
