"""Properties of afterword.plan.policy.plan that hold for any interview and history.

Generated around a named epoch (Friday November 20 2026, 15:30 in New York): interviews
up to two years either side of it, in several employers' zones and countries, with any
status, any messages already sent, and varied settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.plan.business import is_business_day
from afterword.plan.policy import CLOSED, PlannedStep, PlanSettings, Sent, plan

EPOCH = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))
ZONES = ("America/New_York", "Europe/Dublin", "Asia/Kolkata", "Pacific/Auckland",
         "Europe/London")
COUNTRIES = ("US", "IE", "IN", "NZ", "GB", None)
STATUSES = ("applied", "interviewing", "waiting", *sorted(CLOSED))
KINDS = ("thank_you", "check_in", "after_rejection", "note")


@dataclass(frozen=True)
class Case:
    interview_end: datetime
    tz: str
    expected_reply_by: date | None
    status: str
    sent: tuple[Sent, ...]
    now: datetime
    settings: PlanSettings
    horizon: int

    def run(self) -> list[PlannedStep]:
        return plan(interview_end=self.interview_end, tz=self.tz,
                    expected_reply_by=self.expected_reply_by, status=self.status,
                    sent=self.sent, now=self.now, settings=self.settings,
                    horizon=self.horizon)


@st.composite
def plan_settings(draw: st.DrawFn) -> PlanSettings:
    start = time(draw(st.integers(7, 10)), draw(st.sampled_from((0, 30))))
    end = time(draw(st.integers(15, 19)), draw(st.sampled_from((0, 30))))
    send = time(draw(st.integers(start.hour + 1, end.hour - 1)), draw(st.integers(0, 59)))
    return PlanSettings(
        country=draw(st.sampled_from(COUNTRIES)),
        check_in_gaps_days=tuple(draw(st.lists(st.integers(1, 45), min_size=1, max_size=4))),
        business_days_without_date=draw(st.integers(1, 15)),
        gentle_limit=draw(st.integers(0, 6)),
        send_time=send, business_start=start, business_end=end)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    tz = draw(st.sampled_from(ZONES))
    offset = timedelta(minutes=draw(st.integers(-2 * 365 * 24 * 60, 2 * 365 * 24 * 60)))
    end = (EPOCH + offset).astimezone(ZoneInfo(draw(st.sampled_from(ZONES))))
    reply_by = draw(st.none() | st.integers(-5, 90).map(
        lambda d: end.astimezone(ZoneInfo(tz)).date() + timedelta(days=d)))
    sent = draw(st.lists(st.builds(
        Sent, st.sampled_from(KINDS),
        st.integers(-24, 24 * 400).map(lambda h: end + timedelta(hours=h))), max_size=8))
    now = end + timedelta(hours=draw(st.integers(-48, 24 * 400)))
    return Case(end, tz, reply_by, draw(st.sampled_from(STATUSES)), tuple(sent),
                now.astimezone(ZoneInfo(draw(st.sampled_from(ZONES)))),
                draw(plan_settings()), draw(st.integers(0, 10)))


def check_in_dates(case: Case, steps: list[PlannedStep]) -> list[date]:
    """The last check-in already sent, if any, then the planned ones, as employer dates."""
    zone = ZoneInfo(case.tz)
    sent = sorted(s.at.astimezone(zone).date() for s in case.sent if s.kind == "check_in")
    return sent[-1:] + [s.due.date() for s in steps if s.kind == "check_in"]


PROPERTY = settings(max_examples=250, deadline=None)


@PROPERTY
@given(cases())
def test_no_check_in_before_the_stated_reply_date(case: Case) -> None:
    if case.expected_reply_by is None:
        return
    for step in case.run():
        if step.kind == "check_in":
            assert step.due.date() > case.expected_reply_by


@PROPERTY
@given(cases())
def test_gaps_between_consecutive_check_ins_never_shrink(case: Case) -> None:
    days = check_in_dates(case, case.run())
    gaps = [(b - a).days for a, b in pairwise(days)]
    assert gaps == sorted(gaps)


@PROPERTY
@given(cases())
def test_nothing_after_a_closed_status_but_one_after_rejection(case: Case) -> None:
    steps = case.run()
    status = case.status.strip().lower()
    if status not in CLOSED:
        assert all(s.kind != "after_rejection" for s in steps)
        return
    replied = any(s.kind == "after_rejection" for s in case.sent)
    if status == "rejected" and not replied and case.horizon > 0:
        assert [s.kind for s in steps] == ["after_rejection"]
        assert steps[0].due > case.now
    else:
        assert steps == []


@PROPERTY
@given(cases())
def test_every_step_is_due_on_a_business_day_within_business_hours(case: Case) -> None:
    zone = ZoneInfo(case.tz)
    opening = case.settings.business_start, case.settings.business_end
    for step in case.run():
        assert step.due.tzinfo == zone
        assert is_business_day(step.due.date(), case.settings.country)
        assert opening[0] <= step.due.time() <= opening[1]
        assert step.due.utcoffset() == step.due.astimezone(zone).utcoffset()


@PROPERTY
@given(cases())
def test_at_most_one_ask_continue_and_nothing_after_it(case: Case) -> None:
    kinds = [s.kind for s in case.run()]
    assert kinds.count("ask_continue") <= 1
    if "ask_continue" in kinds:
        assert kinds[-1] == "ask_continue"


@PROPERTY
@given(cases())
def test_steps_are_few_ordered_and_numbered(case: Case) -> None:
    steps = case.run()
    assert len(steps) <= max(case.horizon, 0)
    assert [s.due for s in steps] == sorted(s.due for s in steps)
    numbers = [s.number for s in steps if s.kind == "check_in"]
    sent_check_ins = sum(s.kind == "check_in" for s in case.sent)
    first = sent_check_ins + 1
    assert numbers == list(range(first, first + len(numbers)))
    for step in steps:
        assert (step.latest is not None) is (step.kind == "thank_you")
        assert step.latest is None or step.latest >= step.due
        assert step.reason.endswith(".") and "\n" not in step.reason


@PROPERTY
@given(cases())
def test_a_thank_you_is_planned_exactly_when_none_was_sent(case: Case) -> None:
    steps = case.run()
    open_ = case.status.strip().lower() not in CLOSED and case.horizon > 0
    thanked = any(s.kind == "thank_you" for s in case.sent)
    assert (steps[:1] != [] and steps[0].kind == "thank_you") is (open_ and not thanked)
