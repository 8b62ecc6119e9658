"""`afterword serve`: the local web app on http://127.0.0.1:8000 (SQLite by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from afterword.cli.common import fail


def serve_command(
    host: Annotated[str, typer.Option(
        help="Loopback address to listen on (127.0.0.1, localhost or ::1): only this "
             "computer connects.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open/--no-open",
                                               help="Open it in your browser.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Run the web app: Today, applications, compose with live checks, settings, backup."""
    import threading
    import webbrowser

    import uvicorn

    from afterword.config import ConfigError
    from afterword.store.db import StoreError
    from afterword.web import create_app
    from afterword.web.security import BindRefused, check_bind

    try:
        check_bind(host)
        app = create_app(config=config, host=host, port=port, worker=True)
    except (BindRefused, ConfigError, StoreError) as exc:
        raise fail(str(exc)) from None
    url = f"http://{'[::1]' if host.strip('[]') == '::1' else host}:{port}/"
    typer.echo(f"afterword is running at {url} (Ctrl+C stops it)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to `app`."""
    app.command("serve")(serve_command)
