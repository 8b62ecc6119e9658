"""Server mode's calendar feed: each account's own secret address, fetched without a cookie
(as a calendar program does), serving only that account's plan; the database keeps only
the token's digest; the token opens nothing else (not the API, not the pages); a new address
ends the old one and revoking ends it (TestClient, SQLite, the isolation personas)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from afterword.server import secrets
from afterword.server.tokens import SESSION_COOKIE
from afterword.web.app import create_app
from tests.server.personas import KEY, MARKERS, World, build
from tests.server.test_account_mail_sealed import every_row

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[World, Any]]:
    for key in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_DATABASE_URL", "AFTERWORD_SMTP_HOST"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERWORD_INSECURE_COOKIES", "1")
    monkeypatch.setenv(secrets.KEYS_ENV, KEY)
    monkeypatch.chdir(tmp_path)
    world = build(f"sqlite:///{tmp_path / 'site.db'}")
    app = create_app(world.url, server=True)

    def client(persona: str | None) -> TestClient:
        browser = TestClient(app, base_url=BASE, follow_redirects=False)
        if persona is not None:
            browser.cookies.set(SESSION_COOKIE, world.cookies[persona])
        browser.get("/static/app.css")  # the CSRF cookie
        return browser

    yield world, client


def _post(browser: TestClient, url: str) -> Any:
    return browser.post(url, data={"csrf_token": browser.cookies.get("aw_csrf") or ""})


def _make_feed(browser: TestClient) -> str:
    """Ask for a feed address; its path (shown once, on the page that made it)."""
    made = _post(browser, "/calendar/renew")
    assert made.status_code == 200
    found = re.search(r'value="http://127\.0\.0\.1:8000(/calendar/awc_[\w-]+\.ics)"', made.text)
    assert found is not None, made.text
    return found.group(1)


def test_a_feed_serves_its_accounts_plan_without_a_cookie(site: Any) -> None:
    world, client = site
    path = _make_feed(client("a"))
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    calendar = client(None).get(path)  # a calendar program: no cookie, no CSRF token
    assert calendar.status_code == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in calendar.text and "BEGIN:VEVENT" in calendar.text
    assert MARKERS["a"] in calendar.text
    assert MARKERS["b"] not in calendar.text and MARKERS["z"] not in calendar.text
    assert token not in every_row(world.url)  # only its digest is kept
    again = client("a").get("/calendar")  # the page says a feed exists, not its secret
    assert token not in again.text and "Stop the feed" in again.text
    account = client("a").get("/account")
    assert "Calendar feed" in account.text and token not in account.text
    assert "awc_" not in account.text.split('id="tokens-h"')[1].split("</section>")[0]


def test_a_coachs_feed_holds_only_their_own_plan_never_their_candidates(site: Any) -> None:
    _world, client = site
    calendar = client(None).get(_make_feed(client("coach")))
    assert calendar.status_code == 200 and "BEGIN:VCALENDAR" in calendar.text
    assert MARKERS["a"] not in calendar.text and MARKERS["b"] not in calendar.text


def test_the_feed_token_opens_no_api_and_no_page(site: Any) -> None:
    world, client = site
    token = _make_feed(client("a")).removeprefix("/calendar/").removesuffix(".ics")
    api = client(None).get("/api/applications", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    page = client(None).get("/", headers={"Authorization": f"Bearer {token}"})
    assert page.status_code in {302, 303, 401} and MARKERS["a"] not in page.text
    assert client(None).get("/calendar/awc_not-a-feed.ics").status_code == 404
    # an API token is no feed either
    assert client(None).get(f"/calendar/{world.tokens['b']}.ics").status_code == 404


def test_a_new_address_ends_the_old_and_revoking_ends_the_feed(site: Any) -> None:
    _world, client = site
    a = client("a")
    first = _make_feed(a)
    second = _make_feed(a)
    assert first != second
    assert client(None).get(first).status_code == 404
    assert client(None).get(second).status_code == 200
    stopped = _post(a, "/calendar/revoke")
    assert stopped.status_code == 200 and "no longer works" in stopped.text
    assert client(None).get(second).status_code == 404
    assert "Make the feed address" in a.get("/calendar").text


def test_asking_for_a_feed_needs_an_account(site: Any) -> None:
    _world, client = site
    anon = client(None)
    assert _post(anon, "/calendar/renew").status_code in {302, 303}
    assert anon.get("/calendar").status_code in {302, 303}
