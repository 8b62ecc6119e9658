"""Times and dates as people type them: "tomorrow 10am", "Dec 3 2pm", "next Tuesday at noon".

Pure: the caller passes `now` (aware) and gets an aware datetime in the zone it names.
Understood, case-insensitive, in any order of day and time:

- ISO 8601: ``2026-11-20T14:00``, ``2026-11-20 14:00``, ``2026-11-20T14:00-05:00``;
- days: ``today``, ``tonight``, ``tomorrow``, ``yesterday``, ``the day after tomorrow``,
  weekday names (``fri``, ``friday``, ``next friday``, ``last friday``), ``in 3 days``,
  ``in 2 weeks``, month names (``Dec 3``, ``3 December``, ``December 3rd, 2026``) and
  ``12/3`` or ``12/3/2026`` (month first);
- times: ``10am``, ``10 a.m.``, ``10:30``, ``14.30``, ``2 pm``, ``noon``, ``midnight``,
  ``morning`` (9:00), ``afternoon`` (14:00), ``evening`` (18:00).

A day without a year is the nearest such day (``prefer="nearest"``, for an interview that
may be past or coming), the next one (``"future"``, for a reply date or a send time) or the
last one (``"past"``).  Anything else is a `TimeWordsError` whose message says what was
not understood.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

Prefer = Literal["nearest", "future", "past"]

MONTHS = {name: n for n, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
WEEKDAYS = {name: n for n, names in enumerate(
    [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
     ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
     ("sun", "sunday")]) for name in names}
NAMED_TIMES = {"noon": time(12), "midday": time(12), "midnight": time(0), "morning": time(9),
               "afternoon": time(14), "evening": time(18), "tonight": time(19)}
RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1,
                 "the day after tomorrow": 2, "day after tomorrow": 2}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?)?\b", re.I)
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                        r"(?:,?\s+(?P<y>\d{4})\b)?", re.I)
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?"
                        r"(?:,?\s+(?P<y>\d{4})\b)?", re.I)
_NUMERIC = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b")
_WEEKDAY_WORD = re.compile(rf"\b(?:(?P<rel>next|last|this|on)\s+)?(?P<w>{_WEEKDAY})\b\.?", re.I)
_IN = re.compile(r"\bin\s+(?P<n>\d{1,3}|a|an|one|two|three)\s+(?P<u>days?|weeks?)\b", re.I)
_RELATIVE = re.compile(
    r"\b(?:" + "|".join(sorted(RELATIVE_DAYS, key=len, reverse=True)).replace(" ", r"\s+")
    + r")\b", re.I)
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?:[:.h](?P<min>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?"
                    r"(?=$|[\s,;])", re.I)
_NAMED = re.compile(r"\b(?:" + "|".join(NAMED_TIMES) + r")\b", re.I)
_FILLER = re.compile(r"\b(?:at|on|the|of|in\s+the|around|about|by|@)\b|[,;]", re.I)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


class TimeWordsError(ValueError):
    """Words that are not a day and time afterword understands; the message is one line."""


def parse_when(text: str, *, now: datetime, zone: ZoneInfo | None = None,
               prefer: Prefer = "nearest", default_time: time | None = None) -> datetime:
    """The moment `text` names, aware, in `zone` (default: `now`'s zone)."""
    tz = zone or now.tzinfo or ZoneInfo("UTC")
    stripped = " ".join(text.split())
    if not stripped:
        raise TimeWordsError("no day or time given")
    iso = _iso(stripped, tz)
    if iso is not None:
        return iso
    rest, day = _take_day(stripped, now.astimezone(tz).date(), prefer)
    rest, at = _take_time(rest)
    if _FILLER.sub(" ", rest).strip():
        raise TimeWordsError(f"'{text.strip()[:60]}' is not a day and time afterword "
                             "understands (try 'tomorrow 10am' or '2026-12-03 14:00')")
    if at is None:
        if default_time is None:
            raise TimeWordsError(f"'{text.strip()[:60]}' gives no time of day (add one: '2pm')")
        at = default_time
    if day is None:
        day = now.astimezone(tz).date()
        if prefer == "future" and datetime.combine(day, at, tz) <= now:
            day += timedelta(days=1)
    return datetime.combine(day, at, tz)


def parse_day(text: str, *, today: date, prefer: Prefer = "future") -> date:
    """The day `text` names ("Dec 3", "next Friday", "2026-12-04", "in 2 weeks")."""
    stripped = " ".join(text.split())
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})", stripped)
    if found:
        try:
            return date.fromisoformat(found[1])
        except ValueError:
            raise TimeWordsError(f"'{stripped}' is not a real date") from None
    rest, day = _take_day(stripped, today, prefer)
    if day is None or _FILLER.sub(" ", rest).strip():
        raise TimeWordsError(f"'{text.strip()[:60]}' is not a day afterword understands "
                             "(try 'Dec 3', 'next Friday' or '2026-12-04')")
    return day


