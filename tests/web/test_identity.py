"""Who you are comes first on the web too, in the same afterword.toml the CLI reads; an
imported invite asks rather than storing you as your own interviewer."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.config import load_settings
from tests.web.conftest import BASE, Client

FIXTURES = Path(__file__).parents[1] / "calendar" / "fixtures"


@pytest.fixture
def newcomer(db_url: str, web_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """A fresh install: nobody has said who they are."""
    from afterword.web import create_app

    monkeypatch.delenv("AFTERWORD_USER_NAME")
    monkeypatch.delenv("AFTERWORD_USER_EMAIL")
    with Client(create_app(db_url), base_url=BASE) as made:
        yield made


def config_file(web_env: Path) -> Path:
    return web_env / "config" / "afterword" / "afterword.toml"


def upload(client: Client, name: str) -> object:
    with (FIXTURES / name).open("rb") as handle:
        return client.post("/applications/import", data={"csrf_token": client.token},
                           files={"invite": (name, handle, "text/calendar")})


def test_the_first_run_asks_who_you_are_before_anything_else(newcomer: Client) -> None:
    first = newcomer.get("/", follow_redirects=False)
    assert (first.status_code, first.headers["location"]) == (303, "/welcome")
    page = newcomer.get("/welcome")
    assert "Your email addresses" in page.text and "Upload invite" not in page.text


def test_a_bad_address_comes_back_as_typed_with_the_reason(newcomer: Client,
                                                           web_env: Path) -> None:
    done = newcomer.submit("/welcome", {"user_name": "Zoë O'Brien-Müller",
                                        "user_emails": "zoe@example.org\nnot an address"})
    assert done.status_code == 400
    assert "is not an email address" in done.text
    assert "Zoë O&#39;Brien-Müller" in done.text and "not an address" in done.text
    assert not config_file(web_env).exists()


def test_who_you_are_is_saved_where_the_cli_reads_it(newcomer: Client, web_env: Path) -> None:
    done = newcomer.submit("/welcome", {
        "user_name": "Sam Ortiz", "user_emails": "sam.ortiz@gmail.com, sortiz3@state.edu",
        "signature": "Sam Ortiz\n(555) 010-2030"}, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/")
    saved = tomllib.loads(config_file(web_env).read_text(encoding="utf-8"))
    assert saved["user_name"] == "Sam Ortiz" and saved["user_email"] == "sam.ortiz@gmail.com"
    assert saved["user_emails"] == ["sortiz3@state.edu"]
    settings = load_settings()  # what the CLI sees
    assert settings.signature == "Sam Ortiz\n(555) 010-2030"
    assert "Load the example" in newcomer.get("/").text


def test_an_attendee_who_seems_to_be_you_is_asked_about(newcomer: Client,
                                                        web_env: Path) -> None:
    newcomer.submit("/welcome", {"user_name": "Sam Ortiz", "user_emails": "sam.ortiz@gmail.com"})
    page = upload(newcomer, "school_address_candidate.ics")
    assert page.status_code == 200  # type: ignore[attr-defined]
    assert "Is Sam Ortiz &lt;sortiz3@state.edu&gt; you?" in page.text  # type: ignore[attr-defined]
    app_id = int(re.search(r"/applications/(\d+)/answers", page.text).group(1))  # type: ignore[attr-defined,union-attr]
    assert "sortiz3" not in newcomer.get(f"/applications/{app_id}").text
    newcomer.submit(f"/applications/{app_id}/answers", {
        "kind": "is_you", "name": "Sam Ortiz", "email": "sortiz3@state.edu", "reply": "yes"})
    assert "sortiz3@state.edu" in config_file(web_env).read_text(encoding="utf-8")
    assert "sortiz3" not in newcomer.get(f"/applications/{app_id}").text


def test_the_add_form_takes_a_time_zone_a_reply_date_and_several_interviewers(
        client: Client) -> None:
    form = client.get("/applications/new").text
    assert '<select id="f-timezone" name="timezone">' in form and "<option>Asia/Tokyo" in form
    done = client.submit("/applications", {
        "company": "Globex", "role": "Analyst", "timezone": "Asia/Tokyo",
        "interview_start": "2026-11-20T10:00", "expected_reply_by": "2026-12-04",
        "interviewers": "Ana Lima <ana@globex.example>\nDr. Bo Chen\n"}, follow_redirects=False)
    assert done.status_code == 303, done.text
    shown = client.get(done.headers["location"]).text
    assert "Ana Lima" in shown and "Bo Chen" in shown
    bad = client.submit("/applications", {
        "company": "Globex", "role": "Analyst", "timezone": "Asia/Tokyo",
        "interviewers": "Ana <ana@@globex>"})
    assert bad.status_code == 400 and "interviewer" in bad.text
    assert "Ana &lt;ana@@globex&gt;" in bad.text  # the form comes back as typed
