"""Specification of afterword.plan.policy: the follow-up timeline after an interview.

The clock is frozen at EPOCH: an interview at Northwind that ended on Friday,
November 20 2026 at 15:30 in New York, where they said to expect a reply by Friday,
December 4.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from afterword.plan.policy import CLOSED, PlannedStep, PlanSettings, Sent, plan

NEW_YORK = ZoneInfo("America/New_York")
DUBLIN = ZoneInfo("Europe/Dublin")
KOLKATA = ZoneInfo("Asia/Kolkata")
EPOCH = datetime(2026, 11, 20, 15, 30, tzinfo=NEW_YORK)  # a Friday afternoon
REPLY_BY = date(2026, 12, 4)  # the Friday two weeks later


def ny(y: int, m: int, d: int, hh: int = 9, mm: int = 30) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=NEW_YORK)


def plan_for(**changes: object) -> list[PlannedStep]:
    """The plan for the EPOCH interview, with some arguments replaced."""
    args: dict[str, object] = {
        "interview_end": EPOCH, "tz": "America/New_York", "expected_reply_by": REPLY_BY,
        "status": "interviewing", "sent": (), "now": EPOCH,
    }
    args.update(changes)
    return plan(**args)  # type: ignore[arg-type]


def summary(steps: list[PlannedStep]) -> list[tuple[str, int, datetime]]:
    return [(s.kind, s.number, s.due) for s in steps]


# ------------------------------------------------------------------------ the default timeline


def test_default_timeline_thank_you_then_spaced_check_ins_then_ask() -> None:
    assert summary(plan_for()) == [
        ("thank_you", 1, ny(2026, 11, 23, 12, 0)),  # noon on the next business day
        ("check_in", 1, ny(2026, 12, 7)),  # the business day after December 4
        ("check_in", 2, ny(2026, 12, 21)),  # + 2 weeks
        ("check_in", 3, ny(2027, 1, 11)),  # + 3 weeks
        ("check_in", 4, ny(2027, 2, 8)),  # + 4 weeks
        ("ask_continue", 1, ny(2027, 3, 8)),  # instead of the 5th check-in
    ]


def test_thank_you_carries_the_48_hour_ceiling_and_the_others_none() -> None:
    steps = plan_for()
    assert steps[0].latest == ny(2026, 11, 24, 12, 0)
    assert all(s.latest is None for s in steps[1:])


def test_reasons_are_single_plain_sentences() -> None:
    steps = plan_for()
    assert steps[1].reason == "The business day after December 4, the date they gave."
    assert steps[2].reason == "Two weeks after check-in 1."
    assert steps[3].reason == "Three weeks after check-in 2."
    assert steps[4].reason == "Four weeks after check-in 3."
    assert "November 20 at 15:30" in steps[0].reason
    assert "Tuesday, November 24 at 12:00" in steps[0].reason
    for step in steps:
        assert step.reason[0].isupper() and step.reason.endswith(".")
        assert step.reason.count(". ") == 0 and "\n" not in step.reason


def test_without_a_date_the_first_check_in_is_seven_business_days_later() -> None:
    steps = plan_for(expected_reply_by=None)
    # Nov 23, 24, 25, (Thanksgiving), 27, 30, Dec 1, Dec 2
    assert steps[1].due == ny(2026, 12, 2)
    assert steps[1].reason == "7 business days after the interview on November 20, since they gave no date."


def test_business_days_without_date_is_a_setting() -> None:
    steps = plan_for(expected_reply_by=None, settings=PlanSettings(business_days_without_date=3))
    assert steps[1].due == ny(2026, 11, 25)


def test_weekends_only_when_country_is_none() -> None:
    steps = plan_for(expected_reply_by=None, settings=PlanSettings(country=None))
    assert steps[1].due == ny(2026, 12, 1)  # Thanksgiving counts as a working day


# ------------------------------------------------------------------------ the thank-you


def test_no_thank_you_step_once_one_was_sent() -> None:
    sent = [Sent("thank_you", EPOCH + timedelta(hours=18))]
    steps = plan_for(sent=sent)
    assert [s.kind for s in steps] == ["check_in"] * 4 + ["ask_continue"]


def test_thank_you_due_after_hours_is_brought_back_to_the_close_of_business() -> None:
    end = ny(2026, 11, 19, 18, 30)  # a Thursday evening interview
    steps = plan_for(interview_end=end, now=end)
    assert steps[0].due == ny(2026, 11, 20, 17, 0)  # not 18:30, after hours
    assert steps[0].latest == ny(2026, 11, 23, 12, 0)


def test_thank_you_after_a_morning_interview_is_due_noon_next_business_day() -> None:
    end = ny(2026, 11, 18, 10, 0)  # Wednesday morning
    steps = plan_for(interview_end=end, now=end)
    assert steps[0].due == ny(2026, 11, 19, 12, 0)


def test_steps_are_in_the_employers_zone_whatever_zone_the_inputs_use() -> None:
    end = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)  # 14:00 in Dublin
    steps = plan(interview_end=end, tz="Europe/Dublin", expected_reply_by=REPLY_BY,
                 status="interviewing", sent=(), now=end.astimezone(KOLKATA),
                 settings=PlanSettings(country="IE"))
    assert all(s.due.tzinfo == DUBLIN for s in steps)
    assert steps[0].due == datetime(2026, 11, 23, 12, 0, tzinfo=DUBLIN)
    assert steps[1].due == datetime(2026, 12, 7, 9, 30, tzinfo=DUBLIN)
    # Dec 21 + 3 weeks = Jan 11 2027
    assert steps[3].due == datetime(2027, 1, 11, 9, 30, tzinfo=DUBLIN)


def test_holidays_of_the_employers_country_are_skipped() -> None:
    end = datetime(2026, 1, 21, 11, 0, tzinfo=KOLKATA)  # a Wednesday
    steps = plan(interview_end=end, tz="Asia/Kolkata", expected_reply_by=date(2026, 1, 23),
                 status="applied", sent=(), now=end, settings=PlanSettings(country="IN"))
    # January 26 is Republic Day: the business day after Friday the 23rd is Tuesday the 27th
    assert steps[1].due == datetime(2026, 1, 27, 9, 30, tzinfo=KOLKATA)


# ------------------------------------------------------------------------ check-in spacing


def test_a_check_in_on_a_holiday_moves_forward_and_the_spacing_never_shrinks() -> None:
    steps = plan_for(expected_reply_by=date(2026, 12, 10), horizon=5)
    assert summary(steps)[1:] == [
        ("check_in", 1, ny(2026, 12, 11)),
        ("check_in", 2, ny(2026, 12, 28)),  # Dec 25 is Christmas: Monday the 28th
        ("check_in", 3, ny(2027, 1, 19)),  # Dec 28 + 3 weeks is Martin Luther King Day
        ("check_in", 4, ny(2027, 2, 16)),  # Feb 15 is Presidents' Day
    ]
    assert steps[2].reason == "Two weeks after check-in 1, moved to the next business day."
    gaps = [(b.due - a.due).days for a, b in pairwise(steps[1:])]
    assert gaps == [17, 22, 28]


def test_sent_check_ins_count_and_set_the_pace() -> None:
    sent = [Sent("thank_you", EPOCH + timedelta(hours=18)),
            Sent("check_in", ny(2026, 12, 8, 14, 5))]  # a day late, in the afternoon
    steps = plan_for(sent=sent)
    assert summary(steps) == [
        ("check_in", 2, ny(2026, 12, 22)),
        ("check_in", 3, ny(2027, 1, 12)),
        ("check_in", 4, ny(2027, 2, 9)),
        ("ask_continue", 1, ny(2027, 3, 9)),
    ]


def test_sent_check_ins_are_read_in_the_employers_zone_and_in_time_order() -> None:
    late_evening_utc = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)  # Dec 8 21:00 in New York
    sent = [Sent("check_in", late_evening_utc), Sent("check_in", ny(2026, 12, 7, 9, 40)),
            Sent("thank_you", EPOCH + timedelta(hours=18))]
    steps = plan_for(sent=sent)
    # two sent: the next comes 3 weeks after the later one, on its New York date
    assert steps[0] == PlannedStep("check_in", 3, ny(2026, 12, 29), None,
                                   "Three weeks after check-in 2.")


def test_never_a_check_in_before_the_date_they_gave() -> None:
    sent = [Sent("thank_you", EPOCH + timedelta(hours=18)),
            Sent("check_in", ny(2026, 11, 30))]  # sent early, before their date
    steps = plan_for(sent=sent, expected_reply_by=date(2026, 12, 18))
    assert steps[0].due == ny(2026, 12, 21)  # not Nov 30 + 2 weeks = Dec 14
    assert steps[0].reason == (
        "The business day after December 18, the date they gave, since no check-in goes before it.")


def test_the_first_check_in_comes_after_the_thank_you() -> None:
    steps = plan_for(expected_reply_by=EPOCH.date())  # "we'll let you know today"
    assert steps[0].due == ny(2026, 11, 23, 12, 0)
    assert steps[1].due == ny(2026, 11, 24)
    assert steps[1].reason == "The business day after the thank-you note, so that it comes first."


def test_custom_gaps_repeat_the_last_one() -> None:
    settings = PlanSettings(check_in_gaps_days=(7,), gentle_limit=0)
    steps = plan_for(settings=settings, horizon=5)
    assert [s.due for s in steps[1:]] == [ny(2026, 12, 7), ny(2026, 12, 14), ny(2026, 12, 21),
                                          ny(2026, 12, 28)]


# ------------------------------------------------------------------------ the gentle limit


def test_after_the_gentle_limit_the_user_is_asked_instead() -> None:
    sent = [Sent("thank_you", EPOCH + timedelta(hours=18))] + [
        Sent("check_in", d) for d in (ny(2026, 12, 7), ny(2026, 12, 21), ny(2027, 1, 11),
                                      ny(2027, 2, 8))]
    steps = plan_for(sent=sent)
    assert steps == [PlannedStep(
        "ask_continue", 1, ny(2027, 3, 8), None,
        "After 4 check-ins without an answer, decide whether to keep following up or to "
        "let this one go.")]


def test_a_check_in_sent_after_the_ask_means_continue_until_the_next_limit() -> None:
    days = (ny(2026, 12, 7), ny(2026, 12, 21), ny(2027, 1, 11), ny(2027, 2, 8), ny(2027, 3, 8))
    steps = plan_for(sent=[Sent("check_in", d) for d in days])
    assert [(s.kind, s.number) for s in steps] == [
        ("thank_you", 1), ("check_in", 6), ("check_in", 7), ("check_in", 8), ("ask_continue", 2)]


def test_gentle_limit_is_a_setting_and_zero_never_asks() -> None:
    assert [s.kind for s in plan_for(settings=PlanSettings(gentle_limit=2))] == [
        "thank_you", "check_in", "check_in", "ask_continue"]
    assert [s.kind for s in plan_for(settings=PlanSettings(gentle_limit=0), horizon=8)] == [
        "thank_you"] + ["check_in"] * 7


# ------------------------------------------------------------------------ closed applications


@pytest.mark.parametrize("status", sorted(CLOSED - {"rejected"}))
def test_a_closed_application_has_no_steps(status: str) -> None:
    assert plan_for(status=status) == []
    assert plan_for(status=status.upper()) == []


def test_a_rejection_gets_one_optional_gracious_reply_next_business_morning() -> None:
    now = ny(2026, 12, 11, 16, 0)  # a Friday afternoon
    steps = plan_for(status="rejected", now=now)
    assert summary(steps) == [("after_rejection", 1, ny(2026, 12, 14))]
    assert "optional" in steps[0].reason


def test_the_morning_after_a_rejection_is_in_the_employers_zone() -> None:
    now = datetime(2026, 12, 11, 4, 0, tzinfo=KOLKATA)  # still Thursday the 10th in New York
    steps = plan_for(status=" Rejected ", now=now)
    assert steps[0].due == ny(2026, 12, 11)


def test_no_after_rejection_step_once_a_reply_was_sent() -> None:
    sent = [Sent("after_rejection", ny(2026, 12, 14, 10, 0))]
    assert plan_for(status="rejected", sent=sent, now=ny(2026, 12, 15)) == []


# ------------------------------------------------------------------------ horizon and the past


def test_horizon_limits_the_number_of_steps() -> None:
    assert [s.kind for s in plan_for(horizon=2)] == ["thank_you", "check_in"]
    assert plan_for(horizon=0) == []
    assert len(plan_for(status="rejected", horizon=0)) == 0


def test_steps_in_the_past_stay_in_the_list() -> None:
    steps = plan_for(now=ny(2027, 6, 1))
    assert steps == plan_for()


# ------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("field", ["interview_end", "now"])
def test_naive_datetimes_are_refused(field: str) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_for(**{field: datetime(2026, 11, 20, 15, 30)})


def test_a_naive_sent_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_for(sent=[Sent("check_in", datetime(2026, 12, 7, 9, 30))])


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        plan_for(tz="Mars/Olympus")


@pytest.mark.parametrize(
    "changes",
    [
        {"check_in_gaps_days": ()},
        {"check_in_gaps_days": (14, 0)},
        {"business_days_without_date": 0},
        {"gentle_limit": -1},
        {"business_start": time(17, 0), "business_end": time(9, 0)},
        {"send_time": time(8, 0)},
        {"send_time": time(9, 30, tzinfo=UTC)},
    ],
)
def test_settings_are_validated(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        PlanSettings(**changes)  # type: ignore[arg-type]


def test_a_check_in_never_comes_before_the_pending_thank_you() -> None:
    """Found by the property tests in CI: a check-in already sent, a 1-day gap, and a
    thank-you still pending put the next check-in before the thank-you."""
    end = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))
    settings = PlanSettings(check_in_gaps_days=(1,), business_days_without_date=1,
                            gentle_limit=0, send_time=time(8, 0),
                            business_start=time(7, 0), business_end=time(15, 0))
    steps = plan(interview_end=end, tz="America/New_York", expected_reply_by=None,
                 status="active", sent=[Sent("check_in", end)], now=end, settings=settings,
                 horizon=2)
    assert [s.kind for s in steps] == ["thank_you", "check_in"]
    assert steps[1].due.date() > steps[0].due.date()
