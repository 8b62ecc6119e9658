"""Limits that hold at every entry: dates 1970–2100, people, nesting and YAML aliases."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.hostile.conftest import FILES, big_invite, one_line_error

Cli = Callable[..., Result]
NOTE = "Dear Priya,\n\nThank you for the conversation yesterday.\n\nBest regards,\nSam\n"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "limit"), [
    ("deep-context.json", "nesting depth"), ("deep-context.yaml", "nesting depth"),
    ("alias-bomb.yaml", "alias expansion"), ("alias-loop.yaml", "alias loop")])
def test_a_hostile_context_is_bad_input_in_one_line(cli: Cli, note: Path, name: str,
                                                    limit: str) -> None:
    started = time.perf_counter()
    done = cli("check", str(note), "--context", str(FILES / name))
    assert done.exit_code == 2
    assert limit in one_line_error(done)
    assert time.perf_counter() - started < 10  # refused, not expanded (a generous bound)


def test_one_deep_line_in_a_batch_is_an_error_object_and_the_rest_are_checked(
        cli: Cli, tmp_path: Path) -> None:
    deep = '{"id": "deep", "note": "Hi", "context": ' + "[" * 5000 + "]" * 5000 + "}"
    nested: dict[str, Any] = {}
    cursor = nested
    for _ in range(40):
        cursor["x"] = {}
        cursor = cursor["x"]
    lines = [json.dumps({"id": "a", "note": NOTE}), deep,
             json.dumps({"id": "nested", "note": NOTE, "context": {"extra": nested}}),
             json.dumps({"id": "b", "note": NOTE, "context": {"company": "Globex"}})]
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = cli("check", "--batch", str(cases), "--format", "jsonl")
    assert "Traceback" not in done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("id") for r in results] == ["a", None, "nested", "b"]
    assert "nesting depth" in results[1]["error"]
    assert "nesting depth" in results[2]["error"]
    assert "findings" in results[0] and "findings" in results[3]


def test_a_context_date_in_year_9999_is_refused_naming_the_limit(cli: Cli, note: Path,
                                                                 tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.json"
    ctx.write_text(json.dumps({"interview": {"start": "9999-11-20T14:00:00+00:00"}}))
    done = cli("check", str(note), "--context", str(ctx))
    assert done.exit_code == 2
    assert "1970–2100" in one_line_error(done)


def test_an_invite_in_year_9999_is_refused_and_today_still_works(cli: Cli) -> None:
    done = cli("import", str(FILES / "year-9999.ics"))
    assert done.exit_code == 2
    assert "1970–2100" in one_line_error(done)
    assert cli("today").exit_code == 0
    assert json.loads(cli("list", "--json").stdout) == []


@pytest.mark.parametrize("flags", [["--start", "9999-01-01T10:00"],
                                   ["--start", "2026-11-20T10:00", "--reply-by", "1900-01-01"]])
def test_the_cli_refuses_dates_outside_the_years(cli: Cli, flags: list[str]) -> None:
    done = cli("add", "--company", "Globex", "--role", "Analyst", *flags)
    assert done.exit_code == 2
    assert "1970–2100" in one_line_error(done)


def test_the_form_and_the_api_refuse_dates_outside_the_years(web: Any) -> None:
    form = web.submit("/applications", {"company": "Globex", "role": "Analyst",
                                         "expected_reply_by": "9999-12-31",
                                         "timezone": "UTC"})
    assert form.status_code == 400 and "1970–2100" in form.text
    form = web.submit("/applications", {"company": "Globex", "timezone": "UTC",
                                         "interview_start": "9999-01-01T10:00"})
    assert form.status_code == 400 and "1970–2100" in form.text
    api = web.api("POST", "/api/applications", json={
        "company": "Globex", "interview_start": "9999-01-01T10:00:00Z",
        "interview_end": "9999-01-01T11:00:00Z"})
    assert api.status_code == 422 and "1970–2100" in api.json()["detail"]
    made = web.api("POST", "/api/applications", json={"company": "Globex"})
    patched = web.api("PATCH", f"/api/applications/{made.json()['id']}",
                      json={"expected_reply_by": "9999-01-01"})
    assert patched.status_code == 422
    assert web.get("/").status_code == 200


@pytest.mark.parametrize("depth", [40, 100_000])
def test_a_deeply_nested_api_check_is_refused_not_a_500(web: Any, depth: int) -> None:
    body = '{"note": "Hi", "context": {"a": ' + "[" * depth + "]" * depth + "}}"
    done = web.api("POST", "/api/check", content=body,
                   headers={"content-type": "application/json"})
    assert done.status_code in {400, 422}
    assert done.json()["detail"]
    if depth < 1000:  # parsed, then measured: the message names the limit
        assert "nesting depth" in done.json()["detail"]


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200c\u200d\ufeff", "\u2060 \u0301"])
def test_a_name_of_only_invisible_characters_is_refused(cli: Cli, web: Any, name: str) -> None:
    done = cli("add", "--company", "Globex", "--role", "Analyst", "--start",
               "2026-11-20T10:00", "--interviewer", f"{name} <priya@globex.example>")
    assert done.exit_code == 2
    assert "empty" in one_line_error(done)
    assert web.api("POST", "/api/applications", json={"company": name}).status_code in {400, 422}
    assert json.loads(cli("list", "--json").stdout) == []


def test_an_attendee_without_a_name_is_skipped_with_a_note(cli: Cli) -> None:
    done = cli("import", str(FILES / "dotted-attendee.ics"))
    assert done.exit_code == 0, done.stderr
    assert "skipped ...@x.com" in done.stderr
    shown = json.loads(cli("list", "--json").stdout)
    assert shown[0]["people"] == 2


def test_an_invite_with_thousands_of_attendees_keeps_the_first_ones_quickly(
        cli: Cli, tmp_path: Path) -> None:
    from afterword.limits import MAX_PEOPLE_PER_INVITE

    big = tmp_path / "all-hands.ics"
    big.write_bytes(big_invite(19_000))
    assert big.stat().st_size < 1_000_000
    done = cli("import", str(big))
    assert done.exit_code == 0, done.stderr
    people = json.loads(cli("list", "--json").stdout)[0]["people"]
    assert 0 < people <= MAX_PEOPLE_PER_INVITE


@pytest.mark.parametrize("token", ["ünïcode", "%E2%98%83", "x" * 300])
def test_a_strange_calendar_feed_token_is_a_404(web: Any, token: str) -> None:
    web.get("/calendar")  # makes the feed's token
    assert web.get(f"/calendar/{token}.ics").status_code == 404
