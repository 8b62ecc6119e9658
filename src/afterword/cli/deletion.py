"""`afterword delete APP`: remove an application and everything under it, after asking."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from afterword.cli.common import ConfigOption, err, fail, out, store


def delete_command(
    app_id: Annotated[int, typer.Argument(help="The application's id (see `afterword list`).",
                                          min=1, max=2**63 - 1)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
    config: ConfigOption = None,
) -> None:
    """Delete an application with its interviews, people, moments, notes and plans."""
    from afterword.services.deletion import BACKUP_HINT, DeletionRefused, delete_application
    from afterword.services.deletion import describe as describe_deletion

    if not yes:
        with store(config) as (session, _):
            what = describe_deletion(session, app_id)
        err.print(Text(f"This deletes {what.text}. It cannot be undone; a backup first: "
                       f"{BACKUP_HINT}"))
        if not sys.stdin.isatty():
            raise fail("not deleted: confirm on a terminal, or add --yes")
        if not typer.confirm("Delete it?", default=False):
            raise fail("not deleted")
    with store(config) as (session, _):
        try:
            done = delete_application(session, app_id)
        except DeletionRefused as exc:
            raise fail(str(exc)) from None
    out.print(Text(f"Deleted {done.text}.", style="green"))


def register(app: typer.Typer) -> None:
    """Add `delete` to the app."""
    app.command("delete")(delete_command)
