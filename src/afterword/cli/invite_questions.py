"""What only the user can say about an imported invite, asked on a terminal.

"Is sam@school.edu you?" — yes: it joins your addresses (never stored as a person); no: the
attendee is recorded.  "Priya Raman <new@…> has the name of Priya Raman <old@…>: the same
person?" — yes: nothing added; no: recorded as another person.  Without a terminal nobody
is added silently: the line says what was left out and how to settle it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from afterword.cli.asking import confirm, interactive
from afterword.cli.common import err, fail

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from afterword.config import Settings
    from afterword.services.invites import Question


def settle(session: Session, questions: Iterable[Question], settings: Settings,
           config: Path | None, own: set[str]) -> None:
    """Ask each question (terminal) or say what was left out (no terminal)."""
    from afterword.services.invites import answer

    for question in questions:
        if question.email and question.email in own:
            continue
        if question.kind == "no_name":  # nothing to ask: a note that the address was skipped
            err.print(Text(f"skipped {question.email}: no name in the invite or the address",
                           style="yellow"))
            continue
        if not interactive():
            err.print(Text(f"left out: {question.text} ({_hint(question)})", style="yellow"))
            continue
        yes = confirm(question.text, default=question.kind == "is_you")
        if yes and question.kind == "is_you" and question.email:
            _add_own(settings, config, question.email)
            own.add(question.email)
        answer(session, question, yes=yes)


def _hint(question: Question) -> str:
    if question.kind == "is_you":
        return f"if it is you: afterword setup --add-email {question.email}; otherwise import " \
               "again on a terminal to add them"
    return "import again on a terminal to say whether it is the same person"


def _add_own(settings: Settings, config: Path | None, email: str) -> None:
    from afterword.config import ConfigError
    from afterword.services.identity import IdentityError, add_address
    from afterword.settings_file import target

    try:
        add_address(target(config), settings, email)
    except (IdentityError, ConfigError, OSError) as exc:
        raise fail(str(exc)) from None
