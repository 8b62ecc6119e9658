"""The account pages in Chromium at a phone's (390 px) and a laptop's (1366 px) size: the
sign-in page (fresh and after a refusal), the forgotten-password form, the invitation, the
account page (with a new API token and a calendar feed) and the calendar feed page fit
without sideways scrolling or squeezed text, have 44 px touch targets on a phone, label
every field, and axe-core finds nothing. A real server-mode app (uvicorn in a subprocess);
screenshots go to tests/web/artifacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy.orm import sessionmaker

from afterword.server.settings import ServerEnv
from afterword.services import accounts
from afterword.store.db import engine_for
from afterword.store.scope import as_system, strict
from afterword.vocab import AccountRole
from tests.web.browser import free_port, launch, need_chromium
from tests.web.test_layout import NARROW, OVERFLOW, SIZES, SMALL, _axe, _page

PASSWORD = "a sensible passphrase"
NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
ADMIN = "admin@riverside.example"
LONG_NAME = "Lee-Anne Zoë O'Brien-Featherstonehaugh " * 4
SERVE = ("import sys, uvicorn; from afterword.web.app import create_app; "
         "port = int(sys.argv[2]); uvicorn.run(create_app(sys.argv[1], server=True, "
         "port=port), host='127.0.0.1', port=port, log_level='warning')")
# every visible field has a name a screen reader reads out (a <label>, or aria-label[ledby])
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
               && !e.getAttribute('aria-labelledby'))
  .map(e => e.outerHTML.slice(0, 120))"""


def _centre(root: Path, port: int) -> tuple[str, str]:
    """A centre whose admin has a password, and an invitation link for a candidate."""
    database = f"sqlite:///{root / 'accounts.db'}"
    made = sessionmaker(bind=engine_for(database), expire_on_commit=False)
    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    saved = accounts._hasher
    accounts._hasher = quick
    try:
        with made() as session, session.begin():
            strict(session)
            admin = accounts.create_organisation(
                session, name="Riverside Careers & <Co>", admin_email=ADMIN,
                admin_name=LONG_NAME, password=PASSWORD, now=NOW)
            invited = accounts.invite(session, by=admin, email="lee@student.example",
                                      name=LONG_NAME, role=AccountRole.CANDIDATE, now=NOW,
                                      env=ServerEnv(base_url=f"http://127.0.0.1:{port}"))
            with as_system(session, "test: the link the mail carries"):
                token = accounts.new_link(session, invited, accounts.INVITE, NOW)
    finally:
        accounts._hasher = saved
    return database, token


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(the server's base URL, an invitation token)."""
    need_chromium()
    root = tmp_path_factory.mktemp("accounts-layout")
    port = free_port()
    database, token = _centre(root, port)
    env = {**os.environ, "XDG_CONFIG_HOME": str(root / "config"),
           "XDG_DATA_HOME": str(root / "data"), "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}"}
    env.pop("AFTERWORD_SECRET_KEYS", None)
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
        yield f"http://127.0.0.1:{port}", token
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


def _fits(page: Any, name: str, size: str) -> None:
    from tests.web.browser import shot

    page.wait_for_load_state("networkidle")
    assert page.evaluate(OVERFLOW, SIZES[size][0]) <= 0, f"{name} scrolls sideways at {size}"
    assert page.evaluate(NARROW) == [], f"{name} squeezes text at {size}"
    if size == "phone":
        assert page.evaluate(SMALL) == [], f"{name}: touch targets under 44 px"
    assert page.evaluate(UNLABELLED) == [], f"{name}: fields without a label"
    assert _axe(page) == [], f"{name} at {size}"
    shot(page, f"accounts-{name}-{size}")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_signed_out_pages_fit_and_pass_axe(browser: Any, site: tuple[str, str],
                                               size: str) -> None:
    base, token = site
    page = _page(browser, size)
    page.goto(base + "/sign-in")
    assert page.locator("input[name=email]").count() == 1
    _fits(page, "sign-in", size)
    page.fill("input[name=email]", "nobody." * 30 + "@riverside.example")
    page.fill("input[name=password]", "not the password")
    page.click("main button[type=submit]")
    assert "/sign-in" in page.url and page.locator("[role=alert]").count() >= 1
    _fits(page, "sign-in-refused", size)
    page.goto(base + "/reset")
    _fits(page, "reset-request", size)
    page.goto(base + f"/invite/{token}")
    assert "lee@student.example" in page.inner_text("main")
    _fits(page, "invitation", size)
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_account_and_feed_pages_fit_and_pass_axe(browser: Any, site: tuple[str, str],
                                                     size: str) -> None:
    base, _token = site
    page = _page(browser, size)
    page.goto(base + "/sign-in")
    page.fill("input[name=email]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/sign-in" not in page.url, page.inner_text("main")
    page.goto(base + "/account")
    _fits(page, "account", size)
    page.fill("#t-name", "LTeX in VS Code on the long-named laptop " * 2)
    page.click("form[action='/account/tokens'] button[type=submit]")
    assert page.locator("code.secret").count() == 1
    _fits(page, "account-new-token", size)
    page.goto(base + "/calendar")
    page.click("form[action='/calendar/renew'] button[type=submit]")
    assert "/calendar/awc_" in page.input_value("#feed")
    _fits(page, "calendar-feed-made", size)
    page.goto(base + "/account")
    assert "secret feed address" in page.inner_text("main")
    _fits(page, "account-with-feed", size)
    page.context.close()
