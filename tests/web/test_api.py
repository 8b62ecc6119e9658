"""The JSON API: /api/check is `afterword check --format json`; the rest speaks the store."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from tests.web.conftest import Client


def _example() -> tuple[str, dict[str, object]]:
    folder = files("afterword.examples")
    context = json.loads((folder / "interview.json").read_text("utf-8"))
    return (folder / "thank-you.eml").read_text("utf-8"), context


def test_check_returns_what_the_cli_prints(client: Client, web_env: Path) -> None:
    note, context = _example()
    for text in (note, note.replace("Priya", "Pryia").replace("Northwind", "Nortwind")):
        (web_env / "note.eml").write_text(text, encoding="utf-8")
        (web_env / "ctx.json").write_text(json.dumps(context), encoding="utf-8")
        cli = subprocess.run([sys.executable, "-m", "afterword", "check", "note.eml",
                              "--context", "ctx.json", "--format", "json"], cwd=web_env,
                             capture_output=True, text=True, timeout=120, check=False)
        got = client.api("POST", "/api/check", json={"note": text, "context": context})
        assert got.status_code == 200
        assert got.json() == json.loads(cli.stdout)


def test_check_refuses_bad_input_in_one_line(client: Client) -> None:
    bad = client.api("POST", "/api/check", json={"note": "Hi", "context": {"kind": "x"}})
    assert bad.status_code == 422 and "\n" not in bad.json()["detail"]
    assert client.api("POST", "/api/check", json={"context": {}}).status_code == 422
    assert client.api("POST", "/api/check", content=b"{").status_code == 422


def test_applications_api(client: Client) -> None:
    made = client.api("POST", "/api/applications", json={
        "company": "Globex", "role": "Analyst", "timezone": "Europe/Berlin",
        "interview_start": "2026-11-20T10:00", "interview_end": "2026-11-20T11:00"})
    assert made.status_code == 201
    app = made.json()
    assert app["interviews"][0]["timezone"] == "Europe/Berlin"
    changed = client.api("PATCH", f"/api/applications/{app['id']}",
                         json={"status": "offer", "role": "Senior Analyst"})
    assert changed.json()["status"] == "offer" and changed.json()["role"] == "Senior Analyst"
    assert client.get("/api/applications").json()[0]["company"] == "Globex"
    assert client.api("PATCH", f"/api/applications/{app['id']}",
                      json={"status": "maybe"}).status_code == 422
    assert client.api("POST", "/api/applications", json={"company": "X", "timezone": "Mars/Base"}
                      ).status_code == 400


def test_today_matches_the_cli(client: Client, example: int, db_url: str,
                               web_env: Path) -> None:
    import os

    cli = subprocess.run([sys.executable, "-m", "afterword", "today", "--json"], cwd=web_env,
                         capture_output=True, text=True, timeout=120, check=False,
                         env={**os.environ, "AFTERWORD_DATABASE_URL": db_url})
    from datetime import datetime

    def norm(items: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return [(i["kind"], i["title"], datetime.fromisoformat(str(i["due"]))) for i in items]

    assert norm(client.get("/api/today").json()) == norm(json.loads(cli.stdout))


def test_a_typing_session_gets_the_same_report_as_a_full_check(client: Client,
                                                                example: int) -> None:
    from tests.web.conftest import first_note

    note = client.get(f"/api/notes/{first_note(client, example)}").json()["body"]
    edits = [note, note.replace("Raman", "Ramen", 1), note.replace("Raman", "Ramen", 1) + "\n\nP.S. teh",
             note]
    for text in edits:
        full = client.api("POST", "/api/check", json={"note": text}).json()
        typed = client.api("POST", "/api/check", json={"note": text, "session": "note-1"})
        assert typed.status_code == 200 and typed.json() == full
    long = client.api("POST", "/api/check", json={"note": "Hi", "session": "x" * 101})
    assert long.status_code == 422


def test_the_api_prints_what_the_cli_prints(client: Client, example: int, db_url: str) -> None:
    """One set of schemas: each command's `--json` is its API route's body, key for key."""
    from typer.testing import CliRunner

    from afterword.cli.main import app as cli
    from tests.web.conftest import first_note

    first_note(client, example)  # a note with its check's counts, to list
    pairs = [(["list"], "/api/applications"), (["show", str(example)],
             f"/api/applications/{example}"), (["today"], "/api/today"),
             (["plan", str(example)], f"/api/applications/{example}/plan")]
    for args, url in pairs:
        printed = CliRunner().invoke(cli, [*args, "--json"],
                                     env={"AFTERWORD_DATABASE_URL": db_url})
        assert printed.exit_code == 0, printed.output
        answered = client.get(url)
        assert answered.status_code == 200
        assert answered.json() == json.loads(printed.stdout), url
        assert answered.json(), url  # something to compare: not two empty lists


def test_the_plan_route_only_reads(client: Client, example: int, db_url: str) -> None:
    from tests.web.conftest import row_counts

    before = row_counts(db_url)
    assert client.get(f"/api/applications/{example}/plan").json()[0]["kind"] == "thank_you"
    assert row_counts(db_url) == before
    assert client.get("/api/applications/999/plan").status_code == 404
