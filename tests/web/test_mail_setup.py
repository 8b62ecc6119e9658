"""Mail setup where it is needed: a test email from Settings, through a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail.conftest import Recorder, free_port
from tests.web.conftest import Client, row_counts


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("AFTERWORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AFTERWORD_SMTP_PORT", str(port))
    monkeypatch.setenv("AFTERWORD_SMTP_SECURITY", "none")
    try:
        yield recorder
    finally:
        controller.stop()


def test_a_test_email_goes_to_the_user(web_env: Path, smtp: Recorder, db_url: str) -> None:
    from afterword.web import create_app
    from tests.web.conftest import BASE

    with Client(create_app(db_url), base_url=BASE) as client:
        page = client.get("/settings").text
        assert 'action="/settings/test-email"' in page
        before = row_counts(db_url)
        done = client.submit("/settings/test-email")
        assert done.status_code == 200 and "Test email sent to sam.ortiz@example.org" in done.text
        assert row_counts(db_url) == before
    assert [r.rcpt_tos for r in smtp.received] == [["sam.ortiz@example.org"]]
    assert "afterword" in smtp.received[0].message["Subject"]


def test_without_a_server_the_test_says_what_to_fill_in(client: Client) -> None:
    done = client.submit("/settings/test-email")
    assert done.status_code == 400 and "no outgoing mail server is set" in done.text
    assert "AFTERWORD_SMTP_HOST" not in done.text
    assert client.post("/settings/test-email").status_code == 403  # no token, no mail


def test_an_unreachable_server_is_one_line(client: Client, monkeypatch: pytest.MonkeyPatch,
                                           web_env: Path) -> None:
    monkeypatch.setenv("AFTERWORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AFTERWORD_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("AFTERWORD_SMTP_SECURITY", "none")
    client.app.state.web.reload()  # type: ignore[attr-defined]
    done = client.submit("/settings/test-email")
    assert done.status_code == 400 and "cannot reach 127.0.0.1" in done.text
