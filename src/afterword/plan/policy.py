"""The follow-up timeline after an interview: thank-you, check-ins, and when to stop.

Pure functions over plain data: the current time (`now`) is always passed in, nothing is
read from a clock, a file or the network.

The policy (docs/follow-up-policy.md):

* a thank-you, due by the end of its one-day window (`business.thank_you_window`), with
  the 48-hour ceiling as `latest`, unless one was already sent;
* the first check-in at `send_time` on the business day after the reply date the employer
  gave, or `business_days_without_date` business days after the interview when they gave
  none (and never before the business day after the thank-you);
* each later check-in a gap after the previous one (sent or planned): 2 weeks, 3 weeks,
  then every 4 weeks, moved forward to the next business day; a gap never shrinks, so a
  holiday that pushes one check-in later pushes the spacing of the rest with it; no
  check-in is ever planned before the business day after the date they gave;
* after every `gentle_limit` unanswered check-ins, one "ask_continue" step (due when the
  next check-in would be) instead of more check-ins: the user decides. Sending a further
  check-in anyway is taken as the answer "continue", and the count starts again;
* a closed application gets no steps, except that a rejection with no reply sent yet gets
  one optional "after_rejection" step on the next business morning after `now`.

Every `due` is in the employer's time zone, on a business day, within business hours.
Steps already in the past stay in the list: the caller shows them as overdue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.plan.business import (
    add_business_days,
    is_business_day,
    next_business_day,
    thank_you_window,
)
from afterword.thresholds import DEFAULT, Thresholds
from afterword.vocab import CLOSED_STATUSES, Kind

__all__ = [
    "CLOSED",
    "PlanSettings",
    "PlannedStep",
    "Sent",
    "gap_words",
    "long_date",
    "month_day",
    "plan",
]

CLOSED = CLOSED_STATUSES
THANK_YOU = Kind.THANK_YOU
CHECK_IN = Kind.CHECK_IN
ASK_CONTINUE = "ask_continue"
AFTER_REJECTION = Kind.AFTER_REJECTION

_WEEK_WORDS = {1: "One week", 2: "Two weeks", 3: "Three weeks", 4: "Four weeks",
               5: "Five weeks", 6: "Six weeks"}


@dataclass(frozen=True)
class PlanSettings:
    """How the timeline is spaced: the calendar, and the policy's numbers (`Thresholds`)."""

    country: str | None = "US"
    subdiv: str | None = None
    # after the 1st check-in: 2 weeks, then 3, then every 4 (the last one repeats)
    check_in_gaps_days: tuple[int, ...] = DEFAULT.check_in_gaps_days
    business_days_without_date: int = DEFAULT.business_days_without_date
    # unanswered check-ins before asking the user whether to continue (0: never ask)
    gentle_limit: int = DEFAULT.gentle_limit
    send_time: time = DEFAULT.send_time
    business_start: time = DEFAULT.business_start
    business_end: time = DEFAULT.business_end
    thank_you_due_hours: int = DEFAULT.thank_you_due_hours
    thank_you_ceiling_hours: int = DEFAULT.thank_you_ceiling_hours
    morning_minutes: int = DEFAULT.morning_minutes  # a business morning from its start

    @classmethod
    def of(cls, thresholds: Thresholds, country: str | None = "US",
           subdiv: str | None = None) -> PlanSettings:
        """The planner's settings from the one policy object."""
        return cls(country=country, subdiv=subdiv,
                   check_in_gaps_days=tuple(thresholds.check_in_gaps_days),
                   business_days_without_date=thresholds.business_days_without_date,
                   gentle_limit=thresholds.gentle_limit, send_time=thresholds.send_time,
                   business_start=thresholds.business_start,
                   business_end=thresholds.business_end,
                   thank_you_due_hours=thresholds.thank_you_due_hours,
                   thank_you_ceiling_hours=thresholds.thank_you_ceiling_hours,
                   morning_minutes=thresholds.morning_minutes)

    def __post_init__(self) -> None:
        if not self.check_in_gaps_days or min(self.check_in_gaps_days) < 1:
            raise ValueError("check_in_gaps_days needs at least one gap, each of 1 day or more")
        if self.business_days_without_date < 1:
            raise ValueError("business_days_without_date must be 1 or more")
        if self.gentle_limit < 0:
            raise ValueError("gentle_limit must be 0 (never ask) or more")
        times = (self.send_time, self.business_start, self.business_end)
        if any(t.tzinfo is not None for t in times):
            raise ValueError("send_time and business hours are local wall-clock times "
                             "without a time zone")
        if not self.business_start < self.business_end:
            raise ValueError("business_start must be before business_end")
        if self.morning_minutes < 1:
            raise ValueError("morning_minutes must be 1 or more")
        if not self.business_start <= self.send_time <= self.business_end:
            raise ValueError("send_time must fall within business hours")


