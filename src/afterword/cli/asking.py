"""Questions on a terminal that ask again after a bad answer instead of ending the session."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.text import Text

from afterword.cli.common import err, fail

T = TypeVar("T")
MAX_TRIES = 5


def interactive() -> bool:
    """Whether there is someone at a terminal to ask."""
    return sys.stdin.isatty()


def ask(question: str, read: Callable[[str], T], *, default: str | None = None,
        flag: str | None = None) -> T:
    """Ask until `read` accepts the answer (its ValueError message is shown, then again)."""
    if not interactive():
        raise fail(f"missing {flag or question} (prompts are only asked on a terminal)")
    for _ in range(MAX_TRIES):
        answer = str(typer.prompt(question, default=default, show_default=default is not None))
        try:
            return read(answer)
        except ValueError as exc:
            err.print(Text(f"  {' '.join(str(exc).split())} — try again", style="yellow"))
    raise fail(f"no usable answer to '{question}' after {MAX_TRIES} tries")


def confirm(question: str, *, default: bool = True) -> bool:
    """A yes/no question (only on a terminal; False without one)."""
    return interactive() and bool(typer.confirm(question, default=default))
