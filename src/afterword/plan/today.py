"""Today's agenda across applications, most urgent first, and moments in plain words.

Pure functions: `now` is always passed in. A step is due, overdue or upcoming by the
calendar of the zone it is due in (the employer's), the same calendar `describe_when`
uses to show it, since what matters is the employer's working day. A card to post is
judged by the user's calendar (the zone of `now`), as the user posts it.

Order of the agenda:

1. overdue — a step whose day has passed, a thank-you past its 48-hour ceiling, a card
   whose post-by date has passed (oldest first);
2. closing — thank-you windows still open, fewest hours left first;
3. due — steps due today;
4. cards to post by a date (earliest first);
5. upcoming — steps due within `upcoming_days` calendar days (soonest first).

Only the next pending step per application and kind is listed; the cards of one
application make one item. A closed application lists only its after-rejection step.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from afterword.plan.policy import CLOSED, PlannedStep, long_date

__all__ = ["AgendaItem", "ApplicationView", "agenda", "describe_when"]

CLOSING_HOURS = 48.0  # a thank-you due within this many hours is "closing"
CARD_KIND = "post_card"
CARD_TIME = time(17, 0)  # a card's post-by date ends with the last collection

_OVERDUE, _CLOSING, _DUE, _CARDS, _UPCOMING = range(5)
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                 "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
             "Sunday")


@dataclass(frozen=True)
class ApplicationView:
    """One application as the agenda sees it: its planned steps and cards to post."""

    application_id: int
    company: str
    role: str
    status: str
    steps: tuple[PlannedStep, ...]
    cards_to_post: tuple[tuple[str, date], ...] = ()  # (person name, post-by date)
    interview_end: datetime | None = None  # the latest interview's (a thank-you follows it)


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda."""

    application_id: int
    kind: str  # a step kind, or "post_card"
    title: str
    due: datetime
    urgency: str  # "overdue" | "closing" | "due" | "upcoming"
    hours_left: float | None  # open thank-you windows only
    detail: str
    number: int = 1  # the step's number (check-in 2); 1 for the others
    reason: str = ""  # why the step falls when it does (the plan's sentence)


@dataclass(frozen=True)
class _Ranked:
    tier: int
    key: float
    item: AgendaItem


# ------------------------------------------------------------------------------ words


def _clock(moment: datetime) -> str:
    zone = moment.tzname()
    if not zone:
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M} ({zone})"


def describe_when(moment: datetime, now: datetime) -> str:
    """`moment` relative to `now`, in `moment`'s own time zone.

    "today 14:00 (CET)", "tomorrow 09:30 (EST)", "yesterday 09:30 (EST)",
    "Monday 09:30 (EST)" (within the week), "in 12 days, Dec 7 09:30 (EST)", "2 days ago".
    """
    for name, value in (("moment", moment), ("now", now)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"describe_when needs a timezone-aware {name}")
    days = _days_until(moment, now)
    if days < -1:
        return f"{-days} days ago"
    if days in (-1, 0, 1):
        return f"{('yesterday', 'today', 'tomorrow')[days + 1]} {_clock(moment)}"
    if days < 7:
        return f"{_WEEKDAYS[moment.weekday()]} {_clock(moment)}"
    year = f" {moment.year}" if days > 183 else ""
    return (f"in {days} days, {_SHORT_MONTHS[moment.month - 1]} {moment.day}{year} "
            f"{_clock(moment)}")


def _hours(hours: float) -> str:
    if hours < 1:
        return "less than an hour"
    whole = math.floor(hours)
    return "1 hour" if whole == 1 else f"{whole} hours"


def _title(kind: str, view: ApplicationView, number: int) -> str:
    where = f"{view.role} at {view.company}"
    titles = {
        "thank_you": f"Send the thank-you notes for {where}",
        "check_in": f"Check in about {where} (check-in {number})",
        "ask_continue": f"Decide whether to keep following up on {where}",
        "after_rejection": f"Optional: a gracious reply to {view.company}",
    }
    return titles.get(kind, f"{kind.replace('_', ' ').capitalize()} for {where}")


# ------------------------------------------------------------------------------ steps


def _pending(view: ApplicationView) -> Iterator[PlannedStep]:
    """The earliest step of each kind (only the after-rejection one when closed)."""
    closed = view.status.strip().lower() in CLOSED
    first: dict[str, PlannedStep] = {}
    for step in view.steps:
        if closed and step.kind != "after_rejection":
            continue
        if step.kind not in first or step.due < first[step.kind].due:
            first[step.kind] = step
    return iter(first.values())


def _days_until(moment: datetime, now: datetime) -> int:
    """Calendar days from `now` to `moment`, by the calendar of `moment`'s zone."""
    return (moment.date() - now.astimezone(moment.tzinfo).date()).days


