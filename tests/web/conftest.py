"""Web tests: a fresh SQLite database, a frozen clock, and a client that speaks CSRF."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

from fastapi.testclient import TestClient  # noqa: E402

EPOCH = "2026-11-20T16:00:00-05:00"  # the afternoon of the interview (example and INVITE)
ARTIFACTS = Path(__file__).parent / "artifacts"
BASE = "http://127.0.0.1:8000"  # the address `afterword serve` binds by default


@pytest.fixture
def web_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean environment: its own config and data dirs, the clock pinned, no mail server."""
    for key in ("AFTERWORD_SMTP_HOST", "AFTERWORD_SMTP_PORT", "AFTERWORD_SMTP_SECURITY",
                "AFTERWORD_IMAP_HOST", "AFTERWORD_DATABASE_URL", "AFTERWORD_DIALECT"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERWORD_NOW", EPOCH)
    monkeypatch.setenv("AFTERWORD_USER_NAME", "Sam Ortiz")
    monkeypatch.setenv("AFTERWORD_USER_EMAIL", "sam.ortiz@example.org")
    monkeypatch.chdir(tmp_path)
    return tmp_path


class Client(TestClient):
    """A TestClient whose form posts carry the CSRF token unless told not to."""

    @property
    def token(self) -> str:
        if not self.cookies.get("aw_csrf"):
            self.get("/static/app.css")
        return str(self.cookies.get("aw_csrf"))

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """POST a form with the CSRF token."""
        return self.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)

    def api(self, method: str, url: str, **kwargs: Any) -> Any:
        """A JSON API call with the CSRF header."""
        headers = {"X-CSRF-Token": self.token, **kwargs.pop("headers", {})}
        return self.request(method, url, headers=headers, **kwargs)


@pytest.fixture
def db_url(web_env: Path) -> str:
    return f"sqlite:///{web_env / 'afterword.db'}"


@pytest.fixture
def client(db_url: str) -> Iterator[Client]:
    from afterword.web import create_app

    with Client(create_app(db_url), base_url=BASE) as made:
        yield made


@pytest.fixture
def example(client: Client) -> int:
    """The example application, loaded through the first-run button; its id."""
    done = client.submit("/example", follow_redirects=False)
    assert done.status_code == 303
    return int(re.search(r"/applications/(\d+)", done.headers["location"]).group(1))  # type: ignore[union-attr]


def first_note(client: Client, app_id: int) -> int:
    """Draft the notes of an application (the compose page's POST button); the first's id."""
    done = client.submit(f"/applications/{app_id}/drafts", follow_redirects=False)
    assert done.status_code == 303, done.text
    return int(done.headers["location"].rstrip("/").rsplit("/", 1)[1])


def row_counts(url: str) -> dict[str, int]:
    """The number of rows in every table of the database (to see that nothing changed)."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: int(conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one())
                    for name in inspect(conn).get_table_names()}
    finally:
        engine.dispose()