@dataclass(frozen=True)
class Sent:
    """A message the user already sent: kind "thank_you", "check_in" or other; aware."""

    kind: str
    at: datetime


@dataclass(frozen=True)
class PlannedStep:
    """One thing to do, when, and why."""

    kind: str  # "thank_you" | "check_in" | "ask_continue" | "after_rejection"
    number: int  # 1-based: the n-th check-in, the n-th ask_continue; 1 for the others
    due: datetime  # aware, employer's zone, a business day, within business hours
    latest: datetime | None  # thank-you: the 48-hour ceiling; otherwise None
    reason: str  # one sentence a person reads


@dataclass(frozen=True)
class _Frame:
    """What every part of the plan needs to know."""

    zone: ZoneInfo
    settings: PlanSettings

    def business(self, day: date) -> bool:
        return is_business_day(day, self.settings.country, self.settings.subdiv)

    def next_business(self, day: date) -> date:
        return next_business_day(day, self.settings.country, self.settings.subdiv)

    def on_or_after(self, day: date) -> date:
        return day if self.business(day) else self.next_business(day)

    def at_send_time(self, day: date) -> datetime:
        return datetime.combine(day, self.settings.send_time, tzinfo=self.zone)


# ------------------------------------------------------------------------------ words


def month_day(day: date) -> str:
    """'December 4'."""
    return f"{day:%B} {day.day}"


def long_date(day: date) -> str:
    """'Friday, December 4'."""
    return f"{day:%A}, {month_day(day)}"


def _long_moment(moment: datetime) -> str:
    """ "Friday, December 4 at 11:30 PST": the employer's clock, so it says whose it is (a
    page in the user's zone shows this sentence beside its own times)."""
    zone = moment.tzname()
    return f"{long_date(moment.date())} at {moment:%H:%M}" + (f" {zone}" if zone else "")


def gap_words(days: int) -> str:
    """A gap in words: 'Two weeks', '10 days', 'One day'."""
    weeks, rest = divmod(days, 7)
    if rest == 0 and weeks in _WEEK_WORDS:
        return _WEEK_WORDS[weeks]
    return f"{days} days" if days != 1 else "One day"


# ------------------------------------------------------------------------------ checks


def _require_aware(name: str, moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got a naive one")


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}: expected an IANA name such as "
                         "'America/New_York'") from exc


# ------------------------------------------------------------------------------ thank-you


def _into_business_hours(moment: datetime, frame: _Frame) -> datetime:
    """`moment` clamped into business hours; a non-business day moves to the next one."""
    local = moment.astimezone(frame.zone)
    start, end = frame.settings.business_start, frame.settings.business_end
    if not frame.business(local.date()):
        return datetime.combine(frame.next_business(local.date()), start, tzinfo=frame.zone)
    if local.time() > end:
        return datetime.combine(local.date(), end, tzinfo=frame.zone)
    if local.time() < start:
        return datetime.combine(local.date(), start, tzinfo=frame.zone)
    return local


def _thank_you(end: datetime, frame: _Frame, now: datetime) -> PlannedStep:
    due, ceiling = thank_you_window(end, frame.settings.country,
                                    due_hours=frame.settings.thank_you_due_hours,
                                    ceiling_hours=frame.settings.thank_you_ceiling_hours)
    due = _into_business_hours(due, frame)
    latest = max(ceiling, due)
    ends = "that ended" if end <= now else "that ends"  # planned before it, too
    reason = (f"Send it within a day of the interview {ends} {_long_moment(end)}, "
              f"and by {_long_moment(latest)} at the latest.")
    return PlannedStep(THANK_YOU, 1, due, latest, reason)


# ------------------------------------------------------------------------------ check-ins


@dataclass(frozen=True)
class _Slot:
    """Where the next check-in falls and why."""

    day: date
    gap: int  # days since the previous check-in (0 for the first)
    reason: str


def _first_slot(end: datetime, reply_by: date | None, floor: date, frame: _Frame) -> _Slot:
    if reply_by is not None:
        day = frame.next_business(reply_by)
        reason = f"The business day after {month_day(reply_by)}, the date they gave."
    else:
        n = frame.settings.business_days_without_date
        day = add_business_days(end.date(), n, frame.settings.country, frame.settings.subdiv)
        days = "business day" if n == 1 else "business days"
        reason = (f"{n} {days} after the interview on {month_day(end.date())}, "
                  "since they gave no date.")
    if day < floor:
        day = floor
        reason = "The business day after the thank-you note, so that it comes first."
    return _Slot(day, 0, reason)


