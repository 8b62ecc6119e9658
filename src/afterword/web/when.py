"""Times in the user's own zone, in words, the zone said once per page.

The local app runs on the user's computer, so the user's zone is the computer's: `TZ`
when it names a zone, else the system's. Every relative word on a page ("today",
"tomorrow", "3 days ago") is reckoned in that zone, the same calendar as the header date,
and a date outside the current year always carries its year.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from afterword.services.clock import user_zone

__all__ = [
    "day_text",
    "hours_text",
    "long_day",
    "moment_text",
    "relative",
    "user_zone",
    "zone_label",
]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def zone_label(now: datetime, zone: tzinfo) -> str:
    """How the page states its zone once: "EST (America/New_York)" or "UTC+01:00"."""
    local = now.astimezone(zone)
    key = getattr(zone, "key", None)
    short = local.tzname() or local.strftime("UTC%z")
    return f"{short} ({key})" if key and key != short else short


def day_text(day: date, today: date, *, weekday: bool = True) -> str:
    """ "Fri 11 Dec", with the year when it is not this year ("Thu 20 Nov 2025")."""
    text = f"{day:%a} {day.day} {day:%b}" if weekday else f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def long_day(day: date) -> str:
    """ "Friday 4 December 2026" (the page header)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {day:%B %Y}"


def relative(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """`moment` from `now` in the user's calendar: "today 14:00", "tomorrow 09:30",
    "yesterday 09:30", "Monday 09:30" (this week), "Fri 11 Dec 09:30", "3 days ago",
    "on Thu 20 Nov 2025" (long ago). No zone name: the page states it once."""
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    days = (local.date() - today).days
    clock = f"{local:%H:%M}"
    if days in (-1, 0, 1):
        return f"{('yesterday', 'today', 'tomorrow')[days + 1]} {clock}"
    if 1 < days < 7:
        return f"{WEEKDAYS[local.weekday()]} {clock}"
    if -14 <= days < -1:
        return f"{-days} days ago"
    if days < -14:
        return f"on {day_text(local.date(), today)}"
    return f"{day_text(local.date(), today)} {clock}"


def hours_text(hours: float) -> str:
    """ "17 hours", "1 hour", "less than an hour"."""
    if hours < 1:
        return "less than an hour"
    whole = int(hours)
    return "1 hour" if whole == 1 else f"{whole} hours"


def moment_text(moment: datetime, now: datetime, zone: tzinfo, theirs: tzinfo) -> str:
    """ "tomorrow 12:00 (09:00 their time)", "Fri 4 Dec 16:05": a moment on the user's
    clock, with the recipient's when their clock reads otherwise."""
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    days = (local.date() - today).days
    mine = relative(moment, now, zone) if -1 <= days < 7 else \
        f"{day_text(local.date(), today)} {local:%H:%M}"
    there = moment.astimezone(theirs)
    if there.utcoffset() == local.utcoffset():
        return mine
    return f"{mine} ({there:%H:%M} their time)"