def _iso(text: str, tz: ZoneInfo | object) -> datetime | None:
    found = _ISO.fullmatch(text)
    if not found or len(text) <= 10:
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1).replace("z", "Z"))
    except ValueError:
        raise TimeWordsError(f"'{text}' is not a real date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)  # type: ignore[arg-type]


def _take_day(text: str, today: date, prefer: Prefer) -> tuple[str, date | None]:
    for pattern, reader in ((_ISO_DAY, _read_iso_day), (_MONTH_DAY, _read_calendar),
                            (_DAY_MONTH, _read_calendar), (_NUMERIC, _read_calendar),
                            (_RELATIVE, _read_relative), (_IN, _read_in),
                            (_WEEKDAY_WORD, _read_weekday)):
        found = pattern.search(text)
        if found:
            day = reader(found, today, prefer)
            return text[:found.start()] + " " + text[found.end():], day
    return text, None


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _read_iso_day(found: re.Match[str], today: date, prefer: Prefer) -> date:
    try:
        return date.fromisoformat(found[0])
    except ValueError:
        raise TimeWordsError(f"'{found[0]}' is not a real date") from None


def _read_calendar(found: re.Match[str], today: date, prefer: Prefer) -> date:
    month_text, day = found["m"], int(found["d"])
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    year_text = found["y"]
    try:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return date(year, month, day)
        candidates = [date(today.year + k, month, day) for k in (-1, 0, 1)
                      if _real(today.year + k, month, day)]
    except ValueError:
        raise TimeWordsError(f"'{found[0]}' is not a real date") from None
    if not candidates:
        raise TimeWordsError(f"'{found[0]}' is not a real date")
    return _choose(candidates, today, prefer)


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _choose(candidates: list[date], today: date, prefer: Prefer) -> date:
    if prefer == "future":
        return min((d for d in candidates if d >= today), default=candidates[-1])
    if prefer == "past":
        return max((d for d in candidates if d <= today), default=candidates[0])
    return min(candidates, key=lambda d: abs((d - today).days))


def _read_relative(found: re.Match[str], today: date, prefer: Prefer) -> date:
    return today + timedelta(days=RELATIVE_DAYS[" ".join(found[0].lower().split())])


def _read_in(found: re.Match[str], today: date, prefer: Prefer) -> date:
    count = _NUMBER_WORDS.get(found["n"].lower()) or int(found["n"])
    return today + timedelta(days=count * (7 if found["u"].lower().startswith("week") else 1))


def _read_weekday(found: re.Match[str], today: date, prefer: Prefer) -> date:
    wanted, rel = WEEKDAYS[found["w"].lower()], (found["rel"] or "").lower()
    ahead = (wanted - today.weekday()) % 7
    if rel == "last" or (not rel and prefer == "past"):
        return today - timedelta(days=(today.weekday() - wanted) % 7 or 7)
    if rel == "next":
        return today + timedelta(days=ahead or 7)
    return today + timedelta(days=ahead)


def _take_time(text: str) -> tuple[str, time | None]:
    for found in _CLOCK.finditer(text):
        hour, minute, ampm = int(found["h"]), int(found["min"] or 0), found["ap"]
        if not ampm and found["min"] is None:
            continue  # a bare number is not a time ("in 3 days" is read before this)
        if ampm:
            if not 1 <= hour <= 12:
                raise TimeWordsError(f"'{found[0].strip()}' is not a time of day")
            hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
        if hour > 23 or minute > 59:
            raise TimeWordsError(f"'{found[0].strip()}' is not a time of day")
        return text[:found.start()] + " " + text[found.end():], time(hour, minute)
    named = _NAMED.search(text)
    if named:
        return text[:named.start()] + " " + text[named.end():], NAMED_TIMES[named[0].lower()]
    return text, None
