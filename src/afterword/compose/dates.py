"""Dates and spelling in the writer's dialect, and when the next message is due.

Pure functions: the current time is always passed in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from afterword.config import Thresholds
from afterword.model import Context, PreviousNote
from afterword.plan.business import add_business_days, is_business_day, next_business_day

_POLICY = Thresholds()  # the defaults of the one policy object, when a caller passes none

_BRITISH = {
    "organization": "organisation", "organizations": "organisations",
    "organize": "organise", "organized": "organised", "organizing": "organising",
    "prioritize": "prioritise",
    "prioritizing": "prioritising", "realize": "realise", "realized": "realised",
    "color": "colour", "favorite": "favourite", "center": "centre",
    "behavior": "behaviour", "program": "programme", "honor": "honour",
    "recognize": "recognise", "recognized": "recognised",
}


def spell(word: str, dialect: str) -> str:
    """`word` in the dialect's spelling ("organization" -> "organisation" for British)."""
    if dialect != "british":
        return word
    return _BRITISH.get(word, word)


def format_date(day: date, dialect: str, *, reference: date | None = None) -> str:
    """'June 2' (American) or '2 June' (British), with the year when it differs."""
    month = f"{day:%B}"
    with_year = reference is not None and reference.year != day.year
    if dialect == "british":
        return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"
    return f"{month} {day.day}, {day.year}" if with_year else f"{month} {day.day}"


def format_long(day: date, dialect: str, *, reference: date | None = None) -> str:
    """The date with its weekday: 'Wednesday, June 3' / 'Wednesday 3 June'."""
    short = format_date(day, dialect, reference=reference)
    return f"{day:%A} {short}" if dialect == "british" else f"{day:%A}, {short}"


def interview_day(context: Context) -> date | None:
    """The local date of the interview, if recorded."""
    when = context.interview.end or context.interview.start
    return when.date() if when else None


def first_check_in(context: Context, country: str | None,
                   business_days: int = _POLICY.business_days_without_date) -> date | None:
    """The business day after the date they gave, else N business days after the interview."""
    if context.expected_reply_by is not None:
        return next_business_day(context.expected_reply_by, country)
    day = interview_day(context)
    if day is None:
        return None
    return add_business_days(day, business_days, country)


def earlier_check_ins(context: Context, country: str | None,
                      business_days: int = _POLICY.business_days_without_date,
                      ) -> list[PreviousNote]:
    """Previous notes that were check-ins (by kind, or sent on/after the first check-in day)."""
    first = first_check_in(context, country, business_days)
    out: list[PreviousNote] = []
    for note in context.previous_notes:
        late = (note.kind is None and note.sent_at is not None and first is not None
                and _local(note.sent_at, context).date() >= first)
        if note.kind == "check_in" or late:
            out.append(note)
    return out


def _local(moment: datetime, context: Context) -> datetime:
    zone = (context.interview.end or context.interview.start or moment).tzinfo
    return moment.astimezone(zone)


def _zone_of(context: Context, now: datetime | None) -> datetime | None:
    return context.interview.end or context.interview.start or now


def check_in_send_at(
    context: Context, country: str | None, now: datetime | None,
    policy: Thresholds = _POLICY,
) -> datetime | None:
    """When the next check-in should go: after the date they gave and spaced from the last."""
    gaps = policy.check_in_gaps_days or _POLICY.check_in_gaps_days
    first = first_check_in(context, country, policy.business_days_without_date)
    ref = _zone_of(context, now)
    if first is None or ref is None:
        return None
    at = datetime.combine(first, time(10, 0), tzinfo=ref.tzinfo)
    sent = sorted(n.sent_at for n in context.previous_notes if n.sent_at is not None)
    count = len(earlier_check_ins(context, country, policy.business_days_without_date))
    if sent and count:
        gap = gaps[min(count - 1, len(gaps) - 1)]
        at = max(at, _local(sent[-1], context) + timedelta(days=gap, hours=1))
    if sent:
        at = max(at, _local(sent[-1], context) + timedelta(hours=1))
    if now is not None:
        at = max(at, now.astimezone(at.tzinfo))
    while not is_business_day(at.date(), country):
        at = datetime.combine(at.date() + timedelta(days=1), time(10, 0), tzinfo=at.tzinfo)
    return at


def thank_you_send_at(context: Context, now: datetime | None,
                      policy: Thresholds = _POLICY) -> datetime | None:
    """Three hours after the interview ended, never inside the first-hour policy (nor
    before `now`)."""
    end = context.interview.end or context.interview.start
    if end is None:
        return now
    at = end + max(timedelta(hours=3), timedelta(minutes=policy.thank_you_min_minutes + 1))
    return max(at, now.astimezone(at.tzinfo)) if now is not None else at
