"""Export the follow-up plan as an iCalendar file (RFC 5545) that calendars update in place.

Every event keeps the UID it is given (build it with ``stable_uid`` from what identifies the
step, never from its time) and its DTSTAMP is its own start, so the same plan always gives the
same bytes and importing the file again updates the events instead of duplicating them.
Each event carries the SEQUENCE it is given (the caller raises it when the event moves), so
subscribed calendars replace a moved event rather than keep the old one; alarms stay.

Times in a ``ZoneInfo`` zone keep their TZID, and a VTIMEZONE is added for each zone.  Other
aware times, and wall-clock times that a DST change makes ambiguous or skipped, are written in
UTC.  Seconds are the finest unit of iCalendar: microseconds are dropped.  Naive times, an end
before the start and two events with one UID are refused with ``ValueError``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

PRODID = "-//afterword//EN"
_UTC = ZoneInfo("UTC")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    description: str
    start: datetime
    end: datetime
    alarm_minutes_before: int | None = 60
    url: str | None = None
    sequence: int = 0  # RFC 5545 SEQUENCE: higher when the event changed (moved), so
    # calendars that already hold the UID take the new version


def stable_uid(*parts: str) -> str:
    """The same parts give the same UID: ``"<sha256 hex>@afterword"``."""
    joined = "".join(f"{len(part)}:{part}" for part in parts)  # unambiguous framing
    digest = hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{digest}@afterword"


def _clean(text: str) -> str:
    """Text as iCalendar can carry it: LF line breaks, no other control characters."""
    return _CONTROL_BUT_NEWLINE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _wire_time(value: datetime, what: str) -> datetime:
    """The time as it will be written: its own zone when that round-trips, else UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"the {what} time {value.isoformat()} has no time zone")
    value = value.replace(microsecond=0)
    zone = value.tzinfo
    other_fold = value.replace(fold=1 - value.fold)
    if isinstance(zone, ZoneInfo) and zone.key != "UTC" and (
        other_fold.utcoffset() == value.utcoffset()
    ):
        return value
    return value.astimezone(_UTC)


def _vevent(event: CalendarEvent) -> Event:
    start = _wire_time(event.start, "start")
    end = _wire_time(event.end, "end")
    if end < start:
        raise ValueError(f"the event {event.uid!r} ends before it starts")
    summary = _clean(event.summary)
    vevent = Event()
    vevent.add("uid", _clean(event.uid).replace("\n", " "))
    vevent.add("dtstamp", start.astimezone(_UTC))
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    if event.sequence < 0:
        raise ValueError(f"the event {event.uid!r} has a negative SEQUENCE")
    vevent.add("sequence", event.sequence)
    vevent.add("summary", summary)
    if event.description:
        vevent.add("description", _clean(event.description))
    if event.url:
        vevent.add("url", "".join(_clean(event.url).split()))
    if event.alarm_minutes_before is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary or "Reminder")
        alarm.add("trigger", timedelta(minutes=-event.alarm_minutes_before))
        vevent.add_component(alarm)
    return vevent


def events_to_ics(
    events: Iterable[CalendarEvent], *, calendar_name: str = "afterword follow-ups"
) -> bytes:
    """A METHOD:PUBLISH calendar with one VEVENT (and VALARM) per event, in the given order."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = " ".join(_clean(calendar_name).split())
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    seen: set[str] = set()
    days: list[date] = []
    for event in events:
        vevent = _vevent(event)
        uid = str(vevent["UID"])
        if uid in seen:
            raise ValueError(f"two events share the UID {uid!r}")
        seen.add(uid)
        days += [event.start.date(), event.end.date()]
        cal.add_component(vevent)
    if days:  # VTIMEZONEs covering the plan's years, one per zone used
        first = date(max(min(days).year - 1, 1), 1, 1)
        last = date(min(max(days).year + 2, 9999), 1, 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return bytes(cal.to_ical())
