"""Time words seen from when the note will be read: 'this afternoon', 'yesterday', 'on
Thursday', computed from the planned send time (now, or the scheduled `send_at`).

A draft written on the evening of the interview and sent the next morning must say
"yesterday", not "this afternoon" (AW405). `refresh` rewrites the words of a stored
draft for a new send time, touching only the phrases a draft could have used.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from afterword.compose.dates import format_date
from afterword.model import Context

WEEK = 7


def _interview(ctx: Context) -> datetime | None:
    return ctx.interview.start or ctx.interview.end


def _part(moment: datetime) -> str:
    return "morning" if moment.hour < 12 else "afternoon" if moment.hour < 17 else "evening"


def relative_when(ctx: Context, send_at: datetime | None, dialect: str, *,
                  handwritten: bool = False) -> str:
    """How the interview is named from `send_at`: '' when no interview time is recorded.

    Same day: 'this morning'; next day: 'yesterday afternoon'; within the week: 'on
    Thursday'; later (or no send time): 'on June 2'. A card is read days after it is
    written, so it never says 'today' or 'yesterday'.
    """
    when = _interview(ctx)
    if when is None:
        return ""
    dated = f"on {format_date(when.date(), dialect, reference=_ref(send_at, when))}"
    if send_at is None:
        return dated
    days = (send_at.astimezone(when.tzinfo).date() - when.date()).days
    if days < 0:
        return dated
    if handwritten:
        return f"on {when:%A}" if days < WEEK - 1 else dated
    if days == 0:
        return f"this {_part(when)}"
    if days == 1:
        return f"yesterday {_part(when)}"
    return f"on {when:%A}" if days < WEEK else dated


def _ref(send_at: datetime | None, when: datetime) -> date:
    return (send_at or when).date()


def _candidates(ctx: Context, dialect: str) -> list[str]:
    """Every phrase `relative_when` could have produced for this interview."""
    when = _interview(ctx)
    if when is None:
        return []
    part = _part(when)
    day = when.date()
    dated = {f"on {format_date(day, d, reference=r)}" for d in ("american", "british", dialect)
             for r in (day, date(day.year + 1, 1, 1))}
    return sorted({f"this {part}", f"yesterday {part}", f"on {when:%A}", *dated},
                  key=len, reverse=True)


def refresh(text: str, ctx: Context, send_at: datetime | None, dialect: str, *,
            handwritten: bool = False) -> str:
    """`text` with the draft's time words made right for `send_at` (else unchanged)."""
    wanted = relative_when(ctx, send_at, dialect, handwritten=handwritten)
    phrases = _candidates(ctx, dialect)
    if not wanted or not phrases:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b",
                         re.IGNORECASE)

    def swap(match: re.Match[str]) -> str:
        found = match.group(1)
        return wanted[:1].upper() + wanted[1:] if found[:1].isupper() else wanted

    return pattern.sub(swap, text)


def is_stale(text: str, ctx: Context, send_at: datetime | None, dialect: str, *,
             handwritten: bool = False) -> bool:
    """Whether `text`'s time words are wrong for `send_at`."""
    return refresh(text, ctx, send_at, dialect, handwritten=handwritten) != text
