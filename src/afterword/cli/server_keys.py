"""`afterword server rotate-key`: re-encrypt every stored mail password with the newest key of
AFTERWORD_SECRET_KEYS (`--new-key` prints a fresh key to put in front first)."""

from __future__ import annotations

from typing import Annotated

import typer

from afterword.cli.common import fail


def rotate_key_command(
    database_url: Annotated[str | None, typer.Option(
        "--database-url", help="The server's database (default: AFTERWORD_DATABASE_URL).")]
    = None,
    new_key: Annotated[bool, typer.Option(
        "--new-key", help="Only print a fresh key (put it first in AFTERWORD_SECRET_KEYS, "
                          "restart, then run rotate-key).")] = False,
) -> None:
    """Re-encrypt the stored mail and relay passwords with the first AFTERWORD_SECRET_KEYS key."""
    from afterword.server import secrets

    if new_key:
        typer.echo(secrets.new_key())
        return
    from sqlalchemy.exc import SQLAlchemyError

    from afterword.config import ConfigError, load_settings
    from afterword.services.clock import now
    from afterword.store.db import StoreError, session_scope
    from afterword.store.scope import system

    try:
        box = secrets.vault()
        url = database_url or load_settings().database_url
        if not url:
            raise fail("no database: pass --database-url or set AFTERWORD_DATABASE_URL")
        with session_scope(url) as session:
            system(session, "rotate-key re-encrypts every account's secrets")
            done = secrets.rotate_all(session, box, now=now())
    except (secrets.SecretsUnavailable, secrets.UnreadableSecret, ConfigError,
            StoreError) as exc:
        raise fail(str(exc)) from None
    except SQLAlchemyError as exc:
        raise fail(f"the database could not be used: {type(exc).__name__}: "
                   f"{str(exc).splitlines()[0][:200]}") from None
    typer.echo(f"re-encrypted the mail passwords of {done.users} account(s) and the relay "
               f"passwords of {done.organisations} organisation(s) with the newest key; the "
               "older keys can now be removed from AFTERWORD_SECRET_KEYS")


def register(server: typer.Typer) -> None:
    """Add `rotate-key` to the `afterword server` group."""
    server.command("rotate-key")(rotate_key_command)
