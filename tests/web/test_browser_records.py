"""In Chromium, from an empty install: who you are → import → the people right → a draft to
each interviewer, never to yourself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import Server, launch, need_chromium, shot, start_server

FIXTURES = Path(__file__).parents[1] / "calendar" / "fixtures"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory,
           monkeypatch_module: pytest.MonkeyPatch) -> Iterator[Server]:
    need_chromium()
    for key in ("AFTERWORD_USER_NAME", "AFTERWORD_USER_EMAIL", "AFTERWORD_USER_EMAILS"):
        monkeypatch_module.delenv(key, raising=False)
    root = tmp_path_factory.mktemp("records-web")
    yield from start_server(root, {"AFTERWORD_NOW": "2026-12-09T15:00:00-05:00"})


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture
def page(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            made = browser.new_page(viewport={"width": 1280, "height": 860})
            made.set_default_timeout(15_000)
            yield made
        finally:
            browser.close()


def test_a_new_user_says_who_they_are_then_imports_and_drafts(page: Any,
                                                               server: Server) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("First, who you are")
    expect(page.get_by_label("Calendar invites (.ics)")).to_have_count(0)
    page.get_by_label("Your name").fill("Sam Ortiz")
    page.get_by_label("Your email addresses").fill("sam.ortiz@gmail.com")
    page.get_by_label("Signature").fill("Sam Ortiz\n(555) 010-2030")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("button", name="Load the example")).to_be_visible()
    shot(page, "records-01-after-who-you-are")

    page.get_by_label("Calendar invites (.ics)").set_input_files(
        str(FIXTURES / "lever_meeting_with.ics"))
    page.get_by_role("button", name="Upload invite").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Globex")
    people = page.locator("#people")
    for name in ("Dana Whitfield", "Omar Haddad", "Globex Talent"):
        expect(people).to_contain_text(name)
    expect(people).not_to_contain_text("Sam Ortiz")
    shot(page, "records-02-people")

    page.get_by_role("link", name="Write thank-you notes").click()
    page.get_by_role("button", name="Start a draft to Dana Whitfield").click()
    tabs = page.get_by_role("navigation", name="Interviewers")
    expect(tabs).to_contain_text("Dana Whitfield")
    expect(tabs).to_contain_text("Omar Haddad")
    expect(tabs).not_to_contain_text("Sam Ortiz")
    expect(tabs).not_to_contain_text("Globex Talent")
    body = page.get_by_role("textbox", name="Note", exact=True)
    expect(body).to_contain_text("Dear")
    assert "Dear Sam" not in body.input_value()
    assert "(555) 010-2030" in body.input_value()  # the signature from who you are
    shot(page, "records-03-compose")

    page.goto(server.url + "/applications/new")
    page.get_by_label("Calendar invites (.ics)").set_input_files(
        str(FIXTURES / "school_address_candidate.ics"))
    page.get_by_role("button", name="Upload invite").click()
    expect(page.locator("main")).to_contain_text("Is Sam Ortiz <sortiz3@state.edu> you?")
    shot(page, "records-04-is-this-you")
    page.get_by_role("button", name="Yes, that is me").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Woodgrove Bank")
    expect(page.locator("#people")).to_contain_text("Hannah Brooks")
    expect(page.locator("#people")).not_to_contain_text("sortiz3")
