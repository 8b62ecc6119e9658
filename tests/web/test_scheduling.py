"""Sending later from the web app: offered at the recipient's morning, cancellable, shown on
Today, and sent by the in-process worker only while `afterword serve` runs it."""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest

from afterword.services import worker
from afterword.store import repo
from afterword.store.db import session_scope
from tests.mail.conftest import SmtpServer, settings_for, smtp_server
from tests.web.conftest import BASE, Client, first_note

__all__ = ["smtp_server"]


@pytest.fixture
def mail_env(smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch,
             web_env: object) -> SmtpServer:
    monkeypatch.setenv("AFTERWORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AFTERWORD_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("AFTERWORD_SMTP_SECURITY", "none")
    monkeypatch.setenv("TZ", "Europe/Paris")  # the user is not where the interviewer is
    return smtp_server


def _status(url: str, note_id: int) -> str:
    with session_scope(url) as session:
        return repo.get_note(session, note_id).status


def _scheduled(client: Client, db_url: str) -> tuple[int, str]:
    done = client.submit("/example", follow_redirects=False)
    app_id = int(done.headers["location"].rstrip("/").rsplit("/", 1)[1])
    note_id = first_note(client, app_id)
    page = client.get(f"/notes/{note_id}").text
    button = re.search(r'<button[^>]*id="send-later"[^>]*value="([^"]+)"[^>]*>([^<]+)<', page)
    assert button, "the compose page offers to send later"
    # Friday 22:00 in Paris now; the user's clock first, the interviewer's beside it
    assert button.group(2) == "Send Monday 15:00 (09:00 their time)"
    scheduled = client.submit(f"/notes/{note_id}/schedule", {"when": button.group(1)})
    assert scheduled.status_code == 200
    assert "Scheduled for Monday 15:00 (09:00 their time)" in scheduled.text
    assert scheduled.text.count("Europe/Paris") == 1  # the zone stated once
    assert _status(db_url, note_id) == "scheduled"
    return note_id, button.group(1)


def test_a_note_is_scheduled_cancelled_and_listed_on_today(mail_env: SmtpServer,
                                                           client: Client, db_url: str) -> None:
    note_id, _ = _scheduled(client, db_url)
    today = client.get("/").text
    assert f'id="scheduled-{note_id}"' in today and "goes Monday 15:00" in today  # Paris
    cancelled = client.submit(f"/notes/{note_id}/unschedule")
    assert cancelled.status_code == 200 and "no longer scheduled" in cancelled.text
    assert _status(db_url, note_id) == "approved"
    assert client.post(f"/notes/{note_id}/unschedule").status_code == 403  # no CSRF token
    assert mail_env.received == []


def test_a_late_note_waits_on_today_until_the_user_sends_it(mail_env: SmtpServer,
                                                            client: Client, db_url: str) -> None:
    note_id, _ = _scheduled(client, db_url)
    woke = datetime.fromisoformat("2026-11-25T08:00:00-05:00")  # after the window closed
    [done] = worker.run_once(db_url, settings_for(mail_env.port), now=woke)
    assert done.outcome == "waiting" and mail_env.received == []
    today = client.get("/").text
    assert f'id="late-{note_id}"' in today and "Send it late" in today
    client.submit(f"/notes/{note_id}/send")
    assert _status(db_url, note_id) == "sent" and len(mail_env.received) == 1
    assert f'id="late-{note_id}"' not in client.get("/").text


def test_only_the_served_app_sends_when_due(mail_env: SmtpServer, client: Client, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from afterword.web import create_app

    note_id, when = _scheduled(client, db_url)
    monkeypatch.setenv("AFTERWORD_NOW", when)  # 09:00 Monday, their time
    with Client(create_app(db_url), base_url=BASE) as quiet:
        quiet.get("/")
        time.sleep(0.3)
    assert _status(db_url, note_id) == "scheduled" and mail_env.received == []
    monkeypatch.setenv("AFTERWORD_WORKER_TICK_SECONDS", "0.05")
    with Client(create_app(db_url, worker=True), base_url=BASE) as served:
        served.get("/")
        for _ in range(200):
            if mail_env.received:
                break
            time.sleep(0.05)
    assert _status(db_url, note_id) == "sent" and len(mail_env.received) == 1
