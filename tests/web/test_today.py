"""Today tells the truth: most urgent first, long-past items apart with close/dismiss,
words that match what happened, times in the user's zone stated once."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.web.conftest import Client, row_counts


def _old(client: Client, company: str = "Initech") -> int:
    made = client.api("POST", "/api/applications", json={
        "company": company, "role": "Analyst", "timezone": "America/Chicago",
        "interview_start": "2024-10-01T10:00:00", "interview_end": "2024-10-01T11:00:00"})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _sections(page: str) -> tuple[str, str]:
    main, _, past = page.partition('id="past-h"')
    return main, past


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TZ", "America/New_York")
    return "America/New_York"


def test_the_closing_thank_you_comes_before_long_past_items(
        client: Client, example: int, tz: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_NOW", "2026-11-23T07:00:00-05:00")  # Monday, due at noon
    old = _old(client)
    main, past = _sections(client.get("/").text)
    assert "Northwind Analytics" in main and "Initech" not in main
    assert "Initech" in past and "Past due" in past
    first = re.search(r'<li class="agenda-item urgency-(\w+)', main)
    assert first and first.group(1) == "closing"
    assert "5 hours left, until today 12:00" in main
    assert f'action="/today/close/{old}"' in past and 'action="/today/dismiss"' in past


def test_words_match_what_happened(client: Client, tz: str) -> None:
    _old(client)
    page = client.get("/").text
    assert "without an answer" not in page  # no check-in was ever sent
    assert "on Tue 15 Oct 2024" in page or "2024" in page  # another year says its year


def test_relative_words_follow_the_header_day(client: Client, example: int, tz: str) -> None:
    # 16:00 in New York on Fri 20 Nov 2026 (EPOCH): the header and "today" agree
    page = client.get("/").text
    assert "Friday 20 November 2026 · times in EST (America/New_York)" in page
    assert page.count("(EST)") == 0 and page.count("America/New_York") == 1


def test_the_header_day_is_the_users_not_utc(client: Client, example: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_NOW", "2026-11-21T02:30:00+00:00")  # 21:30 in New York
    monkeypatch.setenv("TZ", "America/New_York")
    assert "Friday 20 November 2026" in client.get("/").text
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert "Saturday 21 November 2026 · times in JST (Asia/Tokyo)" in client.get("/").text


def test_dismiss_hides_one_step_and_is_kept(client: Client, tz: str, db_url: str) -> None:
    old = _old(client)
    past = _sections(client.get("/").text)[1]
    kind, number = re.search(r'name="kind" value="(\w+)"><input type="hidden" name="number" '
                             r'value="(\d+)"', past).groups()  # type: ignore[union-attr]
    done = client.submit("/today/dismiss", {"application_id": old, "kind": kind,
                                            "number": number}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/"
    again = client.get("/").text
    assert f'name="kind" value="{kind}"><input type="hidden" name="number" value="{number}"' \
        not in again
    before = row_counts(db_url)
    client.submit("/today/dismiss", {"application_id": old, "kind": kind, "number": number})
    assert row_counts(db_url) == before  # dismissing twice changes nothing
    bad = client.submit("/today/dismiss", {"application_id": old, "kind": "<b>x", "number": 1})
    assert bad.status_code == 400 and "no step kind" in bad.text
    assert client.submit("/today/dismiss", {"application_id": 999, "kind": "check_in",
                                            "number": 1}).status_code == 404


def test_close_the_application_in_one_click(client: Client, tz: str) -> None:
    old = _old(client)
    done = client.submit(f"/today/close/{old}", follow_redirects=False)
    assert done.status_code == 303
    assert client.get(f"/api/applications/{old}").json()["status"] == "closed"
    assert "Initech" not in client.get("/").text


def test_the_ask_says_how_many_check_ins_were_sent() -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from afterword.plan.policy import PlanSettings, plan

    ny = ZoneInfo("America/New_York")
    steps = plan(interview_end=datetime(2024, 10, 1, 11, tzinfo=ny), tz="America/New_York",
                 expected_reply_by=date(2024, 10, 8), status="active", sent=[],
                 now=datetime(2026, 11, 20, 16, tzinfo=ny), settings=PlanSettings())
    ask = next(s for s in steps if s.kind == "ask_continue")
    assert "without an answer" not in ask.reason and "0 of 4 sent so far" in ask.reason


def _sent(db_url: str, app_id: int, *notes: tuple[str, str]) -> None:
    """Record notes of the application as sent (kind, ISO time), as a send would."""
    from datetime import datetime

    from afterword.store import repo
    from afterword.store.db import session_scope

    with session_scope(db_url) as session:
        app = repo.get_application(session, app_id)
        for kind, at in notes:
            moment = datetime.fromisoformat(at)
            repo.save_note(session, app, body="Dear Ms. Lee,\n\nThank you.\n\nBest,\nSam",
                           now=moment, person=app.people[0], kind=kind, status="sent",
                           sent_at=moment)


def _interview(client: Client, company: str, day: str, reply_by: str | None = None) -> int:
    made = client.api("POST", "/api/applications", json={
        "company": company, "role": "Analyst", "timezone": "America/New_York",
        "interview_start": f"{day}T10:00:00", "interview_end": f"{day}T11:00:00",
        **({"expected_reply_by": reply_by} if reply_by else {})})
    app_id = int(made.json()["id"])
    client.submit(f"/applications/{app_id}/people", {"name": "Ana Lee", "role": "interviewer",
                                                     "email": f"ana@{company.lower()}.example"})
    return app_id


def _group(page: str, company: str) -> str:
    """The text of one application's group under Past due."""
    past = _sections(page)[1]
    found = re.search(rf'<li class="past-item">(?:(?!<li class="past-item">).)*?at {company}'
                      r'(?:(?!<li class="past-item">).)*', past, re.S)
    assert found, f"{company} is not under Past due"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def test_past_due_says_what_was_sent_in_each_state(client: Client, tz: str,
                                                   db_url: str) -> None:
    # Friday 20 November 2026 (EPOCH): four interviews weeks ago, in four states
    _interview(client, "Draco", "2026-10-20")  # nothing sent at all
    thanked = _interview(client, "Aquila", "2026-10-20")
    _sent(db_url, thanked, ("thank_you", "2026-10-20T15:00:00-04:00"))
    once = _interview(client, "Borealis", "2026-10-06")
    _sent(db_url, once, ("thank_you", "2026-10-06T15:00:00-04:00"),
          ("check_in", "2026-10-16T09:30:00-04:00"))
    answered = _interview(client, "Cygnus", "2026-10-13")
    _sent(db_url, answered, ("thank_you", "2026-10-13T15:00:00-04:00"))
    client.submit(f"/applications/{answered}/status", {"status": "rejected"})
    page = unescape(client.get("/").text)

    draco = _group(page, "Draco")
    assert "Nothing sent yet: no thank-you, no check-in." in draco
    assert "Thank-you notes · Was due on Wed 21 Oct" in draco
    aquila = _group(page, "Aquila")
    assert "Thank-you sent on Tue 20 Oct; no check-in sent yet." in aquila
    assert "Check-in 1 · Was due" in aquila and "Thank-you notes" not in aquila
    borealis = _group(page, "Borealis")
    assert "Thank-you sent on Tue 6 Oct; 1 check-in sent, the last on Fri 16 Oct." in borealis
    assert "Check-in 2 · Was due" in borealis and "Check-in 1 " not in borealis
    # an answer came (a rejection): no follow-up is past due, a gracious reply is offered
    assert "at Cygnus" not in _sections(page)[1]
    assert "a gracious reply to Cygnus" in _sections(page)[0]
    assert "without an answer" not in page  # nothing was ever left unanswered 4 times
    # nothing is "coming up" for an application still behind: it would be planned from a
    # check-in that never went ("three weeks after check-in 2")
    coming = page.partition("Coming up")[2]
    for company in ("Draco", "Aquila", "Borealis", "Cygnus"):
        assert company not in coming, coming


def test_an_interview_not_yet_held_has_no_thank_you_closing(client: Client, tz: str) -> None:
    # Friday 20 November 16:00 (EPOCH); the interview is on Monday at 10:00
    _interview(client, "Lyra", "2026-11-23")
    page = unescape(client.get("/").text)
    item = re.search(r'<li class="agenda-item urgency-(\w+)">.*?</li>', page, re.S)
    assert item and item.group(1) == "upcoming", page
    assert "Closing soon" not in page and "hours left" not in page
    assert "the interview that ends Monday, November 23 at 11:00 EST" in item.group(0)
