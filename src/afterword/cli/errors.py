"""One-line errors for every command (kept apart from the app so commands import it freely)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.text import Text

from afterword.report import ExitCode

err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: ExitCode = ExitCode.BAD_INPUT) -> typer.Exit:
    """Print a one-line error on stderr; return the Exit to raise."""
    err.print(Text(f"afterword: error: {message}", style="bold red"))
    return typer.Exit(int(code))
