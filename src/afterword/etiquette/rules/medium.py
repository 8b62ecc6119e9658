"""No mailed card when the decision is days away (AW602)."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity


def _needs_dates(facts: Facts) -> str | None:
    if facts.context.expected_reply_by is None:
        return "no reply date on record (context 'expected_reply_by')"
    if facts.context.send_at is None and facts.context.interview.end is None:
        return "no send or interview date"
    return None


def _check_slow(facts: Facts) -> Iterator[Hit]:
    ctx = facts.context
    if ctx.drop_off:
        return
    expected = ctx.expected_reply_by
    when = ctx.send_at or ctx.interview.end
    assert expected is not None and when is not None
    days = (expected - when.date()).days
    if days < facts.thresholds.mailed_min_days:
        yield Hit(
            f"The decision is due in {days} days and post takes several. Email the thanks now "
            "(and send the card as well if you like).",
        )


RULES = (
    Rule(
        code="AW602", name="slow-medium", severity=Severity.WARNING,
        summary="No mailed card when the decision is days away.",
        rationale=(
            "Post takes days. When the decision is expected within a week, email now; a card "
            "can follow as an extra."
        ),
        check=_check_slow, needs=_needs_dates, media=frozenset({"handwritten"}),
        examples=(
            flags(
                'decision in 3 days',
                medium='handwritten',
                drop_off=False,
                expected_reply_by='2026-11-24',
            ),
            passes(
                'decision two weeks out',
                medium='handwritten',
            ),
        ),
    ),
)
