"""A career centre's whole loop, in a real browser, on the server as deployed: a real
PostgreSQL (started by the test), two web processes, two procrastinate workers and a real
SMTP server (aiosmtpd).

The admin invites a coach and a candidate; the worker mails the invitations; each follows
the emailed link and signs up; the candidate imports the interview's calendar invite,
drafts the thank-you and asks the coach for a review; the coach comments on a phrase; the
candidate sees the comment in the compose page, fixes the phrase and schedules the note;
the worker sends it (as the candidate, through the centre's relay) and the coach's
caseload shows it done.

Two clocks: the web processes run on Tuesday morning after a Monday-afternoon interview;
the workers run an hour later, so what is scheduled that morning has come due for them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select, text

from afterword.server.secrets import new_key
from afterword.store.accounts import Organisation
from afterword.store.db import session_scope
from afterword.store.scope import system
from afterword.store.tables import Note
from tests.mail.conftest import SmtpServer, free_port, smtp_server  # noqa: F401  (fixture)
from tests.server.web_processes import Web, web_processes
from tests.web.browser import launch, need_chromium, shot

NY = ZoneInfo("America/New_York")
INTERVIEW = datetime(2026, 11, 30, 14, 0, tzinfo=NY)  # a Monday afternoon
WEB_NOW = datetime(2026, 12, 1, 8, 40, tzinfo=NY)  # Tuesday, before business hours
WORKER_NOW = WEB_NOW + timedelta(hours=1)
PATIENCE = 120.0  # seconds for the workers on a loaded 2-core machine
ADMIN = ("ada@riverside.example", "Ada Admin", "admin password 4 the centre")
COACH = ("cora@riverside.example", "Cora Coach", "coach password 4 the centre")
CANDIDATE = ("lee.obrien@student.example", "Lee O'Brien-Zoë", "candidate pass 4 afterword")
PRIYA = "priya.raman@northwind.example"
KEY = new_key()

INVITE = f"""BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
DTSTART;TZID=America/New_York:{INTERVIEW:%Y%m%dT%H%M%S}
DTEND;TZID=America/New_York:{INTERVIEW + timedelta(hours=1):%Y%m%dT%H%M%S}
DTSTAMP:20261125T161204Z
ORGANIZER;CN=Jordan Lee:mailto:jordan.lee@northwind.example
UID:journey-{uuid.uuid4().hex}@google.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Jordan Lee:mailto:jordan.lee@northwind.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN={CANDIDATE[1]}:mailto:{CANDIDATE[0]}
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Priya Raman:mailto:{PRIYA}
SUMMARY:Interview: Senior Data Analyst - Northwind Analytics
DESCRIPTION:You'll meet Priya Raman (Head of Analytics).
LOCATION:Northwind Analytics\\, 12 Harbour Street
SEQUENCE:0
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def database(postgres_url: str) -> str:
    """This module's own database on the throwaway PostgreSQL server."""
    name = f"journey_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


