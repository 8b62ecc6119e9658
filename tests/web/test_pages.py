"""Every page and form, through FastAPI's TestClient, on a fresh database."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.cli.test_journey import INVITE
from tests.web.conftest import BASE, Client, first_note


def test_a_new_user_is_offered_the_example(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Load the example" in page.text and 'action="/applications/import"' in page.text


def test_loading_the_example_shows_it_working(client: Client, example: int) -> None:
    detail = client.get(f"/applications/{example}")
    assert "Northwind Analytics" in detail.text and "Priya Raman" in detail.text
    assert "moving the sales dashboards to dbt" in detail.text
    assert '<svg class="timeline"' in detail.text and "Today" in detail.text
    today = client.get("/")
    assert "Send thank-you notes" in today.text or "thank-you" in today.text.lower()


def test_every_page_renders(client: Client, example: int) -> None:
    for url in ("/", "/applications", "/applications/new", f"/applications/{example}",
                f"/applications/{example}/edit", "/calendar", "/settings", "/backup"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")


def _note_id(client: Client, app_id: int) -> int:
    return first_note(client, app_id)


def test_a_misspelled_name_is_marked_and_blocks_send(client: Client, example: int) -> None:
    note = _note_id(client, example)
    body = client.get(f"/api/notes/{note}").json()["body"]
    wrong = body.replace("Raman", "Ramen", 1)
    page = client.submit(f"/notes/{note}", {"body": wrong, "subject": "Thank you"})
    assert page.status_code == 200
    layer = re.search(r'<div class="hl" id="hl" aria-hidden="true">(.*?)</div>', page.text, re.S)
    assert layer and re.search(r'<mark class="sev-error"[^>]*>Dr. Ramen</mark>', layer.group(1))
    assert page.text.count("Dr. Ramen") == 3  # the editor, its highlight layer, the finding
    assert re.search(r'id="send"[^>]*disabled', page.text)
    start, end, value = re.search(  # the server-rendered "Use …" button (works without JS)
        r'name="start" value="(\d+)"><input type="hidden" name="end" value="(\d+)">\s*'
        r'<button class="chip" type="submit" name="replacement" value="([^"]+)"',
        page.text).groups()  # type: ignore[union-attr]
    assert value == "Dr. Raman"
    fixed = client.submit(f"/notes/{note}/fix", {"start": start, "end": end,
                                                 "replacement": value},
                          follow_redirects=False)
    assert fixed.status_code == 303
    assert "Raman" in client.get(f"/api/notes/{note}").json()["body"]
    assert 'class="count count-error">0 errors' in client.get(f"/notes/{note}").text


def test_a_stale_suggestion_is_refused_in_one_line(client: Client, example: int) -> None:
    note = _note_id(client, example)
    done = client.submit(f"/notes/{note}/fix", {"start": 99999, "end": 100000,
                                                "replacement": "x"})
    assert done.status_code == 400 and "no longer fits" in done.text


def test_sending_without_a_mail_server_is_explained(client: Client, example: int) -> None:
    note = _note_id(client, example)
    page = client.submit(f"/notes/{note}/send")
    assert "Not sent" in page.text and "SMTP is not configured" in page.text
    assert client.get(f"/api/notes/{note}").json()["status"] == "draft"


def test_drafts_folder_without_imap_is_explained(client: Client, example: int) -> None:
    note = _note_id(client, example)
    page = client.submit(f"/notes/{note}/mailbox")
    assert "IMAP is not configured" in page.text  # asked all the same: said, nothing lost
    compose = client.get(f"/notes/{note}").text
    assert "Save to Drafts folder" not in compose  # not offered before a mailbox is set up
    assert "and your mailbox, to save to its Drafts folder" in compose


def test_the_drafts_folder_is_offered_once_a_mailbox_is_set_up(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from afterword.web import create_app

    monkeypatch.setenv("AFTERWORD_IMAP_HOST", "imap.example.org")
    with Client(create_app(db_url), base_url=BASE) as client:
        client.submit("/example")
        compose = client.get(f"/notes/{first_note(client, 1)}").text
    assert re.search(r'<button[^>]*formaction="/notes/\d+/mailbox">Save to Drafts folder<',
                     compose)
    assert "to save to its Drafts folder" not in compose


def test_other_ways_to_deliver(client: Client, example: int) -> None:
    note = _note_id(client, example)
    eml = client.get(f"/notes/{note}/note.eml")
    assert eml.headers["content-type"].startswith("message/rfc822")
    assert b"X-Unsent: 1" in eml.content and b"priya.raman@northwind.example" in eml.content
    missing = client.get(f"/notes/{note}/card.pdf")  # no mailing address yet: says what to add
    assert missing.status_code == 400 and "address" in missing.text
    person = client.get(f"/api/notes/{note}").json()["person_id"]
    who = next(p for p in client.get(f"/api/applications/{example}").json()["people"]
               if p["id"] == person)
    client.submit(f"/people/{person}", {"name": who["name"], "role": "interviewer",
                                        "honorific": who["honorific"] or "",
                                        "email": who["email"], "spelling_confirmed": "true",
                                        "mailing_address": "Northwind Analytics\n"
                                        "1 Main St\nSpringfield, IL 62701"})
    pdf = client.get(f"/notes/{note}/card.pdf")
    assert pdf.content.startswith(b"%PDF"), pdf.text[-300:]
    assert 'href="mailto:priya.raman@northwind.example?subject=' in client.get(
        f"/notes/{note}").text


def test_upload_an_invite_creates_the_application(client: Client) -> None:
    done = client.post("/applications/import", data={"csrf_token": client.token},
                       files={"invite": ("invite.ics", INVITE.encode(), "text/calendar")},
                       follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"])
    assert "Northwind Analytics" in page.text and "Zoë O&#39;Brien-Müller" in page.text
    assert "Sam Ortiz" not in re.findall(r'id="people".*', page.text, re.S)[0].split(
        "Add a person")[0]


def test_bad_uploads_get_one_line_and_change_nothing(client: Client) -> None:
    for name, payload in (("empty.ics", b""), ("half.ics", INVITE[: len(INVITE) // 2].encode()),
                          ("photo.ics", b"\x89PNG\r\n\x1a\n\x00\x00"),
                          ("big.ics", b"A" * 1_000_001)):
        done = client.post("/applications/import", data={"csrf_token": client.token},
                           files={"invite": (name, payload, "text/calendar")})
        assert done.status_code == 400, name
        banner = re.search(r'<div class="banner banner-error" role="alert">(.*?)</div>',
                           done.text, re.S)
        assert banner and "\n" not in banner.group(1).strip(), name
    assert client.get("/api/applications").json() == []


def test_several_invites_at_once_are_each_reported(client: Client, db_url: str) -> None:
    fixtures = Path(__file__).parents[1] / "calendar" / "fixtures"
    files = [("invite", ("zoom.ics", (fixtures / "zoom.ics").read_bytes(), "text/calendar")),
             ("invite", ("broken <b>x</b>.ics", b"BEGIN:VCALENDAR\nBEGIN:VEVENT\n",
                         "text/calendar")),
             ("invite", ("lever.ics", (fixtures / "lever_meeting_with.ics").read_bytes(),
                         "text/calendar")),
             ("invite", ("empty.ics", b"", "text/calendar"))]
    done = client.post("/applications/import", data={"csrf_token": client.token}, files=files)
    assert done.status_code == 200, done.text[-500:]
    page = done.text
    assert "2 of 4 files imported" in page
    items = re.findall(r'<li class="import-file (\w+)">(.*?)</li>', page, re.S)
    assert [kind for kind, _ in items] == ["done", "failed", "done", "failed"]
    assert "zoom.ics" in items[0][1] and "created" in items[0][1]
    assert "broken &lt;b&gt;x&lt;/b&gt;.ics" in items[1][1] and "not imported" in items[1][1]
    assert "Globex" in items[2][1] and 'href="/applications/' in items[2][1]
    assert "empty.ics" in items[3][1] and "empty" in items[3][1]
    assert len(client.get("/api/applications").json()) == 2  # the good ones are kept
    again = client.post("/applications/import", data={"csrf_token": client.token},
                        files=files[:1] + files[2:3])
    assert "unchanged" in again.text and len(client.get("/api/applications").json()) == 2


def test_too_many_invites_at_once_are_refused_whole(client: Client) -> None:
    from afterword.limits import MAX_INVITES_PER_UPLOAD

    files = [("invite", (f"{n}.ics", b"x", "text/calendar"))
             for n in range(MAX_INVITES_PER_UPLOAD + 1)]
    done = client.post("/applications/import", data={"csrf_token": client.token}, files=files)
    assert done.status_code == 400 and f"pick at most {MAX_INVITES_PER_UPLOAD}" in done.text
    assert client.get("/api/applications").json() == []


def test_the_add_form_keeps_what_was_typed(client: Client) -> None:
    typed = {"company": "Globex", "role": "Analyst", "interview_start": "not a date",
             "timezone": "America/New_York"}
    done = client.submit("/applications", typed)
    assert done.status_code == 400 and "must look like" in done.text
    assert 'value="Globex"' in done.text and 'value="not a date"' in done.text
    assert client.get("/api/applications").json() == []
    made = client.submit("/applications", {**typed, "interview_start": "2026-11-20T10:00",
                                           "interview_end": "2026-11-20T11:00"},
                         follow_redirects=False)
    assert made.status_code == 303


def test_edit_an_application(client: Client, example: int) -> None:
    done = client.submit(f"/applications/{example}/edit", {
        "company": "Northwind Analytics", "role": "Lead Analyst", "timezone": "Europe/Berlin",
        "expected_reply_by": "2026-12-10"}, follow_redirects=False)
    assert done.status_code == 303
    got = client.get(f"/api/applications/{example}").json()
    assert got["role"] == "Lead Analyst" and got["expected_reply_by"] == "2026-12-10"
    bad = client.submit(f"/applications/{example}/edit", {"company": "", "role": "x"})
    assert bad.status_code == 400 and 'value="x"' in bad.text


def test_people_spelling_and_moments(client: Client, example: int) -> None:
    person = client.get(f"/api/applications/{example}").json()["people"][0]
    client.submit(f"/people/{person['id']}", {"name": "Priya Raman", "role": "interviewer",
                                              "honorific": "Dr.", "spelling_confirmed": "false"})
    assert not client.get(f"/api/applications/{example}").json()["people"][0][
        "spelling_confirmed"]
    client.submit(f"/people/{person['id']}/moments", {"text": "the churn model"})
    page = client.get(f"/applications/{example}")
    assert "the churn model" in page.text and "spelling not confirmed" in page.text
    moment = re.search(r'/moments/(\d+)/delete', page.text).group(1)  # type: ignore[union-attr]
    client.submit(f"/moments/{moment}/delete")
    client.submit(f"/applications/{example}/people", {"name": "Ana Lee", "role": "interviewer",
                                                      "email": "ana@northwind.example"})
    names = [p["name"] for p in client.get(f"/api/applications/{example}").json()["people"]]
    assert "Ana Lee" in names
    assert client.submit(f"/applications/{example}/people", {"name": " "}).status_code == 400
    assert client.submit(f"/people/{person['id']}/moments", {"text": ""}).status_code == 400


def test_closing_an_application_stops_its_follow_ups(client: Client, example: int) -> None:
    assert client.get("/api/today").json()
    client.submit(f"/applications/{example}/status", {"status": "withdrawn"})
    assert client.get("/api/today").json() == []
    assert client.submit(f"/applications/{example}/status", {"status": "nope"}).status_code == 400


def test_the_calendar_feed_needs_its_secret(client: Client, example: int) -> None:
    assert "/calendar/" not in client.get("/calendar").text.split("<main", 1)[1].split(
        'action="/calendar/renew"')[0]  # no address until asked for
    client.submit("/calendar/renew")
    page = client.get("/calendar").text
    feed = re.search(r'value="(http://127\.0\.0\.1:8000/calendar/[^"]+\.ics)"', page).group(1)  # type: ignore[union-attr]
    got = client.get(feed)
    assert got.status_code == 200 and b"BEGIN:VEVENT" in got.content
    assert got.headers["content-type"].startswith("text/calendar")
    assert client.get("/calendar/guess.ics").status_code == 404
    client.submit("/calendar/renew")
    assert client.get(feed).status_code == 404
    renewed = re.search(r'value="(http://127\.0\.0\.1:8000/calendar/[^"]+\.ics)"',
                        client.get("/calendar").text).group(1)  # type: ignore[union-attr]
    assert client.get(renewed).status_code == 200
    client.submit("/calendar/revoke")  # stopped: no address works until a new one is made
    assert client.get(renewed).status_code == 404
    assert "Make the feed address" in client.get("/calendar").text


def test_settings_are_saved_to_afterword_toml(client: Client, web_env: Path) -> None:
    done = client.submit("/settings", {"user_name": "Sam Ortiz", "dialect": "british",
                                       "smtp_host": "smtp.example.org", "smtp_port": "465",
                                       "smtp_security": "tls", "holidays_country": "GB",
                                       "email_words_warning": "200", "signature": "+1 555 0100"})
    assert done.status_code == 200 and "Saved to" in done.text
    saved = tomllib.loads((web_env / "config" / "afterword" / "afterword.toml").read_text())
    assert saved["dialect"] == "british" and saved["thresholds"]["email_words_warning"] == 200
    assert "password" not in str(saved)
    assert 'value="smtp.example.org"' in client.get("/settings").text
    bad = client.submit("/settings", {"smtp_port": "lots"})
    assert bad.status_code == 400 and "whole number" in bad.text


def test_backup_round_trip(client: Client, example: int, tmp_path: Path) -> None:
    from afterword.web import create_app

    backup = client.get("/backup.json")
    assert backup.json()["applications"][0]["company"] == "Northwind Analytics"
    with Client(create_app(f"sqlite:///{tmp_path / 'other.db'}"), base_url=BASE) as other:
        done = other.post("/backup", data={"csrf_token": other.token},
                          files={"backup": ("b.json", backup.content, "application/json")},
                          follow_redirects=False)
        assert done.status_code == 303
        assert other.get("/api/applications").json()[0]["company"] == "Northwind Analytics"
        again = other.post("/backup", data={"csrf_token": other.token},
                           files={"backup": ("b.json", backup.content, "application/json")})
        assert again.status_code == 400
    bad = client.post("/backup", data={"csrf_token": client.token},
                      files={"backup": ("b.json", b"not json", "application/json")})
    assert bad.status_code == 400 and "not JSON" in bad.text


def test_the_interview_line_says_the_year_only_when_another_and_links_the_meeting(
        client: Client) -> None:
    link = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + "N" * 120
    invite = INVITE.replace("BEGIN:VEVENT\n", f"BEGIN:VEVENT\nLOCATION:{link}\n")
    done = client.post("/applications/import", data={"csrf_token": client.token},
                       files={"invite": ("invite.ics", invite.encode(), "text/calendar")})
    page = done.text
    facts = re.search(r'<p class="muted tl-facts">(.*?)</p>', page, re.S)
    assert facts, page[-800:]
    assert facts.group(1).startswith("Interview Fri 20 Nov, 14:00–15:30 (America/New_York)")
    assert f'<a href="{link}" rel="noreferrer noopener">meeting link (teams.microsoft.com)</a>' \
        in facts.group(1)
    made = client.api("POST", "/api/applications", json={
        "company": "Initech", "role": "Analyst", "timezone": "America/Chicago",
        "interview_start": "2024-10-01T10:00:00", "interview_end": "2024-10-01T11:00:00"})
    old = client.get(f"/applications/{made.json()['id']}").text
    facts = re.search(r'<p class="muted tl-facts">(.*?)</p>', old, re.S)
    assert facts and facts.group(1).startswith("Interview Tue 1 Oct 2024, 10:00–11:00")
