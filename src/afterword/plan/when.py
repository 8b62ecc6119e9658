"""When to send a note: the words a person types ("tomorrow 9am"), and the policy's best moment.

Pure functions: the caller passes `now` and the recipient's time zone; nothing reads a clock.

* `parse_when` reads an ISO date-time (an offset in it is kept; without one it is read in
  `zone`) or words: a day (`today`, `tomorrow`, a weekday name, optionally after `next` or
  `on`, or an ISO date) and a time (`9am`, `9:30 pm`, `09:30`, `noon`), in either order.
  Words are always read in `zone` — the recipient's time zone.
* `best_moment` is the first moment the follow-up policy (`PlanSettings`) likes: a
  business morning (`morning_minutes` from `business_start`) in the recipient's zone; for a
  thank-you never within `min_minutes` of the interview's end (the AW403 threshold) and
  never after its window closes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from afterword.plan.business import is_business_day, thank_you_window
from afterword.plan.policy import PlanSettings

__all__ = ["WhenError", "best_moment", "parse_when", "window_closes"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^(?:at\s+)?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_SEARCH_DAYS = 21


class WhenError(ValueError):
    """A time that cannot be read, or one that is not ahead of now; the message says why."""


def _weekday(word: str) -> int | None:
    for number, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word.rstrip(".")):
            return number
    return None


def _parse_time(text: str) -> time | None:
    text = text.strip().lower()
    if text in {"noon", "midday", "at noon"}:
        return time(12, 0)
    found = _TIME.match(text)
    if found is None:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif found[2] is None:
        return None  # a bare "9" is too ambiguous: say 9am or 09:00
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _parse_day(words: list[str], today: date) -> tuple[date | None, int | None] | None:
    """(a fixed date, or a weekday to look for) from the day words; None if unreadable."""
    words = [w for w in words if w not in {"on", "next", "this"}]
    if not words:
        return (None, None)
    if len(words) != 1:
        return None
    word = words[0]
    if word == "today":
        return (today, None)
    if word == "tomorrow":
        return (today + timedelta(days=1), None)
    weekday = _weekday(word)
    if weekday is not None:
        return (None, weekday)
    try:
        return (date.fromisoformat(word), None)
    except ValueError:
        return None


def _split(text: str) -> tuple[list[str], time] | None:
    """The day words and the time, trying each split point (time first or last)."""
    words = text.replace(",", " ").split()
    for cut in range(len(words) + 1):
        for day_words, time_words in ((words[:cut], words[cut:]), (words[cut:], words[:cut])):
            at = _parse_time(" ".join(time_words))
            if at is not None and all(_parse_time(w) is None for w in day_words):
                return day_words, at
    return None


def parse_when(text: str, *, now: datetime, zone: tzinfo) -> datetime:
    """The moment `text` names, aware; WhenError unless it is readable and after `now`."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise WhenError("say when: an ISO time (2026-11-23T09:00) or words (tomorrow 9am)")
    if len(cleaned) > 100:
        raise WhenError("that time is too long to be a time: say e.g. 'tomorrow 9am'")
    moment = _iso(text.strip(), zone) or _words(cleaned, now.astimezone(zone))
    if moment is None:
        raise WhenError(f"cannot read {text.strip()[:60]!r} as a time: use an ISO time "
                        "(2026-11-23T09:00) or words such as 'tomorrow 9am', 'Monday 09:30'")
    if moment <= now:
        raise WhenError(f"{moment:%A %d %B %Y %H:%M} ({moment.tzname()}) is not in the future")
    return moment


def _iso(text: str, zone: tzinfo) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _words(text: str, local_now: datetime) -> datetime | None:
    split = _split(text)
    if split is None:
        return None
    day_words, at = split
    day = _parse_day(day_words, local_now.date())
    if day is None:
        return None
    fixed, weekday = day
    zone = local_now.tzinfo
    if fixed is not None:
        return datetime.combine(fixed, at, tzinfo=zone)
    for ahead in range(8):
        candidate_day = local_now.date() + timedelta(days=ahead)
        if weekday is not None and candidate_day.weekday() != weekday:
            continue
        candidate = datetime.combine(candidate_day, at, tzinfo=zone)
        if candidate > local_now:
            return candidate
    return None


def window_closes(interview_end: datetime, zone: tzinfo, policy: PlanSettings) -> datetime:
    """When a thank-you's window closes (`business.thank_you_window`'s due), in `zone`."""
    return thank_you_window(interview_end.astimezone(zone), policy.country,
                            due_hours=policy.thank_you_due_hours,
                            ceiling_hours=policy.thank_you_ceiling_hours)[0]


def best_moment(*, now: datetime, zone: tzinfo, policy: PlanSettings, min_minutes: int,
                interview_end: datetime | None, thank_you: bool) -> datetime:
    """The first business morning (their zone) that suits the note; WhenError if none does.

    A morning runs `morning_minutes` from `business_start`; a thank-you goes no sooner than
    `min_minutes` after the interview and inside its window, and when no morning is left in
    the window, at the first business hour left in it.
    """
    earliest, closes = now, None
    if thank_you and interview_end is not None:
        earliest = max(now, interview_end + timedelta(minutes=min_minutes))
        closes = window_closes(interview_end, zone, policy)
    morning = _first_in(earliest, zone, policy, closes,
                        min(timedelta(minutes=policy.morning_minutes),
                            _span(policy, policy.business_end)))
    if morning is None and closes is not None:
        morning = _first_in(earliest, zone, policy, closes, _span(policy, policy.business_end))
    if morning is None:
        raise WhenError("no good moment is left: the thank-you window closed "
                        + (f"{closes:%A %d %B %H:%M} their time" if closes else "")
                        + "; send it now if you still want to")
    return morning


def _span(policy: PlanSettings, until: time) -> timedelta:
    return datetime.combine(date.min, until) - datetime.combine(date.min, policy.business_start)


def _first_in(earliest: datetime, zone: tzinfo, policy: PlanSettings,
              closes: datetime | None, span: timedelta) -> datetime | None:
    """The first moment ≥ earliest in [business_start, +span) of a business day, ≤ closes."""
    local = earliest.astimezone(zone)
    for ahead in range(_SEARCH_DAYS):
        day = local.date() + timedelta(days=ahead)
        if closes is not None and day > closes.astimezone(zone).date():
            return None
        if not is_business_day(day, policy.country, policy.subdiv):
            continue
        opens = datetime.combine(day, policy.business_start, tzinfo=zone)
        candidate = max(opens, earliest).astimezone(zone)
        if candidate < opens + span and (closes is None or candidate <= closes):
            return candidate
    return None