def _thank_you(step: PlannedStep, now: datetime, upcoming_days: int,
               ended: datetime | None = None) -> tuple[int, str, float | None, str] | None:
    """(tier, urgency, hours left, detail) of a pending thank-you, or None if far off. Before
    the interview (`ended` is still ahead) nothing is closing: it comes after."""
    if ended is not None and now < ended:
        if _days_until(ended, now) > upcoming_days:
            return None
        return (_UPCOMING, "upcoming", None,
                f"After the interview, which ends {describe_when(ended, now)}. {step.reason}")
    latest = step.latest if step.latest is not None else step.due
    if now >= latest:
        return (_OVERDUE, "overdue", None, f"The 48-hour ceiling has passed "
                f"({describe_when(latest, now)}); a late note is still better than none.")
    to_due = (step.due - now).total_seconds() / 3600
    if to_due <= 0:
        left = (latest - now).total_seconds() / 3600
        return (_CLOSING, "closing", left, f"Past the one-day mark; {_hours(left)} left "
                f"before the ceiling, {describe_when(latest, now)}.")
    if to_due <= CLOSING_HOURS:
        return (_CLOSING, "closing", to_due, f"{_hours(to_due).capitalize()} left, until "
                f"{describe_when(step.due, now)}. {step.reason}")
    if _days_until(step.due, now) > upcoming_days:
        return None
    return (_UPCOMING, "upcoming", to_due, f"Due {describe_when(step.due, now)}. {step.reason}")


def _other(step: PlannedStep, now: datetime, upcoming_days: int
           ) -> tuple[int, str, float | None, str] | None:
    days = _days_until(step.due, now)
    when = describe_when(step.due, now)
    if days < 0:
        return (_OVERDUE, "overdue", None, f"Was due {when}. {step.reason}")
    if days == 0:
        return (_DUE, "due", None, f"Due {when}. {step.reason}")
    if days <= upcoming_days:
        return (_UPCOMING, "upcoming", None, f"Due {when}. {step.reason}")
    return None


def _step_item(view: ApplicationView, step: PlannedStep, now: datetime,
               upcoming_days: int) -> _Ranked | None:
    found = (_thank_you(step, now, upcoming_days, view.interview_end)
             if step.kind == "thank_you" else _other(step, now, upcoming_days))
    if found is None:
        return None
    tier, urgency, hours_left, detail = found
    item = AgendaItem(view.application_id, step.kind, _title(step.kind, view, step.number),
                      step.due, urgency, hours_left, detail, step.number, step.reason)
    key = hours_left if tier == _CLOSING and hours_left is not None else step.due.timestamp()
    return _Ranked(tier, key, item)


# ------------------------------------------------------------------------------ cards


def _names(people: list[str]) -> str:
    if len(people) <= 2:
        return " and ".join(people)
    return f"{', '.join(people[:-1])} and {people[-1]}"


def _card_item(view: ApplicationView, now: datetime) -> _Ranked | None:
    if not view.cards_to_post or view.status.strip().lower() in CLOSED:
        return None
    post_by = min(day for _, day in view.cards_to_post)
    people = [name for name, _ in sorted(view.cards_to_post, key=lambda card: card[1])]
    due = datetime.combine(post_by, CARD_TIME, tzinfo=now.tzinfo)
    noun = "card" if len(people) == 1 else "cards"
    title = f"Post the {noun} to {_names(people)} ({view.company})"
    if post_by < now.date():
        tier, urgency = _OVERDUE, "overdue"
        detail = f"It should have gone in the post by {long_date(post_by)}; post it today."
    else:
        tier, urgency = _CARDS, "due"
        today = " (today)" if post_by == now.date() else ""
        detail = (f"Post by {long_date(post_by)}{today}, so it arrives while they are "
                  "still deciding.")
    item = AgendaItem(view.application_id, CARD_KIND, title, due, urgency, None, detail)
    return _Ranked(tier, due.timestamp(), item)


# ------------------------------------------------------------------------------ agenda


def agenda(views: Sequence[ApplicationView], now: datetime, *,
           upcoming_days: int = 7) -> list[AgendaItem]:
    """What to do, most urgent first (see the module docstring for the order)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("agenda needs a timezone-aware `now`")
    if upcoming_days < 0:
        raise ValueError("upcoming_days must be 0 or more")
    ranked: list[_Ranked] = []
    for view in views:
        for step in _pending(view):
            found = _step_item(view, step, now, upcoming_days)
            if found is not None:
                ranked.append(found)
        card = _card_item(view, now)
        if card is not None:
            ranked.append(card)
    ranked.sort(key=lambda r: (r.tier, r.key, r.item.application_id, r.item.kind))
    return [r.item for r in ranked]

