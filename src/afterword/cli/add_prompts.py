"""What `afterword add` asks on a terminal, each question again after a bad answer.

The start is read by `afterword.timewords` ("tomorrow 10am", "Dec 3 2pm", ISO), in the time
zone asked (the system's by default); the reply date likewise ("Dec 18", "in 2 weeks");
interviewers one after another until a blank answer.  Flags answer the same questions
without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from afterword.cli.asking import ask, interactive
from afterword.cli.common import fail
from afterword.identity import Identity, read_person
from afterword.timewords import TimeWordsError, parse_day, parse_when
from afterword.timezones import system_zone, zone_or_none

MAX_PEOPLE = 50
T = TypeVar("T")


def read_zone(text: str) -> ZoneInfo:
    """A time zone as typed (ValueError with the fix when unknown)."""
    zone = zone_or_none(text)
    if zone is None:
        raise ValueError(f"unknown time zone '{text.strip()[:60]}' (use an IANA name like "
                         "America/New_York or Europe/Berlin)")
    return zone


@dataclass(frozen=True)
class Answers:
    """Everything `add` records."""

    company: str
    role: str
    zone: ZoneInfo
    start: datetime
    reply_by: date | None
    people: list[tuple[str, str | None]]


def _text(label: str) -> Callable[[str], str]:
    def read(answer: str) -> str:
        clean = " ".join(answer.split())
        if not clean:
            raise ValueError(f"the {label} is empty")
        return clean
    return read


def gather(*, company: str | None, role: str | None, timezone: str | None, start: str | None,
           reply_by: str | None, interviewers: list[str], me: Identity,
           now: datetime) -> Answers:
    """The flags' answers, with what they leave out asked (on a terminal only)."""
    company = _flag(company, _text("company")) or ask("Company", _text("company"),
                                                      flag="--company")
    role = _flag(role, _text("role")) or ask("Role", _text("role"), flag="--role")
    if timezone is not None:
        zone = _flag(timezone, read_zone, "--timezone")
    elif interactive():
        zone = ask("Time zone of the interview", read_zone, default=system_zone())
    else:
        zone = read_zone(system_zone())
    assert zone is not None

    def read_start(text: str) -> datetime:
        return parse_when(text, now=now, zone=zone)

    begins = _flag(start, read_start, "--start") or ask(
        "Interview start (e.g. 'tomorrow 10am', 'Dec 3 2pm')", read_start, flag="--start")
    reply = _reply(reply_by, now, start is None)
    given = [_flag(p, lambda t: read_person(t, me), "--interviewer") for p in interviewers]
    people = [p for p in given if p is not None]
    if not people and interactive():
        people = _ask_people(me)
    return Answers(company, role, zone, begins, reply, people)


def _reply(reply_by: str | None, now: datetime, asking: bool) -> date | None:
    def read(text: str) -> date | None:
        return parse_day(text, today=now.date()) if text.strip() else None

    if reply_by is not None:
        return _flag(reply_by, read, "--reply-by")
    if asking and interactive():
        return ask("When did they say you would hear? (e.g. 'Dec 18', 'in 2 weeks'; "
                   "blank if they did not)", read, default="")
    return None


def _ask_people(me: Identity) -> list[tuple[str, str | None]]:
    people: list[tuple[str, str | None]] = []
    while len(people) < MAX_PEOPLE:
        label = "Interviewer (Name <email>)" if not people else \
            "Another interviewer (blank when done)"

        def read(text: str) -> tuple[str, str | None] | None:
            return read_person(text, me) if text.strip() or not people else None

        person = ask(label, read, default="" if people else None)
        if person is None:
            break
        people.append(person)
    return people


def _flag(value: str | None, read: Callable[[str], T], flag: str = "") -> T | None:
    """A flag's value read like a typed answer; a bad one is a one-line error (exit 2)."""
    if value is None:
        return None
    try:
        return read(value)
    except (ValueError, TimeWordsError) as exc:
        raise fail(f"{flag}: {exc}" if flag else str(exc)) from None
