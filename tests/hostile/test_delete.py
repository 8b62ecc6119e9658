"""An application and everything under it can be deleted, after a confirmation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from typer.testing import Result

from tests.hostile.conftest import FILES, one_line_error

Cli = Callable[..., Result]


def _count(db_url: str) -> dict[str, int]:
    from sqlalchemy import text

    from afterword.store.db import engine_for

    with engine_for(db_url).connect() as connection:
        return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("applications", "interviews", "people", "moments", "notes")}


def test_delete_asks_suggests_a_backup_and_needs_a_terminal_or_yes(cli: Cli) -> None:
    assert cli("import", str(FILES / "backup.json")).exit_code == 0
    done = cli("delete", "1")
    assert done.exit_code == 2
    assert "afterword export" in done.stderr and "--yes" in done.stderr
    assert json.loads(cli("list", "--json").stdout)[0]["id"] == 1


def test_delete_yes_removes_the_application_and_everything_under_it(cli: Cli,
                                                                    db_url: str) -> None:
    assert cli("import", str(FILES / "backup.json")).exit_code == 0
    assert cli("import", str(FILES / "dotted-attendee.ics")).exit_code == 0
    before = _count(db_url)
    done = cli("delete", "1", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Deleted application 1 (Globex, Analyst) with 1 interview" in done.stdout
    after = _count(db_url)
    assert after["applications"] == before["applications"] - 1
    assert after["notes"] == 0 and after["moments"] == 0
    assert [a["id"] for a in json.loads(cli("list", "--json").stdout)] == [2]
    assert cli("today").exit_code == 0


def test_deleting_an_unknown_application_is_one_line(cli: Cli) -> None:
    done = cli("delete", "42", "--yes")
    assert done.exit_code == 2
    assert "no application 42" in one_line_error(done)


def test_the_web_confirms_with_a_get_that_changes_nothing_then_deletes_on_post(
        web: Any, cli: Cli) -> None:
    assert cli("import", str(FILES / "backup.json")).exit_code == 0
    page = web.get("/applications/1/delete")
    assert page.status_code == 200 and "/backup.json" in page.text
    assert web.api("GET", "/api/applications").json()[0]["id"] == 1
    refused = web.post("/applications/1/delete", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    done = web.submit("/applications/1/delete", follow_redirects=False)
    assert done.status_code == 303
    assert web.api("GET", "/api/applications").json() == []
    assert web.get("/applications/1").status_code == 404
