"""Specification of afterword.plan.business: business days and the thank-you window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.plan import business
from afterword.plan.business import (
    add_business_days,
    is_business_day,
    next_business_day,
    thank_you_window,
)

D = date
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


# ------------------------------------------------------------------------ business days


@pytest.mark.parametrize(
    ("day", "country", "subdiv", "expected"),
    [
        (D(2026, 7, 6), "US", None, True),  # an ordinary Monday
        (D(2026, 7, 4), "US", None, False),  # Saturday (Independence Day)
        (D(2026, 7, 3), "US", None, False),  # Independence Day observed on the Friday
        (D(2026, 11, 26), "US", None, False),  # Thanksgiving
        (D(2026, 11, 27), "US", None, True),  # the day after is not a federal holiday
        (D(2026, 12, 25), "US", None, False),  # Christmas
        (D(2026, 12, 25), None, None, True),  # weekends only: a Friday
        (D(2026, 12, 26), None, None, False),  # weekends only: a Saturday
        (D(2026, 3, 31), "US", None, True),  # Cesar Chavez Day is a California holiday
        (D(2026, 3, 31), "US", "CA", False),
        (D(2026, 12, 28), "GB", None, False),  # Boxing Day observed
        (D(2026, 1, 2), "GB", "SCT", False),  # Scotland's second New Year holiday
        (D(2026, 1, 2), "GB", None, True),
        (D(2026, 3, 6), "IL", None, False),  # Friday is part of the weekend in Israel
        (D(2026, 3, 8), "IL", None, True),  # ... and Sunday is a working day
        (D(2026, 7, 6), "us", None, True),  # country codes are case-insensitive
    ],
)
def test_is_business_day(
    day: date, country: str | None, subdiv: str | None, expected: bool
) -> None:
    assert is_business_day(day, country, subdiv) is expected


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (D(2026, 3, 10), "US", D(2026, 3, 11)),  # Tuesday -> Wednesday
        (D(2026, 3, 13), "US", D(2026, 3, 16)),  # Friday -> Monday
        (D(2026, 3, 14), "US", D(2026, 3, 16)),  # Saturday -> Monday
        (D(2026, 7, 2), "US", D(2026, 7, 6)),  # over the observed Independence Day
        (D(2026, 12, 24), "US", D(2026, 12, 28)),  # over Christmas
        (D(2026, 12, 31), "US", D(2027, 1, 4)),  # into the next year, over New Year's Day
        (D(2026, 12, 24), None, D(2026, 12, 25)),  # weekends only
        (D(2026, 12, 24), "GB", D(2026, 12, 29)),  # Christmas, Boxing Day (observed)
    ],
)
def test_next_business_day_is_strictly_after(
    day: date, country: str | None, expected: date
) -> None:
    assert next_business_day(day, country) == expected


@pytest.mark.parametrize(
    ("day", "n", "country", "expected"),
    [
        (D(2026, 3, 9), 0, "US", D(2026, 3, 9)),
        (D(2026, 3, 14), 0, "US", D(2026, 3, 14)),  # zero days leaves even a Saturday alone
        (D(2026, 3, 9), 1, "US", D(2026, 3, 10)),
        (D(2026, 3, 9), 5, "US", D(2026, 3, 16)),  # a working week later
        (D(2026, 3, 13), 1, "US", D(2026, 3, 16)),
        (D(2026, 6, 29), 5, "US", D(2026, 7, 7)),  # Jul 3 (observed) is skipped
        (D(2026, 3, 16), -1, "US", D(2026, 3, 13)),
        (D(2026, 7, 6), -1, "US", D(2026, 7, 2)),
        (D(2026, 3, 14), -1, "US", D(2026, 3, 13)),
        (D(2026, 11, 25), 2, "US", D(2026, 11, 30)),  # over Thanksgiving
        (D(2026, 11, 25), 2, None, D(2026, 11, 27)),
    ],
)
def test_add_business_days(day: date, n: int, country: str | None, expected: date) -> None:
    assert add_business_days(day, n, country) == expected


def test_subdivision_holidays_count_when_adding_business_days() -> None:
    assert add_business_days(D(2026, 3, 30), 1, "US", "CA") == D(2026, 4, 1)
    assert add_business_days(D(2026, 3, 30), 1, "US") == D(2026, 3, 31)


def test_unknown_country_code_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match="unknown country code 'XX'"):
        is_business_day(D(2026, 3, 10), "XX")
    with pytest.raises(ValueError, match="unknown country code 'ZZ'"):
        next_business_day(D(2026, 3, 10), "ZZ")
    with pytest.raises(ValueError, match="country code must not be empty"):
        add_business_days(D(2026, 3, 10), 3, "")
    with pytest.raises(ValueError, match="unknown country code 'QQ'"):
        thank_you_window(datetime(2026, 3, 10, 15, tzinfo=UTC), "QQ")


def test_unknown_subdivision_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match="unknown subdivision 'ZZ' for country 'US'"):
        is_business_day(D(2026, 3, 10), "US", "ZZ")


def test_holiday_calendars_are_cached_per_country_subdivision_and_year() -> None:
    is_business_day(D(2031, 5, 5), "US")
    before = business._calendar.cache_info()
    for offset in range(300):
        is_business_day(D(2031, 1, 1) + timedelta(days=offset), "US")
    after = business._calendar.cache_info()
    assert after.misses == before.misses
    assert after.hits >= before.hits + 300


# ---------------------------------------------------------------------- thank-you window


@pytest.mark.parametrize(
    ("end", "country", "due", "ceiling"),
    [
        # Tuesday morning: noon the next day beats +24h, noon Thursday beats +48h
        (
            datetime(2026, 3, 10, 10, 0, tzinfo=NEW_YORK),
            "US",
            datetime(2026, 3, 11, 12, 0, tzinfo=NEW_YORK),
            datetime(2026, 3, 12, 12, 0, tzinfo=NEW_YORK),
        ),
        # Tuesday afternoon: +24h and +48h are later than noon
        (
            datetime(2026, 3, 10, 16, 30, tzinfo=NEW_YORK),
            "US",
            datetime(2026, 3, 11, 16, 30, tzinfo=NEW_YORK),
            datetime(2026, 3, 12, 16, 30, tzinfo=NEW_YORK),
        ),
        # Thursday before the observed Independence Day: Monday and Tuesday at noon
        (
            datetime(2026, 7, 2, 15, 0, tzinfo=NEW_YORK),
            "US",
            datetime(2026, 7, 6, 12, 0, tzinfo=NEW_YORK),
            datetime(2026, 7, 7, 12, 0, tzinfo=NEW_YORK),
        ),
        # ... where only weekends count, Friday is a business day
        (
            datetime(2026, 7, 2, 15, 0, tzinfo=NEW_YORK),
            None,
            datetime(2026, 7, 3, 15, 0, tzinfo=NEW_YORK),
            datetime(2026, 7, 6, 12, 0, tzinfo=NEW_YORK),
        ),
        # Friday afternoon: Monday noon and Tuesday noon
        (
            datetime(2026, 3, 13, 17, 0, tzinfo=LONDON),
            "GB",
            datetime(2026, 3, 16, 12, 0, tzinfo=LONDON),
            datetime(2026, 3, 17, 12, 0, tzinfo=LONDON),
        ),
        # a fixed offset stays a fixed offset
        (
            datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            None,
            datetime(2026, 3, 11, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            datetime(2026, 3, 12, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
    ],
)
def test_thank_you_window(
    end: datetime, country: str | None, due: datetime, ceiling: datetime
) -> None:
    got_due, got_ceiling = thank_you_window(end, country)
    assert (got_due, got_ceiling) == (due, ceiling)
    assert got_due.utcoffset() == due.utcoffset()
    assert got_ceiling.utcoffset() == ceiling.utcoffset()
    assert got_due.tzinfo is end.tzinfo
    assert got_ceiling.tzinfo is end.tzinfo


def test_the_24_and_48_hours_are_elapsed_time_across_a_clock_change() -> None:
    # Saturday 2026-03-07 23:30 EST; clocks go forward early on Sunday the 8th.
    end = datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK)
    due, ceiling = thank_you_window(end, None)
    assert due == datetime(2026, 3, 9, 12, 0, tzinfo=NEW_YORK)
    assert ceiling == datetime(2026, 3, 10, 12, 0, tzinfo=NEW_YORK)
    # Saturday 2026-03-07 13:00 EST with Israel's calendar (weekend Friday and Saturday, so
    # Sunday is a working day) on New York's clock: 24 hours later is Sunday 14:00 EDT.
    end = datetime(2026, 3, 7, 13, 0, tzinfo=NEW_YORK)
    due, _ = thank_you_window(end, "IL")
    assert due == datetime(2026, 3, 8, 14, 0, tzinfo=NEW_YORK)
    assert due.astimezone(UTC) - end.astimezone(UTC) == timedelta(hours=24)
    # and when the clocks go back, 24 hours is 23 on the wall clock
    end = datetime(2026, 10, 31, 13, 0, tzinfo=NEW_YORK)  # Saturday, EDT
    due, ceiling = thank_you_window(end, "IL")
    assert due == datetime(2026, 11, 1, 12, 0, tzinfo=NEW_YORK)  # Sunday noon, EST
    assert ceiling == datetime(2026, 11, 2, 12, 0, tzinfo=NEW_YORK)


def test_naive_datetime_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        thank_you_window(datetime(2026, 3, 10, 15, 0))


# ------------------------------------------------------------------------- properties

COUNTRIES = st.sampled_from([None, "US", "GB", "DE", "IL", "JP"])
DAYS = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DAYS, COUNTRIES)
def test_next_business_day_is_a_business_day_after_d(day: date, country: str | None) -> None:
    nxt = next_business_day(day, country)
    assert nxt > day
    assert is_business_day(nxt, country)
    assert not any(
        is_business_day(day + timedelta(days=k), country) for k in range(1, (nxt - day).days)
    )
    assert add_business_days(day, 1, country) == nxt


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(-30, 30), st.integers(-30, 30), COUNTRIES)
def test_add_business_days_is_monotonic(day: date, n1: int, n2: int, country: str | None) -> None:
    lo, hi = sorted((n1, n2))
    assert add_business_days(day, lo, country) <= add_business_days(day, hi, country)
    if lo < hi:
        assert add_business_days(day, lo, country) < add_business_days(day, hi, country)


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(1, 30), COUNTRIES)
def test_adding_then_subtracting_business_days_returns_to_a_business_day(
    day: date, n: int, country: str | None
) -> None:
    later = add_business_days(day, n, country)
    assert is_business_day(later, country)
    if is_business_day(day, country):
        assert add_business_days(later, -n, country) == day


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2080, 1, 1),
        timezones=st.sampled_from([UTC, NEW_YORK, LONDON, ZoneInfo("Asia/Kolkata")]),
    ),
    COUNTRIES,
)
def test_thank_you_window_bounds(end: datetime, country: str | None) -> None:
    due, ceiling = thank_you_window(end, country)
    start = end.astimezone(UTC)
    assert due.astimezone(UTC) - start >= timedelta(hours=24)
    assert ceiling.astimezone(UTC) - start >= timedelta(hours=48)
    assert due.astimezone(UTC) < ceiling.astimezone(UTC)
    assert due.tzinfo is end.tzinfo and ceiling.tzinfo is end.tzinfo
