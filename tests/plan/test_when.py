"""Reading "when" and picking the best moment: pure, with `now` passed in."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.plan.policy import PlanSettings
from afterword.plan.when import WhenError, best_moment, parse_when

NY, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")
FRIDAY_EVENING = datetime(2026, 11, 20, 18, 0, tzinfo=NY)


@pytest.mark.parametrize(("text", "expected"), [
    ("tomorrow 9am", datetime(2026, 11, 21, 9, 0, tzinfo=NY)),
    ("9am tomorrow", datetime(2026, 11, 21, 9, 0, tzinfo=NY)),
    ("Monday 09:30", datetime(2026, 11, 23, 9, 30, tzinfo=NY)),
    ("next mon at 9.30 pm", datetime(2026, 11, 23, 21, 30, tzinfo=NY)),
    ("friday 9am", datetime(2026, 11, 27, 9, 0, tzinfo=NY)),  # today's 9am is past
    ("today 8:15 p.m.", datetime(2026, 11, 20, 20, 15, tzinfo=NY)),
    ("noon", datetime(2026, 11, 21, 12, 0, tzinfo=NY)),
    ("2026-11-24 10:00", datetime(2026, 11, 24, 10, 0, tzinfo=NY)),
    ("2026-11-24T10:00+09:00", datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)),
    ("on 2026-11-24 at 7am", datetime(2026, 11, 24, 7, 0, tzinfo=NY)),
])
def test_it_reads_iso_times_and_words_in_the_recipients_zone(text: str,
                                                            expected: datetime) -> None:
    assert parse_when(text, now=FRIDAY_EVENING, zone=NY) == expected


@pytest.mark.parametrize("text", ["", "soon", "13pm", "tomorrow", "9", "mon tue 9am",
                                  "2026-11-19T09:00", "today 9am"])
def test_it_refuses_unreadable_or_past_times(text: str) -> None:
    with pytest.raises(WhenError):
        parse_when(text, now=FRIDAY_EVENING, zone=NY)


def test_words_follow_the_zones_clock_across_a_dst_change() -> None:
    before = datetime(2026, 10, 31, 20, 0, tzinfo=NY)  # clocks go back on Sunday 1 November
    assert parse_when("monday 9am", now=before, zone=NY).utcoffset() == timedelta(hours=-5)


ENDS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                    timezones=st.just(NY))


@settings(deadline=None, max_examples=200)
@given(end=ENDS, delay=st.integers(min_value=0, max_value=20 * 60))
def test_the_best_moment_for_a_thank_you_follows_the_policy(end: datetime, delay: int) -> None:
    policy = PlanSettings()
    now = end + timedelta(minutes=delay)
    try:
        at = best_moment(now=now, zone=NY, policy=policy, min_minutes=60, interview_end=end,
                         thank_you=True)
    except WhenError:
        return  # the window closed before now: nothing to pick
    from afterword.plan.business import is_business_day, thank_you_window

    assert at >= now and at >= end + timedelta(minutes=60)
    assert at <= thank_you_window(end, policy.country)[0]
    local = at.astimezone(NY)
    assert is_business_day(local.date(), policy.country)
    assert policy.business_start <= local.time() <= policy.business_end


def test_a_check_in_goes_the_next_business_morning_their_time() -> None:
    at = best_moment(now=FRIDAY_EVENING, zone=TOKYO, policy=PlanSettings(), min_minutes=60,
                     interview_end=None, thank_you=False)
    assert at == datetime(2026, 11, 23, 9, 0, tzinfo=TOKYO)
