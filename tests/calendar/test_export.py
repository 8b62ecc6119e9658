"""Specification of afterword.calendar.export: the follow-up plan as an .ics file."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from afterword.calendar.export import CalendarEvent, events_to_ics, stable_uid
from afterword.calendar.invite import parse_invites

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def event(**changes: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": stable_uid("interview-42", "thank-you", "priya.raman@northwind.example"),
        "summary": "Send thank-you to Priya Raman, Northwind; today",
        "description": "Mention the dbt migration.\nKeep it under 150 words.",
        "start": datetime(2024, 12, 3, 9, 0, tzinfo=NEW_YORK),
        "end": datetime(2024, 12, 3, 9, 30, tzinfo=NEW_YORK),
    }
    values.update(changes)
    return CalendarEvent(**values)  # type: ignore[arg-type]


def test_stable_uid() -> None:
    uid = stable_uid("interview-42", "check-in-1")
    assert re.fullmatch(r"[0-9a-f]{64}@afterword", uid)
    assert uid == stable_uid("interview-42", "check-in-1")
    assert uid != stable_uid("interview-42", "check-in-2")
    assert stable_uid("ab", "c") != stable_uid("a", "bc") != stable_uid("abc")


def test_the_calendar_and_its_event() -> None:
    data = events_to_ics([event(url="https://northwind.example/jobs/42")])
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    for line in ("PRODID:-//afterword//EN", "VERSION:2.0", "METHOD:PUBLISH",
                 "X-WR-CALNAME:afterword follow-ups", "DTSTART;TZID=America/New_York:20241203T090000",
                 "DTEND;TZID=America/New_York:20241203T093000", "DTSTAMP:20241203T140000Z",
                 "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT1H", "URL:https://northwind.example/jobs/42",
                 "SUMMARY:Send thank-you to Priya Raman\\, Northwind\\; today"):
        assert f"\r\n{line}\r\n" in text, line
    cal = Calendar.from_ical(data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["UID"]) == event().uid
    assert str(vevent["DESCRIPTION"]) == "Mention the dbt migration.\nKeep it under 150 words."
    (alarm,) = vevent.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=-1)


def test_the_output_is_the_same_for_the_same_plan() -> None:
    plan = [event(), event(uid=stable_uid("x"), start=datetime(2024, 12, 9, 9, tzinfo=BERLIN),
                           end=datetime(2024, 12, 9, 9, 15, tzinfo=BERLIN), alarm_minutes_before=None)]
    assert events_to_ics(plan) == events_to_ics(list(plan))
    assert events_to_ics(plan).count(b"BEGIN:VALARM") == 1
    assert events_to_ics(plan).count(b"BEGIN:VTIMEZONE") == 2
    assert b"X-WR-CALNAME:Mine" in events_to_ics(plan, calendar_name="Mine")


def test_reimporting_updates_rather_than_duplicates() -> None:
    before = parse_invites(events_to_ics([event()]))
    moved = event(start=datetime(2024, 12, 3, 11, tzinfo=NEW_YORK),
                  end=datetime(2024, 12, 3, 11, 30, tzinfo=NEW_YORK))
    after = parse_invites(events_to_ics([moved]))
    assert [i.uid for i in before] == [i.uid for i in after] == [event().uid]
    assert after[0].start == moved.start and after[0].timezone == "America/New_York"


def test_an_empty_plan_is_a_valid_calendar() -> None:
    cal = Calendar.from_ical(events_to_ics([]))
    assert cal.walk("VEVENT") == [] and str(cal["METHOD"]) == "PUBLISH"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": datetime(2024, 12, 3, 9, 0)}, "no time zone"),
        ({"end": datetime(2024, 12, 3, 8, 0, tzinfo=NEW_YORK)}, "ends before it starts"),
    ],
)
def test_bad_events_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        events_to_ics([event(**changes)])


def test_two_events_with_one_uid_are_refused() -> None:
    with pytest.raises(ValueError, match="share the UID"):
        events_to_ics([event(), event()])


def test_ambiguous_and_fixed_offset_times_are_written_in_utc() -> None:
    ambiguous = datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=NEW_YORK)  # the second 01:30
    fixed = datetime(2024, 12, 3, 9, 0, tzinfo=UTC)
    data = events_to_ics([event(start=ambiguous, end=ambiguous + timedelta(hours=2)),
                          event(uid="fixed@afterword", start=fixed, end=fixed)])
    assert b"DTSTART:20241103T063000Z" in data and b"DTSTART:20241203T090000Z" in data
    first, second = parse_invites(data)
    # (an ambiguous wall time never compares equal across zones: compare instants)
    assert first.start.astimezone(UTC) == ambiguous.astimezone(UTC)
    assert (first.timezone, second.start, second.timezone) == ("UTC", fixed, "UTC")


# ------------------------------------------------------------------------ round trip

ZONES = [ZoneInfo(name) for name in ("UTC", "America/New_York", "Europe/Berlin",
                                      "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo")]
TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")),
                       st.sampled_from([",", ";", ":", "\\", "\n", '"', "é", "—", "🙂"])),
    max_size=60,
)


@st.composite
def calendar_events(draw: st.DrawFn) -> CalendarEvent:
    zone = draw(st.sampled_from(ZONES))
    start = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                              timezones=st.just(zone)))
    length = draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=8)))
    return CalendarEvent(
        uid=draw(st.one_of(st.builds(stable_uid, TEXT), st.from_regex(r"[a-z0-9-]{1,20}@test",
                                                                        fullmatch=True))),
        summary=draw(TEXT), description=draw(TEXT), start=start,
        end=(start.astimezone(UTC) + length).astimezone(zone),
        alarm_minutes_before=draw(st.one_of(st.none(), st.integers(0, 10_080))),
        url=draw(st.one_of(st.none(), st.just("https://example.test/a?b=c"))),
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(calendar_events(), min_size=1, max_size=4, unique_by=lambda e: e.uid))
def test_export_then_parse_gives_the_same_events(events: list[CalendarEvent]) -> None:
    invites = parse_invites(events_to_ics(events))
    assert [i.uid for i in invites] == [e.uid for e in events]
    for sent, got in zip(events, invites, strict=True):
        assert got.summary == sent.summary
        assert got.start.astimezone(UTC) == sent.start.replace(microsecond=0).astimezone(UTC)
        assert got.end.astimezone(UTC) == sent.end.replace(microsecond=0).astimezone(UTC)
        assert got.timezone in {sent.start.tzinfo.key, "UTC"}  # type: ignore[union-attr]
