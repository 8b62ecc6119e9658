"""The plumbing every command shares: consoles, one-line errors, the store, the clock, and
the delivery commands' settings, passwords and refusals.

Command modules import from here and never from each other, so there is no import cycle
between them. A usage error (an unknown choice, a missing argument) is one line on stderr
with exit status 2, like every other bad input (docs/check-contract.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from afterword.report import ExitCode

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from afterword.config import Settings

# Typer raises its own (vendored) click's exceptions; BadParameter is a UsageError.
UsageError: type[Exception] = typer.BadParameter.__mro__[1]
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ConfigOption = Annotated[Path | None, typer.Option(help="An afterword.toml to use.")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON for scripts.")]


def fail(message: str, code: ExitCode = ExitCode.BAD_INPUT) -> typer.Exit:
    """Print a one-line error on stderr; return the Exit to raise."""
    err.print(Text(f"afterword: error: {' '.join(message.split())}", style="bold red"))
    return typer.Exit(int(code))


class OneLineErrors(TyperGroup):
    """A command group whose usage errors are one line, exit status 2 (no usage panel)."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: Any = None, **extra: Any) -> Any:
        """Parse the top-level options; a usage error is one line."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as exc:
            raise _usage(exc) from None

    def invoke(self, ctx: Any) -> Any:
        """Run the subcommand; its usage errors (at any depth) are one line."""
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise _usage(exc) from None


def _usage(exc: Exception) -> typer.Exit:
    ctx = getattr(exc, "ctx", None)
    where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    message = str(getattr(exc, "format_message", exc.__str__)()).replace("Value error, ", "")
    return fail(f"{message}{where}")


@contextmanager
def store(config: Path | None = None) -> Iterator[tuple[Session, Settings]]:
    """A session on the configured database, with every storage error as one line."""
    from afterword.config import ConfigError, load_settings
    from afterword.services.tracker import database_url
    from afterword.store.db import StoreError, session_scope
    from afterword.store.repo import Invalid, NotFound

    try:
        settings = load_settings(config)
        with session_scope(database_url(settings)) as session:
            yield session, settings
    except (ConfigError, StoreError, NotFound, Invalid) as exc:
        raise fail(str(exc)) from None


def clock() -> datetime:
    """Now (AFTERWORD_NOW pins it)."""
    from afterword.services.clock import ClockError, now

    try:
        return now()
    except ClockError as exc:
        raise fail(str(exc)) from None


def settings_from(config: Path | None) -> Settings:
    """The settings (a bad file is one line, exit 2)."""
    from afterword.config import ConfigError, load_settings

    try:
        return load_settings(config)
    except ConfigError as exc:
        raise fail(str(exc)) from None


def password_for(service: str, settings: Settings) -> str | None:
    """From the environment, the keyring, or (on a terminal only) a prompt; never stored."""
    import sys

    from afterword.mail import find_password

    user = settings.smtp_user if service == "smtp" else settings.imap_user
    if not user:
        return None
    found = find_password(service, user)
    if found.value:
        return found.value
    if found.note:
        err.print(f"afterword: note: {found.note}; the password must come from "
                  f"AFTERWORD_{service.upper()}_PASSWORD or a prompt")
    if sys.stdin.isatty():
        return str(typer.prompt(f"{service.upper()} password for {user}", hide_input=True))
    return None


@contextmanager
def outbox_errors() -> Iterator[None]:
    """A delivery's refusals as one line: exit 2 for bad input, 1 when the send failed."""
    from afterword.mail import DeliveryError
    from afterword.services.outbox import OutboxError
    from afterword.store.db import StoreError
    from afterword.store.repo import NotFound

    try:
        yield
    except (OutboxError, StoreError, NotFound) as exc:
        raise fail(str(exc)) from None
    except DeliveryError as exc:
        raise fail(str(exc), ExitCode.FINDINGS) from None
