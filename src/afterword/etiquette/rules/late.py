"""The thank-you sent within its window (AW403)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from functools import partial

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.plan.business import thank_you_window
from afterword.report import Severity


def _needs_times(facts: Facts) -> str | None:
    if facts.context.send_at is None:
        return "no send time (context 'send_at')"
    if facts.context.interview.end is None and facts.context.interview.start is None:
        return "no interview time (context 'interview.end')"
    return None


def _span(hours: float) -> str:
    """ "30 hours", "5 days", "about 2 years": the send time is planned or now, not past."""
    if hours < 72:
        return f"{hours:.0f} hours"
    days = hours / 24
    if days < 60:
        return f"{days:.0f} days"
    if days < 730:
        return f"about {days / 30.44:.0f} months"
    return f"about {days / 365.25:.0f} years"


def _check_late(facts: Facts) -> Iterator[Hit]:
    # Only the context and the settings decide it: a session works it out once.
    yield from facts.lasting("AW403", partial(_hits, facts))


def _hits(facts: Facts) -> tuple[Hit, ...]:
    return tuple(_late(facts))


def _late(facts: Facts) -> Iterator[Hit]:
    ctx = facts.context
    end = ctx.interview.end or ctx.interview.start
    assert end is not None and ctx.send_at is not None
    sent = ctx.send_at.astimezone(end.tzinfo)
    limits = facts.thresholds
    due, ceiling = thank_you_window(end, facts.settings.holidays_country,
                                    due_hours=limits.thank_you_due_hours,
                                    ceiling_hours=limits.thank_you_ceiling_hours)
    first_hour = end + timedelta(minutes=facts.thresholds.thank_you_min_minutes)
    hours = (sent - end).total_seconds() / 3600
    # Times said on the writer's clock: the zone of the send time they gave.
    clock = ctx.send_at.tzinfo
    if sent < first_hour:
        yield Hit(
            "Going out within an hour of the interview, the note reads as written beforehand. "
            f"Send it later today (after {first_hour.astimezone(clock):%H:%M}).",
            severity=Severity.SUGGESTION,
        )
    elif sent > ceiling:
        yield Hit(
            f"Going out {_span(hours)} after the interview, past the "
            f"{limits.thank_you_ceiling_hours}-hour ceiling. Send it "
            "now anyway, and keep the apology out of it.",
        )
    elif sent > due:
        yield Hit(
            f"Going out {_span(hours)} after the interview; within "
            f"{limits.thank_you_due_hours} hours (by {due.astimezone(clock):%a %H:%M}) is best.",
            severity=Severity.SUGGESTION,
        )


RULES = (
    Rule(
        code="AW403",
        name="late-thank-you",
        severity=Severity.WARNING,
        summary="Thank them within a day, not within the hour.",
        rationale=(
            "Send the thanks while the conversation is fresh: within 24 hours of the end of "
            "the interview (same afternoon for a morning one, the next business morning for "
            "an afternoon one), with 48 hours the ceiling. One sent within the first hour "
            "looks pre-written."
        ),
        check=_check_late,
        needs=_needs_times,
        kinds=frozenset({"thank_you"}),
        examples=(
            flags('four days late', send_at='2026-11-24T10:00:00-05:00'),
            flags('within the hour', send_at='2026-11-20T15:45:00-05:00'),
            passes('next morning'),
        ),
    ),
)
