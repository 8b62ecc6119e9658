"""Sending at the right moment, against aiosmtpd with a clock the test turns.

The interview (tests.mail.conftest) ends Friday 20 November 2026 at 15:30 in New York; its
thank-you window closes Monday at noon there. Each `run_once` is one worker tick.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.services import outbox, schedule, worker
from afterword.store import repo
from afterword.store.db import session_scope
from tests.mail.conftest import EPOCH, UNUSED_PORT, SmtpServer, add_note, settings_for

NY = ZoneInfo("America/New_York")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=NY)
TICK = timedelta(minutes=1)


def _status(url: str, note_id: int) -> str:
    with session_scope(url) as session:
        return repo.get_note(session, note_id).status


def _tick_through(url: str, port: int, start: datetime, end: datetime,
                  server: SmtpServer) -> dict[datetime, int]:
    """Tick from `start` to `end`; the number of messages received after each tick."""
    seen, now = {}, start
    while now <= end:
        worker.run_once(url, settings_for(port), now=now)
        seen[now] = len(server.received)
        now += TICK
    return seen


def test_best_is_the_first_business_morning_their_time_inside_the_window(db_url: str) -> None:
    [note_id] = add_note(db_url)
    settings = settings_for(UNUSED_PORT)
    done = schedule.schedule(db_url, note_id, "best", settings, now=EPOCH + timedelta(hours=2))
    assert done.blocked is None and done.at == MONDAY_9 and done.zone == "America/New_York"
    assert _status(db_url, note_id) == "scheduled"


def test_a_note_scheduled_for_nine_their_time_goes_at_nine_once(smtp_server: SmtpServer,
                                                                 db_url: str) -> None:
    [note_id] = add_note(db_url)
    settings = settings_for(smtp_server.port)
    schedule.schedule(db_url, note_id, "Monday 09:00", settings, now=EPOCH + timedelta(hours=3))
    seen = _tick_through(db_url, smtp_server.port, MONDAY_9 - 5 * TICK, MONDAY_9 + 5 * TICK,
                         smtp_server)
    assert [n for at, n in seen.items() if at < MONDAY_9] == [0] * 5
    assert seen[MONDAY_9] == 1 and set(list(seen.values())[5:]) == {1}
    assert _status(db_url, note_id) == "sent"
    message = smtp_server.received[0].message
    assert message["To"].addresses[0].addr_spec == "priya.raman@northwind.example"
    with session_scope(db_url) as session:
        assert repo.get_note(session, note_id).sent_at == MONDAY_9


def test_an_unscheduled_note_never_goes(smtp_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    settings = settings_for(smtp_server.port)
    schedule.schedule(db_url, note_id, "2026-11-23T09:00", settings, now=EPOCH)
    assert "no longer scheduled" in schedule.unschedule(db_url, note_id, now=EPOCH)
    _tick_through(db_url, smtp_server.port, MONDAY_9 - TICK, MONDAY_9 + 3 * TICK, smtp_server)
    assert smtp_server.received == [] and _status(db_url, note_id) == "approved"
    with pytest.raises(outbox.OutboxError, match="not scheduled"):
        schedule.unschedule(db_url, note_id, now=EPOCH)


def test_a_note_due_after_its_window_closed_waits_for_the_user(smtp_server: SmtpServer,
                                                               db_url: str) -> None:
    [note_id] = add_note(db_url)
    settings = settings_for(smtp_server.port)
    schedule.schedule(db_url, note_id, "Monday 09:00", settings, now=EPOCH)
    asleep_until = datetime(2026, 11, 24, 8, 0, tzinfo=NY)  # the laptop slept through Monday
    [done] = worker.run_once(db_url, settings, now=asleep_until)
    assert done.outcome == "waiting" and smtp_server.received == []
    assert worker.run_once(db_url, settings, now=asleep_until + TICK) == []  # it stays put
    with session_scope(db_url) as session:
        [(note, due_at, why)] = schedule.late_sends(session)
        assert note.id == note_id and due_at == MONDAY_9 and "window closed" in why
    assert _status(db_url, note_id) == "scheduled"
    late = outbox.send_note(db_url, note_id, settings, now=asleep_until)  # "send it late"
    assert late.sent and len(smtp_server.received) == 1


def test_a_4xx_comes_due_again_after_a_backoff(smtp_server: SmtpServer, db_url: str) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.temp_fail_data = 1
    settings = settings_for(smtp_server.port, send_backoff_seconds=60)
    schedule.schedule(db_url, note_id, "Monday 09:00", settings, now=EPOCH)
    [first] = worker.run_once(db_url, settings, now=MONDAY_9)
    assert first.outcome == "retry" and _status(db_url, note_id) == "scheduled"
    assert worker.run_once(db_url, settings, now=MONDAY_9 + timedelta(seconds=30)) == []
    [second] = worker.run_once(db_url, settings, now=MONDAY_9 + timedelta(seconds=61))
    assert second.outcome == "sent" and len(smtp_server.received) == 1


def test_scheduling_checks_the_note_first_and_refuses_errors(db_url: str) -> None:
    [note_id] = add_note(db_url, body="Hi,\n\nThanks for the chat.\n\nSam Ortiz\n")
    done = schedule.schedule(db_url, note_id, "best", settings_for(UNUSED_PORT), now=EPOCH)
    assert done.blocked is not None and "AW103" in done.blocked
    assert _status(db_url, note_id) == "approved"


@pytest.mark.parametrize("when", ["someday", "yesterday 9am", "2026-11-19T09:00", "25:00",
                                  "9", "x" * 10_000, "tomorrow\r\n9am Bcc: a@b.example"])
def test_a_time_that_cannot_be_read_or_is_past_is_one_clear_error(db_url: str,
                                                                   when: str) -> None:
    [note_id] = add_note(db_url)
    with pytest.raises(schedule.WhenError):
        schedule.schedule(db_url, note_id, when, settings_for(UNUSED_PORT), now=EPOCH)
    assert _status(db_url, note_id) == "approved"


def test_the_cli_schedules_unschedules_and_the_worker_sends(smtp_server: SmtpServer,
                                                           db_url: str) -> None:
    [note_id] = add_note(db_url)
    env = {"AFTERWORD_DATABASE_URL": db_url, "AFTERWORD_SMTP_HOST": "127.0.0.1",
           "AFTERWORD_SMTP_PORT": str(smtp_server.port), "AFTERWORD_SMTP_SECURITY": "none",
           "AFTERWORD_USER_NAME": "Sam Ortiz", "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org",
           "AFTERWORD_NOW": (EPOCH + timedelta(hours=2)).isoformat(), "NO_COLOR": "1"}
    runner = CliRunner()
    result = runner.invoke(app, ["send", str(note_id), "--at", "monday 9am"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "Monday 23 November 2026 at 09:00 their time (America/New_York" in result.stdout
    result = runner.invoke(app, ["send", str(note_id), "--at", "best"], env=env)
    assert result.exit_code == 2 and "already scheduled" in result.stderr
    result = runner.invoke(app, ["worker", "--once"], env=env)
    assert result.exit_code == 0 and smtp_server.received == []  # not due yet
    result = runner.invoke(app, ["worker", "--once"], env=env | {
        "AFTERWORD_NOW": MONDAY_9.isoformat()})
    assert result.exit_code == 0 and f"send:{note_id}: sent" in result.stdout
    assert len(smtp_server.received) == 1
    result = runner.invoke(app, ["unschedule", str(note_id)], env=env)
    assert result.exit_code == 2 and "sent, not scheduled" in result.stderr


def _has_rule(code: str) -> bool:
    from afterword.etiquette.engine.catalogue import get_rule

    return get_rule(code) is not None


@pytest.mark.skipif(not _has_rule("AW405"), reason="AW405 (relative-time-mismatch) not landed")
def test_a_note_whose_time_words_went_stale_waits_for_the_user(smtp_server: SmtpServer,
                                                               db_url: str) -> None:
    from tests.conftest import BASE_NOTE

    body = BASE_NOTE.replace("meeting with me yesterday", "meeting with me this afternoon")
    [note_id] = add_note(db_url, body=body, subject="Thank you for this afternoon")
    settings = settings_for(smtp_server.port)
    schedule.schedule(db_url, note_id, "today 5pm", settings, now=EPOCH + timedelta(hours=1))
    saturday = datetime(2026, 11, 21, 10, 0, tzinfo=NY)  # the window is open till Monday
    [done] = worker.run_once(db_url, settings, now=saturday)
    assert done.outcome == "waiting" and "AW405" in done.detail
    assert smtp_server.received == [] and _status(db_url, note_id) == "scheduled"


def test_the_daily_digest_reaches_you_at_your_hour_once_a_day(smtp_server: SmtpServer,
                                                              db_url: str) -> None:
    [note_id] = add_note(db_url)
    settings = settings_for(smtp_server.port, digest_hour=8)
    schedule.schedule(db_url, note_id, "Monday 09:00", settings, now=EPOCH)
    saturday_7 = datetime(2026, 11, 21, 7, 0, tzinfo=NY)
    worker.run_once(db_url, settings, now=saturday_7, local_zone=NY)  # arms the digest
    assert smtp_server.received == []
    [digest] = worker.run_once(db_url, settings, now=saturday_7 + timedelta(hours=1),
                               local_zone=NY)
    assert digest.outcome == "done" and len(smtp_server.received) == 1
    mail = smtp_server.received[0].message
    assert mail["To"].addresses[0].addr_spec == "sam.ortiz@example.org"
    assert f"[scheduled] note {note_id}" in mail.get_content()
    assert worker.run_once(db_url, settings, now=saturday_7 + timedelta(hours=5),
                           local_zone=NY) == []  # not again the same day
