"""Specification of afterword.timewords: days and times as people type them."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from afterword.timewords import TimeWordsError, parse_day, parse_when

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
# Friday 4 December 2026, 15:30 in New York
NOW = datetime(2026, 12, 4, 15, 30, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("tomorrow 10am", "nearest", datetime(2026, 12, 5, 10, 0)),
        ("Tomorrow at 10:30 a.m.", "nearest", datetime(2026, 12, 5, 10, 30)),
        ("Dec 3 2pm", "nearest", datetime(2026, 12, 3, 14, 0)),
        ("2pm Dec 3", "nearest", datetime(2026, 12, 3, 14, 0)),
        ("Dec 3 2pm", "future", datetime(2027, 12, 3, 14, 0)),
        ("3 December 2026, 14:00", "nearest", datetime(2026, 12, 3, 14, 0)),
        ("December 3rd, 2026 at 9.15", "nearest", datetime(2026, 12, 3, 9, 15)),
        ("Jan 5 9am", "nearest", datetime(2027, 1, 5, 9, 0)),
        ("Jan 5 9am", "past", datetime(2026, 1, 5, 9, 0)),
        ("yesterday 4 pm", "nearest", datetime(2026, 12, 3, 16, 0)),
        ("today noon", "nearest", datetime(2026, 12, 4, 12, 0)),
        ("next tuesday 11am", "nearest", datetime(2026, 12, 8, 11, 0)),
        ("last Thursday 2:45pm", "nearest", datetime(2026, 12, 3, 14, 45)),
        ("Wednesday 3pm", "past", datetime(2026, 12, 2, 15, 0)),
        ("Monday 9am", "future", datetime(2026, 12, 7, 9, 0)),
        ("12/3 2pm", "nearest", datetime(2026, 12, 3, 14, 0)),
        ("12/3/2026 14:00", "nearest", datetime(2026, 12, 3, 14, 0)),
        ("in 2 days 10am", "nearest", datetime(2026, 12, 6, 10, 0)),
        ("2026-11-20T14:00", "nearest", datetime(2026, 11, 20, 14, 0)),
        ("2026-11-20 14:00", "nearest", datetime(2026, 11, 20, 14, 0)),
        ("2026-11-20 9am", "nearest", datetime(2026, 11, 20, 9, 0)),
        ("9am", "future", datetime(2026, 12, 5, 9, 0)),   # 9am today has passed
        ("6pm", "future", datetime(2026, 12, 4, 18, 0)),
        ("tonight", "future", datetime(2026, 12, 4, 19, 0)),
    ],
)
def test_it_reads_days_and_times(text: str, prefer: str, expected: datetime) -> None:
    moment = parse_when(text, now=NOW, prefer=prefer)  # type: ignore[arg-type]
    assert moment == expected.replace(tzinfo=NEW_YORK)
    assert moment.tzinfo is NEW_YORK


def test_the_zone_given_is_the_zone_of_the_answer() -> None:
    moment = parse_when("tomorrow 10am", now=NOW, zone=BERLIN)
    assert moment == datetime(2026, 12, 5, 10, 0, tzinfo=BERLIN)


def test_an_explicit_offset_is_kept() -> None:
    moment = parse_when("2026-11-20T14:00-08:00", now=NOW)
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == -8 * 3600


def test_a_day_alone_takes_the_default_time_when_one_is_given() -> None:
    assert parse_when("Dec 3", now=NOW, default_time=time(9)) == datetime(
        2026, 12, 3, 9, tzinfo=NEW_YORK)
    with pytest.raises(TimeWordsError, match="no time of day"):
        parse_when("Dec 3", now=NOW)


@pytest.mark.parametrize(
    "text", ["", "whenever", "tomorrow-ish", "25pm", "13am", "Feb 30 2pm", "2026-13-01T10:00",
             "10:75", "soon 10am", "<script>"],
)
def test_it_refuses_what_it_cannot_read_in_one_line(text: str) -> None:
    with pytest.raises(TimeWordsError) as caught:
        parse_when(text, now=NOW)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-12-18", date(2026, 12, 18)), ("Dec 18", date(2026, 12, 18)),
     ("next Friday", date(2026, 12, 11)), ("friday", date(2026, 12, 4)),
     ("in 2 weeks", date(2026, 12, 18)), ("Jan 8", date(2027, 1, 8)),
     ("18 December", date(2026, 12, 18))],
)
def test_it_reads_reply_dates_forward(text: str, expected: date) -> None:
    assert parse_day(text, today=NOW.date()) == expected


@pytest.mark.parametrize("text", ["soon", "2026-02-30", "Dec 3 and then", ""])
def test_it_refuses_days_it_cannot_read(text: str) -> None:
    with pytest.raises(TimeWordsError):
        parse_day(text, today=NOW.date())
