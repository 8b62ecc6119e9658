"""A closing line and the writer's name (AW504)."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity


def _check_signoff(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    name = facts.context.candidate.name
    closing = f"Best regards,\n{name}" if name else "Best regards,\n<your name>"
    if note.signoff is None:
        yield Hit(
            "The note has no closing line and name. End with, e.g., '"
            + closing.replace("\n", " / ") + "'.",
            suggestions=(closing,) if name else (),
        )
    elif note.signer is None:
        yield Hit(
            f"'{note.closing}' is not followed by your name. Sign the note.",
            start=note.signoff.start, end=note.signoff.end,
            suggestions=(f"{note.closing},\n{name}",) if name else (),
        )


RULES = (
    Rule(
        code="AW504", name="missing-sign-off", severity=Severity.WARNING,
        summary="End with a closing line and your name.",
        rationale=(
            "A note that stops without a closing and a name looks unfinished, or like part of "
            "it was lost when pasting."
        ),
        check=_check_signoff,
        examples=(
            flags('no sign-off', 'Best regards,\nSam Ortiz\n', ''),
            flags('closing without a name', 'Sam Ortiz\n', ''),
            passes('signed'),
        ),
    ),
)
