"""`afterword serve`: the local web app on http://127.0.0.1:8000 (SQLite by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from afterword.cli.common import fail


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback: only this "
                                           "computer can connect).")] = "127.0.0.1",
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

    try:
        app = create_app(config=config, host=host)
    except (ConfigError, StoreError) as exc:
        raise fail(str(exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"afterword: warning: listening on {host}: other computers may connect",
                   err=True)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    typer.echo(f"afterword is running at {url} (Ctrl+C stops it)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to `app`."""
    app.command("serve")(serve_command)
