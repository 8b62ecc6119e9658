"""The whole journey of a new user in Chromium, against a real server and a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_journey import INVITE
from tests.mail.conftest import Recorder, free_port
from tests.web.browser import Server, launch, need_chromium, shot, start_server
from tests.web.conftest import EPOCH


@pytest.fixture(scope="module")
def smtp() -> Iterator[Recorder]:
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    recorder.port = port  # type: ignore[attr-defined]
    try:
        yield recorder
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, smtp: Recorder) -> Iterator[Server]:
    need_chromium()
    root = tmp_path_factory.mktemp("web")
    env = {"AFTERWORD_NOW": EPOCH, "AFTERWORD_USER_NAME": "Sam Ortiz",
           "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org", "AFTERWORD_SMTP_HOST": "127.0.0.1",
           "AFTERWORD_SMTP_PORT": str(smtp.port), "AFTERWORD_SMTP_SECURITY": "none",  # type: ignore[attr-defined]
           "AFTERWORD_SEND_BACKOFF_SECONDS": "0.01"}
    yield from start_server(root, env)


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        made = launch(playwright)
        try:
            yield made
        finally:
            made.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    made = context.new_page()
    made.set_default_timeout(15_000)
    dialogs: list[str] = []
    made.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside: list[str] = []
    made.on("request", lambda r: None if r.url.startswith((server.url, "data:", "mailto:"))
            else outside.append(r.url))
    made.dialogs = dialogs
    yield made
    assert outside == [], f"requests left the machine: {outside}"
    context.close()


def test_a_new_user_goes_from_invite_to_a_sent_note(page: Any, server: Server, smtp: Recorder,
                                                   tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/")
    expect(page.get_by_role("button", name="Load the example")).to_be_visible()
    shot(page, "01-first-run")

    invite = tmp_path / "interview.ics"
    invite.write_text(INVITE, encoding="utf-8")
    page.get_by_label("Calendar invites (.ics)").set_input_files(str(invite))
    page.get_by_role("button", name="Upload invite").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northwind Analytics")
    page.get_by_label("Something you discussed with Priya Raman").fill(
        "moving the sales dashboards to dbt")
    page.get_by_role("button", name="Add moment").first.click()
    expect(page.locator("#people")).to_contain_text("moving the sales dashboards to dbt")
    shot(page, "02-application")

    page.get_by_role("link", name="Write thank-you notes").click()
    page.get_by_role("button", name="Start a draft to Priya Raman").click()
    tabs = page.get_by_role("navigation", name="Interviewers")
    expect(tabs).to_contain_text("Priya Raman")
    expect(tabs).to_contain_text("Zoë O'Brien-Müller")
    body = page.get_by_role("textbox", name="Note", exact=True)
    expect(body).to_contain_text("Dear")
    send = page.get_by_role("button", name="Send", exact=True)
    expect(send).to_be_enabled()
    shot(page, "03-compose")

    text = body.input_value()
    assert "Priya" in text, text
    body.fill(text.replace("Priya", "Pryia", 1))
    flagged = page.locator("#hl mark.sev-error", has_text="Pryia")
    expect(flagged).to_be_attached()
    expect(send).to_be_disabled()
    box = flagged.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#pop")).to_contain_text("Priya")
    shot(page, "04-compose-flagged", full=False)

    page.locator("#pop .chip", has_text="Priya").first.click()
    expect(page.locator("#hl mark.sev-error")).to_have_count(0)
    expect(send).to_be_enabled()
    assert "Pryia" not in body.input_value()
    send.click()
    expect(page.locator("#outcome")).to_contain_text("Sent")
    shot(page, "05-sent")
    assert [r.rcpt_tos for r in smtp.received] == [["priya.raman@northwind.example"]]
    assert "Priya" in smtp.received[0].message.get_content()

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Today").click()
    expect(page.locator(".coming")).to_contain_text("Check-in 1 · Northwind Analytics")
    shot(page, "06-today")
    nav.get_by_role("link", name="Applications").click()
    page.locator("#main").get_by_role("link", name="Northwind Analytics").click()
    expect(page.locator("svg.timeline")).to_contain_text("Thank-you sent")
    shot(page, "07-timeline")
    for name in ("Calendar", "Settings", "Backup", "Add"):
        nav.get_by_role("link", name=name, exact=True).click()
        shot(page, f"08-{name.lower()}")
    assert page.dialogs == []


def test_it_reads_well_on_a_phone(browser: Any, server: Server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    for path, name in (("/", "today"), ("/applications/1", "application"),
                       ("/notes/2", "compose")):
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1, path
        shot(page, f"09-phone-{name}")
    context.close()


PAYLOADS = ("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>", "</textarea><script>alert(4)</script>",
            "{{7*7}}<iframe src=javascript:alert(5)>")


def test_xss_payloads_in_every_text_field_render_as_text(page: Any, server: Server) -> None:
    page.goto(server.url + "/applications/new")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    post = page.request.post
    for n, bad in enumerate(PAYLOADS):
        made = post(server.url + "/applications", form={
            "csrf_token": token, "company": f"Acme {bad}", "role": bad, "industry": bad,
            "timezone": "UTC", "interview_start": "2026-11-20T09:00",
            "interview_end": "2026-11-20T10:00"})
        app_id = int(made.url.rsplit("/", 1)[1])
        post(f"{server.url}/applications/{app_id}/people", form={
            "csrf_token": token, "name": f"Ann {bad}", "title": bad, "honorific": "Dr.",
            "email": f"ann{n}@acme.example", "role": "interviewer"})
        page.goto(f"{server.url}/applications/{app_id}")
        person = page.locator("article.person").first.get_attribute("id").split("-")[1]
        post(f"{server.url}/people/{person}/moments", form={"csrf_token": token, "text": bad})
        page.goto(f"{server.url}/applications/{app_id}/compose")
        page.get_by_role("button", name="Start a draft").click()
        page.wait_for_url("**/notes/*")
        note = page.url.rsplit("/", 1)[1]
        post(f"{server.url}/notes/{note}", form={"csrf_token": token, "subject": bad,
                                                 "body": f"Dear Ann,\n{bad}\nSam"})
        post(server.url + "/settings", form={"csrf_token": token, "user_name": f"Sam {bad}",
                                             "signature": bad})
        for path in ("/", "/applications", f"/applications/{app_id}", f"/notes/{note}",
                     "/settings", f"/applications/{app_id}/edit"):
            page.goto(server.url + path)
            page.wait_for_timeout(150 if path.startswith("/notes") else 0)
            assert page.locator("script:not([src])").count() == 0, path
            assert page.locator("img[src=x], iframe, #main svg[onload]").count() == 0, path
    page.goto(f"{server.url}/notes/{note}")
    expect_text = page.locator("#body").input_value()
    assert PAYLOADS[-1] in expect_text
    shot(page, "10-xss-as-text")
    assert page.dialogs == []
