"""Hostile backups: each is refused whole, in one line naming the place, and nothing is stored."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.hostile.conftest import FILES, one_line_error

Cli = Callable[..., Result]
GOOD: dict[str, Any] = json.loads((FILES / "backup.json").read_text(encoding="utf-8"))


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _text(document: Any) -> str:
    return document if isinstance(document, str) else json.dumps(document)


def _edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(GOOD)
    change(document)
    return document


def _app(document: dict[str, Any]) -> dict[str, Any]:
    app: dict[str, Any] = document["applications"][0]
    return app


def _twice(document: dict[str, Any]) -> None:
    document["applications"].append(copy.deepcopy(_app(document)))


HOSTILE: dict[str, tuple[Any, str]] = {
    "deep nesting": (json.dumps(GOOD).replace('"aliases": []', '"aliases": ' + "[" * 5000
                                              + "]" * 5000), "nesting depth"),
    "nesting under the limit, wrong type": (
        _edit(lambda d: _app(d).update(aliases=_deep(20))), "applications[0].aliases"),
    "duplicate application ids": (_edit(_twice), "used twice"),
    "duplicate person ids": (_edit(lambda d: _app(d)["people"].append(
        copy.deepcopy(_app(d)["people"][0]))), "used twice"),
    "id as a string": (_edit(lambda d: _app(d).update(id="1")), "applications[0].id"),
    "id as a float": (_edit(lambda d: _app(d).update(id=1.5)), "applications[0].id"),
    "id as a bool": (_edit(lambda d: _app(d).update(id=True)), "applications[0].id"),
    "negative id": (_edit(lambda d: _app(d).update(id=-4)), "applications[0].id"),
    "id over 64 bits": (_edit(lambda d: _app(d).update(id=2**70)), "applications[0].id"),
    "naive datetime": (_edit(lambda d: _app(d).update(created_at="2026-11-20T10:00:00")),
                       "no time zone"),
    "not a datetime": (_edit(lambda d: _app(d).update(updated_at="yesterday")),
                       "not a date/time"),
    "year 9999": (_edit(lambda d: _app(d)["interviews"][0].update(
        start="9999-11-20T10:00:00+00:00")), "1970–2100"),
    "reply date 1900": (_edit(lambda d: _app(d).update(expected_reply_by="1900-01-01")),
                        "1970–2100"),
    "dangling person reference": (_edit(lambda d: _app(d)["notes"][0].update(person_id=999)),
                                  "no person 999"),
    "child under the wrong parent": (_edit(lambda d: _app(d)["people"][0].update(
        application_id=77)), "people[0].application_id"),
    "unknown status": (_edit(lambda d: _app(d).update(status="hacked")), "status"),
    "unknown role": (_edit(lambda d: _app(d)["people"][0].update(role="ceo")), "role"),
    "invisible name": (_edit(lambda d: _app(d)["people"][0].update(name="\u200b\u200b")),
                       "people[0].name"),
    "company too long": (_edit(lambda d: _app(d).update(company="A" * 5000)), "company"),
    "unknown key": (_edit(lambda d: _app(d).update(admin=True)), "admin"),
    "people is an object": (_edit(lambda d: _app(d).update(people={"a": 1})), "people"),
    "application is a string": (_edit(lambda d: d["applications"].append("x")),
                                "applications[1]"),
    "missing company": (_edit(lambda d: _app(d).pop("company")), "company"),
    "wrong version": (_edit(lambda d: d.update(version="1")), "version"),
    "not a backup": ([1, 2, 3], "not an afterword backup"),
    "aliases of numbers": (_edit(lambda d: _app(d).update(aliases=[1, 2])), "aliases[0]"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_backup_is_refused_whole_naming_the_problem(cli: Cli, tmp_path: Path,
                                                              case: str) -> None:
    document, expected = HOSTILE[case]
    path = tmp_path / "hostile.json"
    path.write_text(_text(document), encoding="utf-8")
    done = cli("import", str(path))
    assert done.exit_code == 2
    assert expected in one_line_error(done)
    assert json.loads(cli("list", "--json").stdout) == []


def test_the_good_backup_restores_and_shows(cli: Cli) -> None:
    done = cli("import", str(FILES / "backup.json"))
    assert done.exit_code == 0, done.stderr
    assert cli("show", "1").exit_code == 0


@pytest.mark.parametrize("case", ["naive datetime", "dangling person reference",
                                  "duplicate application ids", "deep nesting"])
def test_the_web_refuses_a_hostile_backup_with_a_page_not_a_500(web: Any, case: str) -> None:
    document, expected = HOSTILE[case]
    done = web.submit("/backup", files={"backup": ("b.json", _text(document).encode(),
                                                   "application/json")})
    assert done.status_code == 400
    assert expected in done.text
    assert web.api("GET", "/api/applications").json() == []