def _environment(url: str, smtp: SmtpServer, port: int, now: datetime,
                 root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update({"AFTERWORD_DATABASE_URL": url,
                "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}",
                "AFTERWORD_INSECURE_COOKIES": "1", "AFTERWORD_SECRET_KEYS": KEY,
                "AFTERWORD_SMTP_HOST": "127.0.0.1", "AFTERWORD_SMTP_PORT": str(smtp.port),
                "AFTERWORD_SMTP_SECURITY": "none", "AFTERWORD_USER_NAME": "Riverside Careers",
                "AFTERWORD_USER_EMAIL": "noreply@riverside.example",
                "AFTERWORD_SEND_BACKOFF_SECONDS": "0.01", "AFTERWORD_NOW": now.isoformat(),
                "XDG_CONFIG_HOME": str(root / "config"), "XDG_DATA_HOME": str(root / "data")})
    return env


def _afterword(*args: str) -> list[str]:
    return [sys.executable, "-m", "afterword", *args]


@pytest.fixture
def deployed(database: str, smtp_server: SmtpServer,  # noqa: F811
             tmp_path: Path) -> Iterator[tuple[Web, list[subprocess.Popen[str]]]]:
    """`afterword server init` (with the centre and its admin), the centre's relay, then
    `afterword server serve` (two web processes) and two `afterword server worker`s on the
    database (the workers an hour ahead of the web)."""
    port = free_port()
    web_env = _environment(database, smtp_server, port, WEB_NOW, tmp_path)
    init = subprocess.run(
        _afterword("server", "init", "--organisation", "Riverside Careers", "--admin-email",
                   ADMIN[0], "--admin-name", ADMIN[1]),
        env={**web_env, "AFTERWORD_ADMIN_PASSWORD": ADMIN[2]}, capture_output=True, text=True,
        timeout=300)
    assert init.returncode == 0, init.stderr
    with session_scope(database) as session:
        system(session, "test set-up: the centre's relay")
        session.scalars(select(Organisation)).one().relay = {
            "host": "127.0.0.1", "port": smtp_server.port, "security": "none",
            "from_address": "careers@riverside.example", "from_name": "Riverside Careers",
            "members_as_from": True}
    worker_env = _environment(database, smtp_server, port, WORKER_NOW, tmp_path)
    workers = [subprocess.Popen(_afterword("server", "worker", "--tick", "1", "--name",
                                           f"w{number}"), env=worker_env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
               for number in (1, 2)]
    try:
        with web_processes(web_env, port, tmp_path / "web.log") as web:
            yield web, workers
    finally:
        for worker in workers:
            worker.kill()
            output, _ = worker.communicate(timeout=30)
            print("\n".join(line for line in output.splitlines()
                            if "procrastinate" not in line))  # shown when the test failed


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        made = launch(playwright)
        try:
            yield made
        finally:
            made.close()


def _wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"the workers did not manage {what} in {PATIENCE:g} s")


def _mail_to(smtp: SmtpServer, address: str) -> list[Any]:
    return [r.message for r in list(smtp.received) if address in r.rcpt_tos]


def _invitation_link(smtp: SmtpServer, address: str, web: Web) -> str:
    _wait_for(lambda: _mail_to(smtp, address), f"to mail {address}'s invitation")
    (mail,) = _mail_to(smtp, address)
    body = mail.get_body(("plain",)).get_content()
    found = re.search(re.escape(web.url) + r"/invite/\S+", body)
    assert found, body
    return found.group(0)


def _sign_in(page: Any, web: Web, who: tuple[str, str, str]) -> None:
    page.goto(web.url + "/")
    assert "/sign-in" in page.url  # nobody is signed in yet: every page asks first
    page.fill("#s-email", who[0])
    page.fill("#s-password", who[2])
    page.click("button:has-text('Sign in')")


def _sign_up(page: Any, link: str, who: tuple[str, str, str]) -> None:
    page.goto(link)
    assert page.input_value("#i-name") == who[1]  # the name the admin typed
    page.fill("#i-password", who[2])
    page.click("button:has-text('Create my account')")
    page.wait_for_load_state()
    assert "/sign-in" not in page.url and "/invite/" not in page.url


def _invite(page: Any, web: Web, who: tuple[str, str, str], role: str,
            coach: str | None = None) -> None:
    page.goto(web.url + "/admin/people")
    page.fill("#i-email", who[0])
    page.fill("#i-name", who[1])
    page.select_option("#i-role", role)
    if coach is not None:
        page.select_option("#i-coach", label=coach)
    page.click("button:has-text('Send the invitation')")
    page.wait_for_load_state()


def _page(browser: Any) -> Any:
    """A page in a browser context of its own (its own cookies: one person), patient with
    a loaded machine."""
    page = browser.new_context().new_page()
    page.set_default_timeout(PATIENCE * 1000)
    return page


def _note_status(url: str) -> list[str]:
    with session_scope(url) as session:
        system(session, "test: read back")
        return list(session.scalars(select(Note.status)))


def test_invite_sign_up_draft_review_fix_schedule_send_and_the_caseload_shows_it(
        deployed: tuple[Web, list[subprocess.Popen[str]]], browser: Any, database: str,
        smtp_server: SmtpServer, tmp_path: Path) -> None:  # noqa: F811
    web, _workers = deployed
    admin = _page(browser)
    _sign_in(admin, web, ADMIN)
    _invite(admin, web, COACH, "coach")
    _invite(admin, web, CANDIDATE, "candidate", coach=COACH[1])

    coach = _page(browser)
    _sign_up(coach, _invitation_link(smtp_server, COACH[0], web), COACH)
    candidate = _page(browser)
    _sign_up(candidate, _invitation_link(smtp_server, CANDIDATE[0], web), CANDIDATE)

    # the interview, from its calendar invite
    invite = tmp_path / "northwind.ics"
    invite.write_text(INVITE, encoding="utf-8")
    candidate.goto(web.url + "/applications/new")
    candidate.set_input_files("input[type=file][name=invite]", str(invite))
    candidate.click("button:has-text('Upload invites')")
    candidate.wait_for_load_state()
    assert "Northwind" in candidate.content()
    candidate.goto(web.url + "/applications")
    candidate.get_by_role("link", name="Northwind Analytics").click()
    app_url = candidate.url
    candidate.goto(app_url.split("#")[0].rstrip("/") + "/compose")
    candidate.click("form[action$='/drafts'] button[type=submit]")
    candidate.wait_for_selector("#body")
    draft = candidate.input_value("#body")
    assert "Priya" in draft or "Raman" in draft, draft
    note_url = candidate.url.split("#")[0]

    # the candidate asks; the coach comments on one phrase
    candidate.fill("#ask-message", "Is the opening too stiff?")
    candidate.click("#ask-review")
    candidate.wait_for_selector("#review-h")
    assert "waiting for your coach" in candidate.inner_text("#review")
    phrase = _first_sentence(draft)
    coach.goto(web.url + "/reviews")
    coach.get_by_role("link", name=CANDIDATE[1]).click()
    coach.fill("#c-about", phrase)
    coach.fill("#c-body", "Say what you enjoyed about the dashboards work instead.")
    coach.click("button:has-text('Comment')")
    coach.wait_for_load_state()
    assert "Say what you enjoyed" in coach.content()

    # the candidate sees it inline, fixes the phrase and schedules the note
    candidate.goto(note_url)
    panel = candidate.inner_text("#review")
    assert "Say what you enjoyed about the dashboards work instead." in panel
    assert candidate.inner_text("#review mark") == phrase  # the words it is about
    candidate.click("#review button:has-text('Mark resolved')")
    candidate.wait_for_selector("#review .tag-ok")
    fixed = draft.replace(phrase, "I enjoyed hearing how your team is rebuilding the sales "
                          "dashboards, and I would like to help with that work.")
    assert fixed != draft
    candidate.fill("#body", fixed)
    candidate.click("#send-later")
    candidate.wait_for_load_state()
    assert candidate.locator("#scheduled").count() == 1, candidate.inner_text("main")
    shot(candidate, "journey-scheduled")
    assert "scheduled" in _note_status(database)

    # the worker sends it, once, as the candidate through the centre's relay
    _wait_for(lambda: _mail_to(smtp_server, PRIYA), "to send the thank-you")
    time.sleep(3)  # a few more sweeps of both workers: nothing may go twice
    (sent,) = _mail_to(smtp_server, PRIYA)
    assert "rebuilding the sales dashboards" in sent.get_body(("plain",)).get_content()
    assert phrase not in sent.get_body(("plain",)).get_content()
    assert CANDIDATE[0] in str(sent["Reply-To"] or sent["From"])
    assert _note_status(database) == ["sent"]

    # the coach's caseload shows it done
    coach.goto(web.url + "/caseload")
    entry = coach.get_by_role("listitem").filter(has_text=CANDIDATE[1]).first.inner_text()
    assert re.search(r"Thank-you to Priya Raman \(.*Northwind Analytics\) sent", entry), entry
    shot(coach, "journey-caseload")


def _first_sentence(draft: str) -> str:
    """The first sentence of the draft's body (after the salutation)."""
    body = draft.split("\n\n", 1)[1]
    return re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0]
