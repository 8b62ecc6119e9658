"""From an empty install: who you are → import the invites → the people right → a draft to
each interviewer, never to yourself (the CLI, on a fresh data and config dir)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "calendar" / "fixtures"
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")},
           "AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'afterword.db'}",
           "AFTERWORD_NOW": "2026-12-09T15:00:00-05:00", "NO_COLOR": "1", "COLUMNS": "200",
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}

    def afterword(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "afterword", *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=120, check=False,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == code, (args, done.stdout, done.stderr)
        return done
    return afterword


def people(run: Run, app_id: int) -> dict[str, tuple[str | None, str]]:
    shown = json.loads(run("show", str(app_id), "--json").stdout)
    return {p["name"]: (p["email"], p["role"]) for p in shown["people"]}


def test_who_you_are_then_invites_then_a_note_to_each_interviewer(run: Run,
                                                                 tmp_path: Path) -> None:
    refused = run("setup", "--name", "Sam Ortiz", "--email", "sam@@gmail", code=2)
    assert "is not an email address" in refused.stderr and refused.stderr.count("\n") == 1
    run("setup", "--name", "Sam Ortiz", "--email", "Sam.Ortiz@gmail.com",
        "--signature", r"Sam Ortiz\n(555) 010-2030")
    saved = tomllib.loads((tmp_path / "config" / "afterword" / "afterword.toml").read_text())
    assert (saved["user_name"], saved["user_email"]) == ("Sam Ortiz", "sam.ortiz@gmail.com")

    # an ATS invite: the tool's no-reply sender, a shared recruiting inbox, two interviewers
    assert "created: [1] Globex: Backend Engineer" in run(
        "import", str(FIXTURES / "lever_meeting_with.ics")).stdout
    assert people(run, 1) == {"Globex Talent": ("talent@globex.com", "scheduler"),
                              "Dana Whitfield": ("dana.whitfield@globex.com", "interviewer"),
                              "Omar Haddad": ("omar.haddad@globex.com", "interviewer")}

    # your school address on an invite: asked about (no terminal: left out, said so)
    school = run("import", str(FIXTURES / "school_address_candidate.ics"))
    assert "left out: Is Sam Ortiz <sortiz3@state.edu> you?" in school.stderr
    assert people(run, 2) == {"Hannah Brooks": ("hannah.brooks@woodgrovebank.com",
                                                "interviewer")}
    run("setup", "--add-email", "sortiz3@state.edu")
    again = run("import", str(FIXTURES / "school_address_candidate.ics"))
    assert "unchanged: [2]" in again.stdout and "left out" not in again.stderr

    drafts = json.loads(run("draft", "1", "--format", "json").stdout)["drafts"]
    assert {d["name"] for d in drafts} == {"Dana Whitfield", "Omar Haddad"}
    for draft in drafts:
        assert not draft["note"].startswith("Dear Sam")
        # signed with the name once, then the signature's own lines, which are not proofread
        assert draft["note"].rstrip().endswith("Sam Ortiz\n(555) 010-2030")
        assert draft["note"].count("Sam Ortiz") == 1
        assert run("check", str(draft["id"]), code=0).returncode == 0
        message = run("eml", str(draft["id"])).stdout
        headers = message.split("\n\n", 1)[0]
        assert "From: Sam Ortiz <sam.ortiz@gmail.com>" in headers
        to = next(line for line in headers.splitlines() if line.startswith("To:"))
        assert "globex.com" in to and "ortiz" not in to.lower()


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def test_drafting_a_stored_application_follows_dialect_and_now(run: Run) -> None:
    import re

    run("setup", "--name", "Sam Ortiz", "--email", "sam.ortiz@example.org")
    run("import", str(FIXTURES / "lever_meeting_with.ics"))
    start = json.loads(run("show", "1", "--json").stdout)["interviews"][0]["start"]
    evening = (datetime.fromisoformat(start) + timedelta(hours=4)).isoformat()
    drafts = json.loads(run("draft", "1", "--dialect", "british", "--now", evening,
                            "--format", "json").stdout)["drafts"]
    for draft in drafts:
        assert re.search(rf"\b\d{{1,2}} ({MONTHS})\b", draft["note"]), draft["note"]
        assert not re.search(rf"\b({MONTHS}) \d{{1,2}}\b", draft["note"]), draft["note"]
        assert "yesterday" not in draft["note"]
    assert "ISO date-time" in run("draft", "1", "--now", "soon", code=2).stderr
