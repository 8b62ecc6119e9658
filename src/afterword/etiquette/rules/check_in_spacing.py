"""Check-ins after the date they gave, and weeks apart (AW404)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.rules.timeline import local_time
from afterword.plan.business import add_business_days, next_business_day
from afterword.report import Severity


def _needs_send(facts: Facts) -> str | None:
    if facts.context.send_at is None:
        return "no send time (context 'send_at')"
    if facts.context.expected_reply_by is None and facts.context.interview.end is None:
        return "no reply date or interview end to time the check-in against"
    return None


def _check_too_soon(facts: Facts) -> Iterator[Hit]:
    ctx = facts.context
    country = facts.settings.holidays_country
    assert ctx.send_at is not None
    sent = local_time(ctx.send_at, facts)
    if ctx.expected_reply_by is not None:
        first = next_business_day(ctx.expected_reply_by, country)
    else:
        end = ctx.interview.end
        assert end is not None
        first = add_business_days(end.date(), facts.thresholds.business_days_without_date, country)
    if sent.date() < first:
        yield Hit(
            f"A check-in on {sent:%B} {sent.day} comes before they said to expect news. Wait "
            f"until {first:%A, %B} {first.day}.",
        )
        return
    earlier = sorted(
        (n for n in ctx.previous_notes if n.sent_at and n.sent_at < ctx.send_at),
        key=lambda n: n.sent_at or sent,
    )
    if not earlier:
        return
    check_ins = [n for n in earlier if n.kind == "check_in" or (
        n.kind is None and n.sent_at and local_time(n.sent_at, facts).date() >= first)]
    if not check_ins:
        return
    gaps = facts.thresholds.check_in_gaps_days
    gap = gaps[min(len(check_ins) - 1, len(gaps) - 1)]
    last = earlier[-1].sent_at
    assert last is not None
    if sent - last < timedelta(days=gap):
        days = (sent - last).days
        yield Hit(
            f"Only {days} days since your last message; space check-ins at least {gap} days "
            "apart and bring something new each time.",
        )


RULES = (
    Rule(
        code="AW404",
        name="check-in-too-soon",
        severity=Severity.WARNING,
        summary="Check in after the date they gave, and weeks apart.",
        rationale=(
            "The first check-in belongs on the business day after the date they gave (or "
            "seven business days after the interview), later ones two, then three or more "
            "weeks apart. Sooner reads as overeager."
        ),
        check=_check_too_soon,
        needs=_needs_send,
        kinds=frozenset({"check_in"}),
        examples=(
            flags(
                'before the date they gave',
                kind='check_in',
                send_at='2026-12-02T10:00:00-05:00',
            ),
            passes(
                'business day after the date',
                kind='check_in',
                send_at='2026-12-07T10:00:00-05:00',
            ),
        ),
    ),
)
