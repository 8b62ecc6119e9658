"""`afterword worker`: do the due work — scheduled sends, retries, recovery, reconcile, digest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from afterword.cli.common import fail


def worker_command(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False,
    tick: Annotated[float | None, typer.Option(
        help="Seconds between passes (default: the worker_tick_seconds setting).")] = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Send scheduled notes when they come due, and the rest of the due work; Ctrl+C stops."""
    from afterword.cli.common import clock, outbox_errors, password_for, settings_from
    from afterword.services.tracker import database_url
    from afterword.services.worker import Loop, run_once

    settings = settings_from(config)
    url = database_url(settings)
    password = password_for("smtp", settings) if settings.smtp_user else None
    imap_password = password_for("imap", settings) if settings.imap_user else None
    if once:
        with outbox_errors():
            for done in run_once(url, settings, now=clock(), password=password,
                                 imap_password=imap_password):
                typer.echo(f"{done.key}: {done.outcome}" + (f" ({done.detail})"
                                                             if done.detail else ""))
        return
    every = settings.worker_tick_seconds if tick is None else tick
    if every <= 0:
        raise fail("--tick must be more than 0 seconds")
    typer.echo(f"afterword worker: looking for due work every {every:g} s (Ctrl+C stops)")
    loop = Loop(url, lambda: settings, tick=every, clock=clock,
                secrets=lambda _settings: (password, imap_password))
    try:
        loop.run()
    except KeyboardInterrupt:
        loop.stop()


def register(app: typer.Typer) -> None:
    """Add `worker` to `app`."""
    app.command("worker")(worker_command)
