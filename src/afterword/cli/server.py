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
def init_command(database_url: UrlOption = None) -> None:
    """Create (or bring up to date) the schema: afterword's tables and the workers' queue."""
    from afterword.server.worker import apply_schema
    from afterword.store.db import StoreError, engine_for

    url = server_url(database_url)
    try:
        engine_for(url)
        created = apply_schema(url)
    except StoreError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # the driver's own errors: one line, nothing half-done
        raise fail(f"cannot prepare the database: {str(exc).splitlines()[0]}") from None
    typer.echo("schema up to date" + ("; the workers' queue was created" if created else ""))


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
    typer.echo(f"afterword server worker {label}: due work every {every:g} s, "
               f"{concurrency} at once (Ctrl+C stops)")
    try:
        run(url, lambda: base, name=label, concurrency=concurrency, tick=every)
    except (WorkerError, StoreError) as exc:
        raise fail(str(exc)) from None


def register(app: typer.Typer) -> None:
    """Add the `server` group to `app` (cli/main.py adds `rotate-key` to it too)."""
    app.add_typer(server_app)
