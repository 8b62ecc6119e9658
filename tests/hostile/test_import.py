"""Imports tell the truth: all files or none, one application per invite even when two
processes race, a busy database said in one line, and a big upload never stalls the server."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import Result

from tests.hostile.conftest import FILES, big_invite, one_line_error

Cli = Callable[..., Result]


def test_a_multi_file_import_with_one_bad_file_stores_nothing_and_says_which(
        cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    done = cli("import", str(FILES / "dotted-attendee.ics"), str(bad))
    assert done.exit_code == 2
    assert "bad.ics" in one_line_error(done)
    assert "created" not in done.stdout
    assert json.loads(cli("list", "--json").stdout) == []


def test_a_multi_file_import_reports_each_file_once_stored(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other.ics"
    other.write_bytes(big_invite(3, uid="other@globex.example"))
    done = cli("import", str(FILES / "dotted-attendee.ics"), str(other))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith(f"{FILES / 'dotted-attendee.ics'}: created") for line in lines)
    assert any(line.startswith(f"{other}: ") for line in lines)


def test_the_same_invite_imported_at_once_by_two_sessions_is_one_application(
        db_url: str) -> None:
    from afterword.services.importing import Source, import_sources
    from afterword.store.db import session_scope
    from afterword.store.tables import Application
    from afterword.store.tables import Interview as InterviewRow

    now = __import__("afterword.services.clock", fromlist=["now"]).now()
    source = Source("invite.ics", (FILES / "dotted-attendee.ics").read_bytes())
    first_holds_lock, second_done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            first_holds_lock.wait(10)
            with session_scope(db_url) as session:  # its insert waits for the first's lock
                import_sources(session, [source], own_emails=frozenset(), now=now)
        except BaseException as exc:
            errors.append(exc)
        finally:
            second_done.set()

    worker = threading.Thread(target=second)
    worker.start()
    with session_scope(db_url) as session:
        import_sources(session, [source], own_emails=frozenset(), now=now)
        first_holds_lock.set()
        time.sleep(0.5)  # the second has read "no such interview" and waits on the lock
    worker.join(30)
    assert not errors, errors
    with session_scope(db_url) as session:
        assert session.query(Application).count() == 1
        assert session.query(InterviewRow).count() == 1


@pytest.fixture
def write_lock(db_url: str, cli: Cli) -> Iterator[None]:
    """Another process holding the database's write lock (BEGIN IMMEDIATE) throughout."""
    assert cli("list").exit_code == 0  # the schema exists
    other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()


def test_a_locked_database_waits_then_says_so_in_one_line(cli: Cli, write_lock: None) -> None:
    done = cli("add", "--company", "Globex", "--role", "Analyst", "--start",
               "2026-11-20T10:00", "--timezone", "UTC")
    assert done.exit_code == 2
    assert "database is busy" in one_line_error(done)


def test_a_locked_database_is_a_503_with_a_message_on_the_web(web: Any,
                                                              write_lock: None) -> None:
    done = web.api("POST", "/api/applications", json={"company": "Globex"})
    assert done.status_code == 503
    assert "busy" in done.json()["detail"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The web app under a real uvicorn server on loopback (a thread of this process)."""
    import uvicorn

    monkeypatch.setenv("AFTERWORD_USER_NAME", "Sam Ortiz")  # so / is the Today page itself
    monkeypatch.setenv("AFTERWORD_USER_EMAIL", "sam.ortiz@example.org")

    from afterword.web import create_app

    port = _free_port()
    app = create_app(db_url, host="127.0.0.1", port=port)
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    while not served.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    served.should_exit = True
    thread.join(10)


def test_the_home_page_answers_while_a_large_invite_is_being_imported(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as client:
        client.get("/")
        token = client.cookies["aw_csrf"]
        finished: list[float] = []

        def upload() -> None:
            done = client.post("/applications/import", data={"csrf_token": token},
                               files={"invite": ("big.ics", big_invite(19_000), "text/calendar")})
            assert done.status_code == 303, done.text[-300:]
            finished.append(time.monotonic())

        uploading = threading.Thread(target=upload)
        uploading.start()
        answered: list[float] = []
        with httpx.Client(base_url=server, timeout=60) as other:
            while uploading.is_alive():
                if other.get("/").status_code == 200:
                    answered.append(time.monotonic())
        uploading.join()
    assert finished
    assert [t for t in answered if t < finished[0]], "GET / got no answer during the upload"