def _later_slot(previous: date, number: int, last_gap: int, reply_by: date | None,
                frame: _Frame) -> _Slot:
    """The slot after check-in `number`, which fell on `previous`; gaps never shrink."""
    gaps = frame.settings.check_in_gaps_days
    gap = max(gaps[min(number, len(gaps)) - 1], last_gap)
    nominal = previous + timedelta(days=gap)
    day = frame.on_or_after(nominal)
    reason = f"{gap_words(gap)} after check-in {number}"
    reason += "." if day == nominal else ", moved to the next business day."
    if reply_by is not None and day <= reply_by:
        day = frame.next_business(reply_by)
        reason = (f"The business day after {month_day(reply_by)}, the date they gave, "
                  "since no check-in goes before it.")
    return _Slot(day, (day - previous).days, reason)


def _after_floor(slot: _Slot, previous: date, floor: date) -> _Slot:
    """No check-in before the thank-you it follows, even after an earlier check-in."""
    if slot.day >= floor:
        return slot
    return _Slot(floor, (floor - previous).days,
                 "The business day after the thank-you note, so that it comes first.")


def _ask(count: int, sent: int, day: date, frame: _Frame) -> PlannedStep:
    """The decision after `count` check-ins, of which `sent` have gone (say only what
    happened: planned check-ins are not "without an answer" yet)."""
    noun = "check-in" if count == 1 else "check-ins"
    if sent >= count:
        reason = (f"After {count} {noun} without an answer, decide whether to keep "
                  "following up or to let this one go.")
    else:
        reason = (f"If check-in {count} brings no answer either, decide whether to keep "
                  f"following up or to let this one go ({sent} of {count} sent so far).")
    number = count // frame.settings.gentle_limit
    return PlannedStep(ASK_CONTINUE, number, frame.at_send_time(day), None, reason)


def _check_ins(*, end: datetime, reply_by: date | None, history: list[date], floor: date,
               frame: _Frame, room: int) -> list[PlannedStep]:
    """Up to `room` check-ins after those already sent (`history`), then perhaps an ask."""
    limit = frame.settings.gentle_limit
    count = len(history)
    steps: list[PlannedStep] = []
    slot = (_first_slot(end, reply_by, floor, frame) if not history
            else _after_floor(_later_slot(history[-1], count, 0, reply_by, frame),
                              history[-1], floor))
    while len(steps) < room:
        if limit and count and count % limit == 0:
            steps.append(_ask(count, len(history), slot.day, frame))
            break
        count += 1
        steps.append(PlannedStep(CHECK_IN, count, frame.at_send_time(slot.day), None,
                                 slot.reason))
        slot = _later_slot(slot.day, count, slot.gap, reply_by, frame)
    return steps


# ------------------------------------------------------------------------------ closed


def _closed(status: str, sent: Sequence[Sent], now: datetime, frame: _Frame
            ) -> list[PlannedStep]:
    if status != "rejected" or any(s.kind == AFTER_REJECTION for s in sent):
        return []
    day = frame.next_business(now.astimezone(frame.zone).date())
    reason = ("They said no; a short, gracious reply is optional and leaves a good last "
              "impression.")
    return [PlannedStep(AFTER_REJECTION, 1, frame.at_send_time(day), None, reason)]


# ------------------------------------------------------------------------------ plan


def plan(
    *,
    interview_end: datetime,
    tz: str,
    expected_reply_by: date | None,
    status: str,
    sent: Sequence[Sent],
    now: datetime,
    settings: PlanSettings = PlanSettings(),
    horizon: int = 6,
) -> list[PlannedStep]:
    """The next `horizon` steps after an interview, in order; see the module docstring.

    `interview_end`, `now` and every `Sent.at` must be timezone-aware; `tz` is the
    employer's IANA time zone, in which every step is due.
    """
    _require_aware("interview_end", interview_end)
    _require_aware("now", now)
    for item in sent:
        _require_aware(f"the sent {item.kind!r} time", item.at)
    frame = _Frame(_zone(tz), settings)
    if horizon <= 0:
        return []
    key = status.strip().lower()
    if key in CLOSED:
        return _closed(key, sent, now, frame)[:horizon]
    end = interview_end.astimezone(frame.zone)
    steps: list[PlannedStep] = []
    thanked = [s.at.astimezone(frame.zone) for s in sent if s.kind == THANK_YOU]
    if thanked:
        floor = frame.next_business(min(thanked).date())
    else:
        steps.append(_thank_you(end, frame, now))
        floor = frame.next_business(steps[0].due.date())
    history = sorted(s.at.astimezone(frame.zone).date() for s in sent if s.kind == CHECK_IN)
    steps += _check_ins(end=end, reply_by=expected_reply_by, history=history, floor=floor,
                        frame=frame, room=horizon - len(steps))
    return steps
