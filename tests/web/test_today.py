"""Today tells the truth: most urgent first, long-past items apart with close/dismiss,
words that match what happened, times in the user's zone stated once."""

from __future__ import annotations

import re

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
