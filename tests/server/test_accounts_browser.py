"""Signing in and the account page in Chromium, against a real server-mode web process:
the cookie the browser keeps, a token made and used, signing out, and pages that fit a
phone. (The invitation-to-review journey is tests/server/test_journey.py's.)"""

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

import httpx
import pytest
from sqlalchemy.orm import sessionmaker

from afterword.services import accounts
from afterword.store import repo
from afterword.store.db import engine_for
from afterword.store.scope import system
from tests.server.accounts_helpers import quick_argon2
from tests.web.browser import free_port, launch, need_chromium

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
PASSWORD = "a sensible passphrase"
SERVE = ("import sys, uvicorn; from afterword.web.app import create_app; port = int(sys.argv[2]);"
         " uvicorn.run(create_app(sys.argv[1], port=port, server=True), host='127.0.0.1', "
         "port=port, log_level='warning')")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server-mode web process over SQLite with one candidate, "Zoë", and her application."""
    need_chromium()
    root = tmp_path_factory.mktemp("accounts-browser")
    url = f"sqlite:///{root / 'server.db'}"
    with pytest.MonkeyPatch.context() as patch:
        quick_argon2(patch)
        with sessionmaker(bind=engine_for(url))() as session, session.begin():
            admin = accounts.create_organisation(session, name="Northfield Careers",
                                                 admin_email="ada@northfield.example",
                                                 admin_name="Ada", password=PASSWORD, now=NOW)
            zoe = accounts.invite(session, by=admin, email="zoe@student.example",
                                  name="Zoë O'Brien", now=NOW)
            system(session, "test set-up")
            zoe.password_hash = accounts.hash_password(PASSWORD)
            app = repo.add_application(session, company="Acme Robotics", role="Analyst",
                                       now=NOW)
            app.owner_id = zoe.id
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update({"XDG_CONFIG_HOME": str(root), "XDG_DATA_HOME": str(root),
                "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}"})
    with (root / "server.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-c", SERVE, url, str(port)], stdout=log,
                                   stderr=subprocess.STDOUT, env=env, cwd=root)
    try:
        _wait(port, process, root / "server.log")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process.poll() is not None:
                pytest.fail("the server did not start: " + log.read_text(errors="replace"))
            time.sleep(0.2)
    pytest.fail("the server did not start in 90 s")


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        made = launch(playwright)
        try:
            yield made
        finally:
            made.close()


def _sign_in(page: Any, password: str) -> None:
    page.fill("#s-email", "Zoe@Student.example")
    page.fill("#s-password", password)
    page.click("button[type=submit]")


def test_a_candidate_signs_in_makes_a_token_and_signs_out(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{site}/applications")
    assert page.url == f"{site}/sign-in?next=%2Fapplications"
    _sign_in(page, "not my password at all")
    assert "not right" in page.locator("[role=alert]").inner_text()
    assert page.input_value("#s-email") == "Zoe@Student.example"
    _sign_in(page, PASSWORD)
    page.wait_for_url(f"{site}/applications")
    assert "Acme Robotics" in page.content()
    [cookie] = [c for c in context.cookies() if c["name"] == "aw_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find("aw_session") == -1  # scripts cannot read it

    page.goto(f"{site}/account")
    page.fill("#t-name", "LTeX")
    page.click("text=Make a token")
    secret = page.locator("code.secret").inner_text().strip()
    assert secret.startswith("awt_")
    listed = httpx.get(f"{site}/api/applications", headers={"Authorization": f"Bearer {secret}"})
    assert [a["company"] for a in listed.json()] == ["Acme Robotics"]

    page.click("footer >> text=Sign out")
    page.wait_for_url(f"{site}/sign-in")
    page.goto(f"{site}/account")
    assert page.url.startswith(f"{site}/sign-in")
    context.close()


def test_the_sign_in_and_account_pages_fit_a_phone(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    for path in ("/sign-in", "/reset"):
        page.goto(f"{site}{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto(f"{site}/sign-in")
    _sign_in(page, PASSWORD)
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/account")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator("#t-name").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    context.close()
