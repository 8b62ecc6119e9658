"""Hostile-input tests: an isolated user (own config, data dir and database), a pinned clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

FILES = Path(__file__).parent / "files"
EPOCH = "2026-11-20T16:00:00-05:00"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean user: config and data dirs under tmp_path, the cwd an empty folder."""
    for key in ("AFTERWORD_SMTP_HOST", "AFTERWORD_DATABASE_URL", "AFTERWORD_DIALECT",
                "AFTERWORD_HOLIDAYS_COUNTRY", "AFTERWORD_IMAP_HOST"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERWORD_NOW", EPOCH)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


@pytest.fixture
def db_url(home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{home / 'afterword.db'}"
    monkeypatch.setenv("AFTERWORD_DATABASE_URL", url)
    return url


@pytest.fixture
def cli(db_url: str) -> Iterator[Callable[..., Result]]:
    """Run `afterword ARGS…` in-process; the result has exit_code, stdout and stderr."""
    from afterword.cli.main import app

    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)

    yield run


def one_line_error(result: Result) -> str:
    """The single stderr line of a refused command (asserting there is exactly one)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def web(db_url: str) -> Iterator[Any]:
    """A test client of the web app over the isolated database (posts carry CSRF)."""
    from afterword.web import create_app
    from tests.web.conftest import BASE, Client

    with Client(create_app(db_url), base_url=BASE) as made:
        yield made


def big_invite(attendees: int, uid: str = "all-hands@globex.example") -> bytes:
    """An invite just under the 1 MB limit with `attendees` people (the 19,000 case)."""
    people = "".join(f"ATTENDEE:mailto:p{i}@globex.example\r\n" for i in range(attendees))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:REQUEST\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T100000Z\r\n"
            "DTSTART:20261120T140000Z\r\nDTEND:20261120T150000Z\r\n"
            "SUMMARY:Interview: Analyst at Globex\r\n"
            "ORGANIZER;CN=Recruiting:mailto:recruiting@globex.example\r\n"
            f"{people}END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
