"""Today's agenda and the plan: one service that the CLI, the pages and the API all call."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.config import Settings, Thresholds
from afterword.plan.today import AgendaItem
from afterword.services import agenda, dismissals, schedule
from afterword.services.applications import InterviewInput, create_application, set_status
from afterword.store.db import session_scope
from afterword.store.repo import NotFound
from afterword.store.tables import Application, FollowUp, Note
from tests.services.conftest import EPOCH, NEW_YORK

WEEK_LATER = EPOCH + timedelta(days=7)


def _globex(session: Session, day: date = date(2026, 11, 2)) -> Application:
    """A second, older interview, at Globex."""
    return create_application(
        session, now=EPOCH, thresholds=Thresholds(), company="Globex", role="Analyst",
        timezone="America/New_York",
        interview=InterviewInput(start=datetime(day.year, day.month, day.day, 10, 0), end=None,
                                 timezone="America/New_York"),
        people=[("Arjun Mehta", "arjun@globex.example", "interviewer")])


def _keys(items: list[AgendaItem]) -> set[tuple[int, str, int]]:
    return {(i.application_id, i.kind, i.number) for i in items}


def test_the_agenda_covers_every_application_most_urgent_first(
        session: Session, northwind: Application) -> None:
    globex = _globex(session)
    items = agenda.agenda_for(session, Settings(), EPOCH + timedelta(days=1))
    urgencies = [(i.application_id, i.urgency) for i in items]
    assert urgencies[0] == (globex.id, "overdue")  # a lapse first: the oldest, Globex's
    assert (northwind.id, "closing") in urgencies
    assert urgencies.index((northwind.id, "closing")) > max(
        n for n, u in enumerate(urgencies) if u[1] == "overdue")


def test_a_step_dismissed_on_today_leaves_the_agenda_and_nothing_else(
        session: Session, northwind: Application) -> None:
    globex = _globex(session)
    before = agenda.agenda_for(session, Settings(), EPOCH)
    assert (globex.id, "thank_you", 1) in _keys(before)
    dismissals.dismiss(session, globex.id, "thank_you", 1, EPOCH)
    after = agenda.agenda_for(session, Settings(), EPOCH)
    assert _keys(after) == _keys(before) - {(globex.id, "thank_you", 1)}


def test_the_plan_follows_the_configured_gaps(session: Session,
                                              northwind: Application) -> None:
    settings = Settings(thresholds=Thresholds(check_in_gaps_days=(10, 15, 20),
                                              business_days_without_date=5))
    made = agenda.plan_for(session, northwind.id, settings, EPOCH)
    days = [s.due.astimezone(NEW_YORK).date() for s in made.steps if s.kind == "check_in"]
    # Friday Nov 20 + 5 business days, Thanksgiving skipped: Monday Nov 30; then 10 days;
    # 15 days is Christmas Day, so the Monday after.
    assert days[:3] == [date(2026, 11, 30), date(2026, 12, 10), date(2026, 12, 28)]
    assert made.application is northwind


def test_the_plan_is_stored_only_when_the_caller_asks(session: Session,
                                                     northwind: Application) -> None:
    agenda.plan_for(session, northwind.id, Settings(), EPOCH)
    assert session.query(FollowUp).count() == 0  # a page or an API read stores nothing
    made = agenda.plan_for(session, northwind.id, Settings(), EPOCH, record=True)
    stored = session.query(FollowUp).filter_by(status="planned").all()
    assert sorted((f.kind, f.number) for f in stored) == sorted(
        (s.kind, s.number) for s in made.steps)


def test_the_plan_of_no_application_is_a_clear_refusal(session: Session) -> None:
    with pytest.raises(NotFound, match="no application 41"):
        agenda.plan_for(session, 41, Settings(), EPOCH)


def test_coming_up_is_the_next_step_of_each_open_application(
        session: Session, northwind: Application) -> None:
    globex = _globex(session, date(2026, 11, 19))
    items = agenda.agenda_for(session, Settings(), EPOCH)
    coming = agenda.coming_up(session, Settings(), EPOCH, items)
    assert {a.id for a, _ in coming} == {northwind.id, globex.id}
    assert all(step.due > EPOCH and (a.id, step.kind, step.number) not in _keys(items)
               for a, step in coming)
    assert [s.due for _, s in coming] == sorted(s.due for _, s in coming)
    set_status(session, globex, "rejected", now=EPOCH)
    coming = agenda.coming_up(session, Settings(), EPOCH, items)
    assert [a.id for a, _ in coming] == [northwind.id]


def test_the_calendar_is_of_one_application_or_every_open_one(
        session: Session, northwind: Application) -> None:
    globex = _globex(session)
    every = agenda.calendar_for(session, Settings(), EPOCH)
    one = agenda.calendar_for(session, Settings(), EPOCH, northwind.id)
    assert {e.summary for e in one} < {e.summary for e in every}
    set_status(session, globex, "withdrawn", now=EPOCH)
    assert {e.uid for e in agenda.calendar_for(session, Settings(), EPOCH)} == {
        e.uid for e in one}


def test_an_overdue_step_is_past_due_after_the_configured_days() -> None:
    item = AgendaItem(application_id=1, kind="check_in", title="Check in", number=1,
                      due=EPOCH, urgency="overdue", hours_left=None, detail="")
    assert not dismissals.is_past_due(item, WEEK_LATER, Thresholds())  # exactly 7 days
    assert dismissals.is_past_due(item, WEEK_LATER + timedelta(minutes=1), Thresholds())
    assert not dismissals.is_past_due(item, WEEK_LATER + timedelta(days=3),
                                      Thresholds(past_due_days=14))
    upcoming = AgendaItem(**{**item.__dict__, "urgency": "upcoming"})
    assert not dismissals.is_past_due(upcoming, WEEK_LATER + timedelta(days=30),
                                      Thresholds())


def test_a_scheduled_thank_you_waits_by_the_configured_window(northwind: Application) -> None:
    note = Note(application_id=northwind.id, person_id=northwind.people[0].id,
                kind="thank_you", medium="email", subject="Thank you", body="Thank you.")
    # The interview ended Friday 15:00: the default window closes at noon on Monday.
    monday_one_pm = datetime(2026, 11, 23, 13, 0, tzinfo=NEW_YORK)
    assert schedule.window_closed(northwind, note, Settings(), monday_one_pm)
    longer = Settings(thresholds=Thresholds(thank_you_due_hours=72,
                                            thank_you_ceiling_hours=96))
    assert not schedule.window_closed(northwind, note, longer, monday_one_pm)


def _cli(tmp_path: Path, *args: str) -> list[dict[str, object]]:
    env = {"AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'services.db'}",
           "AFTERWORD_NOW": EPOCH.isoformat()}
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_afterword_today_and_plan_print_what_the_service_says(
        tmp_path: Path, db_url: str) -> None:
    with session_scope(db_url) as session:
        globex = _globex(session)
        dismissals.dismiss(session, globex.id, "thank_you", 1, EPOCH)
        items = agenda.agenda_for(session, Settings(), EPOCH)
        steps = agenda.plan_for(session, globex.id, Settings(), EPOCH).steps
    today = _cli(tmp_path, "today", "--json")
    assert [(r["application_id"], r["kind"], r["due"]) for r in today] == [
        (i.application_id, i.kind, i.due.isoformat()) for i in items]
    assert not any(r["kind"] == "thank_you" for r in today)  # dismissed on the web's Today
    plan = _cli(tmp_path, "plan", str(globex.id), "--json")
    assert [(r["kind"], r["number"], r["due"]) for r in plan] == [
        (s.kind, s.number, s.due.isoformat()) for s in steps]
