"""The whole CLI journey of a new user, on a fresh data dir, with a frozen clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EPOCH = "2026-11-20T16:00:00-05:00"  # an hour after the interview below ended
INVITE = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:STANDARD
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20261120T140000
DTEND;TZID=America/New_York:20261120T153000
DTSTAMP:20261110T120000Z
ORGANIZER;CN=Leo Park:mailto:recruiting@northwind.example
UID:7kq2m1v0journey@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Priya R
 aman;X-NUM-GUESTS=0:mailto:priya.raman@northwind.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN="Zoë O'
 Brien-Müller":MAILTO:Zoe.OBrien@Northwind.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Ort
 iz:mailto:sam.ortiz@example.org
ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=Boardroom 4B:mailto:c_188@resou
 rce.calendar.google.com
DESCRIPTION:Interview for the Senior Data Analyst role at Northwind Analytic
 s.\\nJoin with Google Meet: https://meet.google.com/abc-defg-hij
LOCATION:
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Interview: Senior Data Analyst – Northwind Analytics
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'afterword.db'}",
           "AFTERWORD_NOW": EPOCH, "AFTERWORD_USER_NAME": "Sam Ortiz",
           "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org", "NO_COLOR": "1",
           "COLUMNS": "200", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}

    def afterword(*args: str, now: str | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "afterword", *args], capture_output=True,
                              text=True, env={**env, **({"AFTERWORD_NOW": now} if now else {})},
                              cwd=tmp_path, timeout=120, check=False, stdin=subprocess.DEVNULL)
        assert done.returncode in (0, 1), (args, done.stdout, done.stderr)
        return done
    return afterword


def test_a_new_user_goes_from_invite_to_today(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    invite = tmp_path / "invite.ics"
    invite.write_text(INVITE, encoding="utf-8")
    assert "created: [1] Northwind Analytics" in run("import", str(invite)).stdout
    # The same invite again (a calendar re-sending it) changes nothing, duplicates nothing.
    assert "unchanged: [1]" in run("import", str(invite)).stdout
    apps = json.loads(run("list", "--json").stdout)
    assert [(a["company"], a["role"]) for a in apps] == [("Northwind Analytics",
                                                          "Senior Data Analyst")]
    shown = json.loads(run("show", "1", "--json").stdout)
    people = {p["name"]: p for p in shown["people"]}
    assert set(people) == {"Leo Park", "Priya Raman", "Zoë O'Brien-Müller"}  # not me, no room
    assert people["Leo Park"]["role"] == "scheduler"
    assert shown["interviews"][0]["format"] == "video"

    run("person", "1", "priya", "--honorific", "Dr.", "--confirm")
    run("moment", "add", "1", "Priya Raman", "moving the sales dashboards to dbt")
    run("moment", "add", "1", "zoe.obrien@northwind.example", "her team's Friday demo sessions")
    run("status", "1", "active")
    drafts = json.loads(run("draft", "1", "--format", "json").stdout)["drafts"]
    assert {d["name"] for d in drafts} == {"Priya Raman", "Zoë O'Brien-Müller"}
    assert all(d["counts"] == {"error": 0, "warning": 0, "suggestion": 0} for d in drafts)
    assert "dashboards to dbt" in next(d for d in drafts if d["name"] == "Priya Raman")["note"]
    checked = json.loads(run("check", str(drafts[0]["id"]), "--format", "json").stdout)
    assert checked["findings"] == []

    today = json.loads(run("today", "--json").stdout)
    assert today[0]["kind"] == "thank_you" and today[0]["hours_left"] > 0

    plan = json.loads(run("plan", "1", "--json").stdout)
    assert [s["kind"] for s in plan[:2]] == ["thank_you", "check_in"]
    calendar = tmp_path / "followups.ics"
    run("calendar", "1", "-o", str(calendar))
    assert calendar.read_bytes().count(b"BEGIN:VEVENT") == len(plan)

    backup = tmp_path / "backup.json"
    run("export", "-o", str(backup))
    assert json.loads(backup.read_text())["applications"][0]["company"] == "Northwind Analytics"

    run("status", "1", "rejected")
    after = json.loads(run("plan", "1", "--json").stdout)
    assert [s["kind"] for s in after] == ["after_rejection"]
    assert [i["kind"] for i in json.loads(run("today", "--json").stdout)] == ["after_rejection"]
    run("status", "1", "withdrawn")
    assert "Nothing to do today" in run("today").stdout


def test_the_cli_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text(INVITE[: len(INVITE) // 2], encoding="utf-8")
    for args in (["import", str(broken)], ["show", "99"], ["status", "99", "offer"],
                 ["add", "--company", "A"], ["moment", "add", "1", "x", "y"]):
        done = subprocess.run([sys.executable, "-m", "afterword", *args], capture_output=True,
                              text=True, timeout=120, check=False, stdin=subprocess.DEVNULL,
                              env={**os.environ, "AFTERWORD_DATABASE_URL":
                                   f"sqlite:///{tmp_path / 'x.db'}"})
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
