"""Specification of afterword.plan.today: the agenda and moments in plain words.

The clock is frozen at EPOCH, Friday November 20 2026, 15:30 in New York.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.plan.policy import PlannedStep, plan
from afterword.plan.today import AgendaItem, ApplicationView, agenda, describe_when

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
AUCKLAND = ZoneInfo("Pacific/Auckland")
EPOCH = datetime(2026, 11, 20, 15, 30, tzinfo=NEW_YORK)


def ny(m: int, d: int, hh: int = 9, mm: int = 30, y: int = 2026) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=NEW_YORK)


def step(kind: str, due: datetime, latest: datetime | None = None, number: int = 1
         ) -> PlannedStep:
    return PlannedStep(kind, number, due, latest, f"Why {kind} {number}.")


def view(app: int, *steps: PlannedStep, status: str = "interviewing",
         cards: tuple[tuple[str, date], ...] = ()) -> ApplicationView:
    return ApplicationView(app, f"Company {app}", "Analyst", status, steps, cards)


def brief(items: list[AgendaItem]) -> list[tuple[int, str, str]]:
    return [(i.application_id, i.kind, i.urgency) for i in items]


# ------------------------------------------------------------------------ describe_when


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (ny(11, 21), "tomorrow 09:30 (EST)"),
        (datetime(2026, 11, 20, 14, 0, tzinfo=BERLIN), "today 14:00 (CET)"),
        (ny(11, 20, 9, 0), "today 09:00 (EST)"),  # earlier today is still today
        (ny(11, 23), "Monday 09:30 (EST)"),
        (ny(11, 26, 12, 0), "Thursday 12:00 (EST)"),
        (ny(12, 7), "in 17 days, Dec 7 09:30 (EST)"),
        (ny(11, 19, 12, 0), "yesterday 12:00 (EST)"),
        (ny(11, 18, 12, 0), "2 days ago"),
        (ny(8, 2, y=2027), "in 255 days, Aug 2 2027 09:30 (EDT)"),
        (datetime(2026, 12, 7, 9, 30, tzinfo=AUCKLAND), "in 16 days, Dec 7 09:30 (NZDT)"),
        # 02:00 on Saturday in Kolkata is the same instant as EPOCH: "today" there
        (datetime(2026, 11, 21, 2, 0, tzinfo=KOLKATA), "today 02:00 (IST)"),
    ],
)
def test_describe_when(moment: datetime, expected: str) -> None:
    assert describe_when(moment, EPOCH) == expected


def test_describe_when_counts_days_from_now() -> None:
    assert describe_when(ny(12, 7), ny(11, 25, 8, 0)) == "in 12 days, Dec 7 09:30 (EST)"


def test_describe_when_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        describe_when(datetime(2026, 12, 7, 9, 30), EPOCH)


# ------------------------------------------------------------------------ agenda order


def test_most_urgent_first() -> None:
    views = [
        view(1, step("thank_you", ny(11, 21, 12, 0), latest=ny(11, 22, 12, 0))),
        view(2, step("thank_you", ny(11, 20, 12, 0), latest=ny(11, 21, 8, 30))),
        view(3, step("check_in", ny(11, 17), number=1), step("check_in", ny(12, 1), number=2)),
        view(4, step("thank_you", ny(11, 18, 12, 0), latest=ny(11, 19, 12, 0))),
        view(5, step("check_in", ny(11, 20)),
             cards=(("Priya Raman", date(2026, 11, 23)), ("Arjun Mehta", date(2026, 11, 23)))),
        view(6, step("check_in", ny(11, 24)), step("ask_continue", ny(12, 20))),
        view(7, step("after_rejection", ny(11, 23)), step("check_in", ny(11, 21)),
             status="rejected", cards=(("Li Wei", date(2026, 11, 23)),)),
    ]
    assert brief(agenda(views, EPOCH)) == [
        (3, "check_in", "overdue"),  # due three days ago
        (4, "thank_you", "overdue"),  # past its 48-hour ceiling
        (2, "thank_you", "closing"),  # 17 hours left
        (1, "thank_you", "closing"),  # 20.5 hours left
        (5, "check_in", "due"),  # today
        (5, "post_card", "due"),  # post by Monday
        (7, "after_rejection", "upcoming"),  # Monday; the closed application's check-in is gone
        (6, "check_in", "upcoming"),  # Tuesday; the ask in December is beyond the week
    ]


def test_closing_thank_yous_show_hours_left() -> None:
    items = agenda([view(1, step("thank_you", ny(11, 21, 12, 0), latest=ny(11, 22, 12, 0))),
                    view(2, step("thank_you", ny(11, 20, 12, 0), latest=ny(11, 21, 8, 30)))],
                   EPOCH)
    assert [i.hours_left for i in items] == [17.0, 20.5]
    assert items[0].detail.startswith("Past the one-day mark; 17 hours left before the ceiling")
    assert items[1].detail == "20 hours left, until tomorrow 12:00 (EST). Why thank_you 1."


def test_a_thank_you_far_off_is_upcoming_and_beyond_the_window_left_out() -> None:
    soon = view(1, step("thank_you", ny(11, 25, 12, 0), latest=ny(11, 26, 12, 0)))
    assert brief(agenda([soon], EPOCH)) == [(1, "thank_you", "upcoming")]
    assert agenda([soon], EPOCH, upcoming_days=2) == []


def test_overdue_thank_you_says_a_late_note_still_helps() -> None:
    items = agenda([view(4, step("thank_you", ny(11, 18, 12, 0), latest=ny(11, 19, 12, 0)))],
                   EPOCH)
    assert items[0].hours_left is None
    assert items[0].detail == ("The 48-hour ceiling has passed (yesterday 12:00 (EST)); a late "
                               "note is still better than none.")


def test_only_the_next_step_per_application_and_kind() -> None:
    items = agenda([view(1, step("check_in", ny(11, 24), number=2),
                         step("check_in", ny(11, 23), number=1))], EPOCH)
    assert len(items) == 1 and items[0].title == "Check in about Analyst at Company 1 (check-in 1)"


def test_upcoming_days_is_counted_in_calendar_days() -> None:
    items = agenda([view(1, step("check_in", ny(11, 27, 16, 0)))], EPOCH, upcoming_days=7)
    assert brief(items) == [(1, "check_in", "upcoming")]
    assert agenda([view(1, step("check_in", ny(11, 28)))], EPOCH, upcoming_days=7) == []


@pytest.mark.parametrize(
    ("now", "urgency", "detail"),
    [
        # 02:00 on Saturday in Kolkata is still Friday afternoon in New York
        (datetime(2026, 11, 21, 2, 0, tzinfo=KOLKATA), "due",
         "Due today 09:30 (EST). Why check_in 1."),
        # 10:30 on Saturday in Kolkata is midnight in New York: Friday is over there
        (datetime(2026, 11, 21, 10, 30, tzinfo=KOLKATA), "overdue",
         "Was due yesterday 09:30 (EST). Why check_in 1."),
    ],
)
def test_a_step_is_judged_by_the_employers_day(now: datetime, urgency: str, detail: str
                                               ) -> None:
    [item] = agenda([view(1, step("check_in", ny(11, 20)))], now)
    assert (item.urgency, item.detail) == (urgency, detail)


def test_a_card_is_judged_by_the_users_day() -> None:
    now = datetime(2026, 11, 21, 2, 0, tzinfo=KOLKATA)
    [item] = agenda([view(1, cards=(("Priya Raman", date(2026, 11, 20)),))], now)
    assert item.urgency == "overdue"
    assert item.due == datetime(2026, 11, 20, 17, 0, tzinfo=KOLKATA)


# ------------------------------------------------------------------------ cards


def test_cards_of_one_application_make_one_item() -> None:
    cards = (("Priya Raman", date(2026, 11, 24)), ("Arjun Mehta", date(2026, 11, 23)),
             ("Leo Park", date(2026, 11, 24)))
    [item] = agenda([view(1, cards=cards)], EPOCH)
    assert item == AgendaItem(
        1, "post_card", "Post the cards to Arjun Mehta, Priya Raman and Leo Park (Company 1)",
        datetime(2026, 11, 23, 17, 0, tzinfo=NEW_YORK), "due", None,
        "Post by Monday, November 23, so it arrives while they are still deciding.")


def test_a_card_past_its_post_by_date_is_overdue() -> None:
    [item] = agenda([view(1, cards=(("Priya Raman", date(2026, 11, 19)),))], EPOCH)
    assert (item.urgency, item.title) == ("overdue", "Post the card to Priya Raman (Company 1)")
    assert "post it today" in item.detail


def test_a_card_to_post_today_says_so() -> None:
    [item] = agenda([view(1, cards=(("Priya Raman", date(2026, 11, 20)),))], EPOCH)
    assert item.urgency == "due" and "(today)" in item.detail


# ------------------------------------------------------------------------ with a real plan


def test_agenda_of_a_fresh_plan() -> None:
    steps = plan(interview_end=EPOCH, tz="America/New_York", expected_reply_by=date(2026, 12, 4),
                 status="interviewing", sent=(), now=EPOCH)
    views = [ApplicationView(9, "Northwind", "Senior Data Analyst", "interviewing",
                             tuple(steps))]
    later = EPOCH + timedelta(days=1)  # Saturday afternoon: 44.5 hours to Monday noon
    [item] = agenda(views, later)
    assert (item.kind, item.urgency, item.hours_left) == ("thank_you", "closing", 44.5)
    assert item.title == "Send the thank-you notes for Senior Data Analyst at Northwind"
    assert [i.kind for i in agenda(views, later, upcoming_days=20)] == ["thank_you", "check_in"]


def test_before_the_interview_its_thank_you_is_not_closing() -> None:
    # the interview is tomorrow at 10:00; its thank-you window opens only when it ends
    end = ny(11, 21, 11, 0)
    steps = plan(interview_end=end, tz="America/New_York", expected_reply_by=None,
                 status="interviewing", sent=(), now=EPOCH)
    assert "the interview that ends Saturday, November 21 at 11:00 EST" in steps[0].reason
    before = ApplicationView(9, "Northwind", "Analyst", "interviewing", tuple(steps),
                             interview_end=end)
    [item] = agenda([before], EPOCH)
    assert (item.kind, item.urgency, item.hours_left) == ("thank_you", "upcoming", None)
    assert item.detail.startswith("After the interview, which ends tomorrow 11:00 (EST).")
    assert agenda([before], EPOCH, upcoming_days=0) == []
    [after] = agenda([before], end + timedelta(hours=2))  # it happened: now it closes
    assert after.urgency == "closing" and after.hours_left is not None
    ended = plan(interview_end=end, tz="America/New_York", expected_reply_by=None,
                 status="interviewing", sent=(), now=end + timedelta(hours=2))
    assert "the interview that ended Saturday" in ended[0].reason


def test_empty_and_bad_input() -> None:
    assert agenda([], EPOCH) == []
    with pytest.raises(ValueError, match="timezone-aware"):
        agenda([], datetime(2026, 11, 20, 15, 30))
    with pytest.raises(ValueError, match="upcoming_days"):
        agenda([], EPOCH, upcoming_days=-1)
