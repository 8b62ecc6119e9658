"""The coaching and centre pages in Chromium at a phone's and a laptop's size: no sideways
scrolling, no squeezed text, touch targets of 44 px on a phone, and axe-core finds nothing.
A real server-mode app (uvicorn in a subprocess) over the test centre; screenshots go to
tests/web/artifacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from afterword.services import organisation, reviews
from afterword.store.accounts import User
from afterword.vocab import NoteState
from tests.server.centre import NOW, add_application, add_note, build
from tests.web.browser import free_port, launch, need_chromium
from tests.web.test_layout import NARROW, OVERFLOW, SIZES, SMALL, _axe, _page

PASSWORD = "a sensible passphrase"
SERVE = ("import sys, uvicorn; from afterword.web.app import create_app; "
         "port = int(sys.argv[2]); uvicorn.run(create_app(sys.argv[1], server=True, "
         "port=port), host='127.0.0.1', port=port, log_level='warning')")
BODY = ("Dear Ms. Raman,\n\nThank you for the conversation about the dashboards yesterday; "
        "I enjoyed hearing how your team reviews its work every Friday.\n\nBest regards,\nAna")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The centre with a review asked and answered, served in server mode."""
    need_chromium()
    root = tmp_path_factory.mktemp("coaching-layout")
    database = f"sqlite:///{root / 'centre.db'}"
    centre = build(database)
    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with centre.system() as session:
        for user in session.scalars(select(User)):
            user.password_hash = quick.hash(PASSWORD)
        app = add_application(session, centre.ids["ana"], "Northwind Analytics",
                              ended=NOW - timedelta(hours=20))
        note_id = add_note(session, app, BODY, errors=1).id
        other = add_application(session, centre.ids["ben"], "Globex Corporation International",
                                ended=NOW - timedelta(days=30), interviewer="Arjun Mehta")
        add_note(session, other, "Dear Mr. Mehta, thank you.", status=NoteState.SENT,
                 sent_at=NOW - timedelta(days=30, hours=-5))
    with centre.as_("ana") as (session, ana):
        review_id = reviews.request_review(session, note_id, by=ana, now=NOW,
                                           message="Is the middle too thin?").id
    with centre.as_("casey") as (session, casey):
        reviews.comment(session, review_id, by=casey, now=NOW, about="the dashboards",
                        body="Name the dbt move: it was what she lit up about.")
        organisation.create_template(session, by=casey, name="Hillside classic",
                                     kind="thank_you", now=NOW, body=(
                                         "{{ greeting }},\n\n{{ opening }}\n\n{{ closing }},"
                                         "\n{{ signer }}\n"))
    port = free_port()
    env = {**os.environ, "XDG_CONFIG_HOME": str(root / "config"),
           "XDG_DATA_HOME": str(root / "data"), "AFTERWORD_NOW": NOW.isoformat(),
           "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}"}
    log = (root / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-c", SERVE, database, str(port)], stdout=log,
                               stderr=subprocess.STDOUT, env=env, cwd=root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            assert process.poll() is None, (root / "server.log").read_text(errors="replace")
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}|{note_id}|{review_id}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        opened = launch(playwright)
        yield opened
        opened.close()


PAGES = {
    "casey": {"caseload": "/caseload", "reviews": "/reviews", "review": "/reviews/{review}",
              "templates": "/admin/templates", "coach-note": "/caseload/notes/{note}"},
    "admin": {"caseload-admin": "/caseload", "people": "/admin/people",
              "style": "/admin/style", "outcomes": "/admin/outcomes"},
    "ana": {"compose-review": "/notes/{note}", "my-reviews": "/reviews"},
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("who", list(PAGES))
def test_the_coaching_pages_fit_and_pass_axe(browser: Any, url: str, who: str,
                                              size: str) -> None:
    from tests.web.browser import shot

    base, note, review = url.split("|")
    page = _page(browser, size)
    page.goto(base + "/sign-in")
    page.fill("input[name=email]", f"{who}@centre.example")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/sign-in" not in page.url, page.inner_text("main")
    for name, path in PAGES[who].items():
        page.goto(base + path.format(note=note, review=review))
        page.wait_for_load_state("networkidle")
        assert page.evaluate(OVERFLOW, SIZES[size][0]) <= 0, f"{name} scrolls sideways at {size}"
        assert page.evaluate(NARROW) == [], f"{name} squeezes text at {size}"
        if size == "phone":
            assert page.evaluate(SMALL) == [], f"{name}: touch targets under 44 px"
        assert _axe(page) == [], f"{name} at {size}"
        shot(page, f"coaching-{name}-{size}")
    page.context.close()
