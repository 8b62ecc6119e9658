"""Say what happens next (AW401): the timeline they gave, or when you will follow up."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.rules.timeline import mentions
from afterword.report import Severity


def _has_timeline(facts: Facts) -> bool:
    """A reply date or a follow-up plan with a concrete time (same analysis as AW402's)."""
    return any(m.role in ("reply", "follow_up") for m in mentions(facts))


def _check_follow_up(facts: Facts) -> Iterator[Hit]:
    if _has_timeline(facts):
        return
    expected = facts.context.expected_reply_by
    hint = (
        f"They said to expect a decision by {expected:%B} {expected.day}; say so and that you "
        "will check in after that."
        if expected else "Say when you will follow up, or the timeline they gave you."
    )
    yield Hit(f"The note does not say what happens next. {hint}")


RULES = (
    Rule(
        code="AW401",
        name="no-follow-up-mention",
        severity=Severity.WARNING,
        summary="Say when you will hear or follow up.",
        rationale=(
            "Hiring takes time and candidates slip through the cracks. Ask about the timeline "
            "in the interview, reflect it in the note, and say when you will check in."
        ),
        check=_check_follow_up,
        kinds=frozenset({"thank_you", "check_in"}),
        examples=(
            flags(
                'vague',
                (
                    'You mentioned a decision by December 4, so I will check in on December 7 if '
                    'I have not heard from you before then.'
                ),
                'I hope to hear from you soon.',
            ),
            passes('date and plan'),
        ),
    ),
)
