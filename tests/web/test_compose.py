"""Compose opens without creating, drafts are made by a button, a fresh draft replaces."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.web.conftest import Client, first_note, row_counts


def test_opening_compose_creates_nothing(client: Client, example: int, db_url: str) -> None:
    before = row_counts(db_url)
    page = client.get(f"/applications/{example}/compose")
    assert page.status_code == 200 and row_counts(db_url) == before
    tabs = re.findall(r'<nav class="tabs".*?</nav>', page.text, re.S)[0]
    assert "Priya Raman" in tabs and "Arjun Mehta" in tabs and "Leo Park" not in tabs
    button = re.search(r'<form method="post" action="/applications/\d+/drafts">.*?</form>',
                       page.text, re.S)
    assert button and 'name="csrf_token"' in button.group(0) and "Start a draft" in page.text


def test_an_image_tag_cannot_make_drafts(client: Client, example: int, db_url: str) -> None:
    before = row_counts(db_url)
    for url in (f"/applications/{example}/compose", f"/applications/{example}/compose?person=2",
                f"/applications/{example}/drafts"):
        client.get(url)
    assert row_counts(db_url) == before


def test_the_button_drafts_one_note_to_the_chosen_person(client: Client, example: int) -> None:
    people = client.get(f"/api/applications/{example}").json()["people"]
    arjun = next(p for p in people if p["name"] == "Arjun Mehta")
    done = client.submit(f"/applications/{example}/drafts", {"person": arjun["id"]},
                         follow_redirects=False)
    note = client.get(done.headers["location"].replace("/notes/", "/api/notes/")).json()
    assert note["person_id"] == arjun["id"]
    notes = client.get(f"/api/applications/{example}").json()["notes"]
    assert [n["person_id"] for n in notes] == [arjun["id"]]
    again = client.submit(f"/applications/{example}/drafts", {"person": arjun["id"]},
                          follow_redirects=False)
    assert again.headers["location"] == done.headers["location"]  # no second draft
    opened = client.get(f"/applications/{example}/compose?person={arjun['id']}",
                        follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == done.headers["location"]


def test_a_fresh_draft_asks_first_and_replaces_the_old_one(client: Client, example: int) -> None:
    note = first_note(client, example)
    page = client.get(f"/notes/{note}").text
    ask = re.search(r'<details class="redraft">.*?</details>', page, re.S)
    assert ask and "cannot be undone" in ask.group(0)  # the button sits behind a question
    client.submit(f"/notes/{note}", {"body": "My own words, edited.", "subject": "Hello"})
    count = len(client.get(f"/api/applications/{example}").json()["notes"])
    done = client.submit(f"/notes/{note}/redraft", follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/notes/{note}"
    after = client.get(f"/api/applications/{example}").json()["notes"]
    assert len(after) == count  # replaced, not left beside
    body = client.get(f"/api/notes/{note}").json()["body"]
    assert "My own words" not in body and "Raman" in body


def test_two_fixes_in_a_row_both_apply(client: Client, example: int) -> None:
    note = first_note(client, example)
    body = client.get(f"/api/notes/{note}").json()["body"]
    wrong = body.replace("Raman", "Ramen").replace("Northwind", "Nortwind", 1)
    page = client.submit(f"/notes/{note}", {"body": wrong, "subject": "Thank you"}).text
    fixes = re.findall(r'name="start" value="(\d+)"><input type="hidden" name="end" '
                       r'value="(\d+)">\s*<button class="chip" type="submit" '
                       r'name="replacement" value="([^"]+)"', page)
    assert len(fixes) >= 2
    seen = [client.get(f"/api/notes/{note}").json()["body"]]
    for _ in range(2):  # each fix re-renders fresh offsets for the next
        page = client.get(f"/notes/{note}").text
        start, end, value = re.findall(
            r'name="start" value="(\d+)"><input type="hidden" name="end" value="(\d+)">\s*'
            r'<button class="chip" type="submit" name="replacement" value="([^"]+)"', page)[0]
        done = client.submit(f"/notes/{note}/fix", {"start": start, "end": end,
                                                    "replacement": value},
                             follow_redirects=False)
        assert done.status_code == 303
        seen.append(client.get(f"/api/notes/{note}").json()["body"])
    assert seen[0] != seen[1] != seen[2]


def test_send_is_disabled_with_a_link_when_no_mail_server_is_set(client: Client,
                                                                  example: int) -> None:
    page = client.get(f"/notes/{first_note(client, example)}").text
    send = re.search(r'<button[^>]*id="send"[^>]*>', page)
    assert send and "disabled" in send.group(0)
    assert re.search(r'id="send-gate"[^>]*>[^<]*<a href="/settings#mail"', page)


def test_an_unsent_note_is_checked_as_going_out_now_not_as_sent(client: Client) -> None:
    import json
    from html import unescape

    made = client.api("POST", "/api/applications", json={
        "company": "Initech", "role": "Analyst", "timezone": "America/Chicago",
        "interview_start": "2024-10-01T10:00:00", "interview_end": "2024-10-01T11:00:00"})
    app = made.json()["id"]
    client.submit(f"/applications/{app}/people", {"name": "Ana Lee", "role": "interviewer",
                                                  "email": "ana@initech.example"})
    page = client.get(f"/notes/{first_note(client, app)}").text
    context = json.loads(unescape(re.search(r'id="context" value="([^"]*)"', page).group(1)))  # type: ignore[union-attr]
    assert context["send_at"].startswith("2026-11-20")  # now (EPOCH), not the interview day
    assert "Sent 1" not in page and "hours after the interview" not in page
    assert re.search(r"Going out about 2 years after the interview", page)


def test_the_check_says_its_times_on_the_users_clock(client: Client,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The interview ends at 11:30 in Los Angeles on Friday; the user lives in New York.
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("AFTERWORD_NOW", "2026-12-04T21:00:00+00:00")
    made = client.api("POST", "/api/applications", json={
        "company": "Bluepeak Labs", "role": "Product Designer",
        "timezone": "America/Los_Angeles", "interview_start": "2026-12-04T10:00:00",
        "interview_end": "2026-12-04T11:30:00"})
    app = made.json()["id"]
    client.submit(f"/applications/{app}/people", {"name": "Dana Whitfield",
                                                  "role": "interviewer",
                                                  "email": "dana@bluepeak.example"})
    note = first_note(client, app)
    # Tuesday 12:00 in New York: past Monday noon in Los Angeles (15:00 New York)
    monkeypatch.setenv("AFTERWORD_NOW", "2026-12-08T17:00:00+00:00")
    page = unescape(client.get(f"/notes/{note}").text)
    assert "Times on this page are in EST (America/New_York)." in page
    assert page.count("America/New_York") == 1  # the zone said once
    assert "(by Mon 15:00) is best" in page  # Monday noon in Los Angeles, on the user's clock
    assert "Going out 4 days after the interview" in page
    assert not re.search(r"\bSent\b", page)  # not sent yet: nothing says it was
