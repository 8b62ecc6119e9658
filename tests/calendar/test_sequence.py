"""The calendar feed's events carry SEQUENCE: a step that moved comes with a higher one (so
subscribed calendars replace it), an unchanged plan keeps the same bytes, alarms stay."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from afterword.calendar.export import events_to_ics
from afterword.config import Settings
from afterword.services.agenda import calendar_events
from afterword.store import repo
from afterword.store.db import session_scope

NY = ZoneInfo("America/New_York")
END = datetime(2026, 11, 20, 15, 30, tzinfo=NY)


def _feed(url: str, now: datetime) -> dict[str, tuple[int, datetime, int]]:
    """UID → (SEQUENCE, start, number of alarms), as a calendar client reads the feed."""
    with session_scope(url) as session:
        ics = events_to_ics(calendar_events(repo.list_applications(session), Settings(), now))
    parsed = Calendar.from_ical(ics)
    return {str(e["UID"]): (int(e["SEQUENCE"]), e.decoded("DTSTART"),
                            len(e.walk("VALARM"))) for e in parsed.walk("VEVENT")}


def test_a_moved_step_gets_a_higher_sequence_and_keeps_its_alarm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with session_scope(url) as session:
        app = repo.add_application(session, company="Contoso", role="Analyst", now=END,
                                   timezone="America/New_York",
                                   expected_reply_by=date(2026, 12, 4))
        repo.add_interview(session, app, start=END - timedelta(hours=1), end=END,
                           timezone="America/New_York")
    now = END + timedelta(hours=2)
    before = _feed(url, now)
    assert before == _feed(url, now)  # nothing changed: the same events, the same SEQUENCE
    with session_scope(url) as session:
        [app] = repo.list_applications(session)
        app.expected_reply_by = date(2026, 12, 11)  # they said a week later after all
        app.updated_at = END + timedelta(days=1)
    after = _feed(url, now)
    assert before.keys() == after.keys()
    moved = [uid for uid in before if before[uid][1] != after[uid][1]]
    assert moved, "the check-ins moved with the reply date"
    for uid in moved:
        assert after[uid][0] > before[uid][0] and after[uid][2] == before[uid][2] == 1
