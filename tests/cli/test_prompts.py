"""`afterword add` asks for what the flags do not give, on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path


def _read_until(fd: int, wanted: str, timeout: float = 60) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        assert time.monotonic() < deadline, f"never saw {wanted!r}; got {seen!r}"
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            seen += os.read(fd, 4096).decode(errors="replace")
    return seen


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
            "AFTERWORD_NOW": "2026-11-20T16:00:00-05:00", "NO_COLOR": "1", "TERM": "dumb",
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "COLUMNS": "200"}


def _converse(env: dict[str, str], args: list[str], script: list[tuple[str, str]],
              done: str) -> str:
    """Run afterword on a pseudo-terminal, answering each question as it comes."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "afterword", *args], stdin=follower,
                               stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)
    seen = ""
    try:
        for question, answer in script:
            seen += _read_until(leader, question)
            os.write(leader, (answer + "\n").encode())
        seen += _read_until(leader, done)
    finally:
        process.wait(timeout=60)
        os.close(leader)
    return seen


def _show(env: dict[str, str], app_id: int = 1) -> dict[str, object]:
    listing = subprocess.run([sys.executable, "-m", "afterword", "show", str(app_id), "--json"],
                             capture_output=True, text=True, env=env, check=True)
    shown: dict[str, object] = json.loads(listing.stdout)
    return shown


def test_add_asks_who_you_are_first_then_again_after_each_bad_answer(tmp_path: Path) -> None:
    env = _env(tmp_path)
    seen = _converse(env, ["add"], [
        ("Your name", "Sam Ortiz"),
        ("Your email addresses", "not-an-address"),          # asked again
        ("Your email addresses", "sam.ortiz@gmail.com sortiz3@state.edu"),
        ("Signature", "-"),
        ("Company", "Ochre & Ink Studio"), ("Role", "Brand Designer"),
        ("Time zone", "Mars/Olympus"),                        # asked again
        ("Time zone", "America/New_York"),
        ("Interview start", "next blursday"),                 # asked again
        ("Interview start", "Nov 20 1pm"),
        ("When did they say you would hear", "Dec 4"),
        ("Interviewer", "sam.ortiz@gmail.com"),               # your own: asked again
        ("Interviewer", "Katherine van der Berg <kvdb@ochre.example>"),
        ("Another interviewer", "Dr. Nia Okoye <nia@ochre.example>"),
        ("Another interviewer", ""),
    ], "Recorded application 1")
    assert seen.count("try again") == 4
    assert "your own address" in seen
    shown = _show(env)
    assert shown["company"] == "Ochre & Ink Studio"
    assert shown["expected_reply_by"] == "2026-12-04"
    assert [p["email"] for p in shown["people"]] == [  # type: ignore[attr-defined]
        "kvdb@ochre.example", "nia@ochre.example"]
    assert shown["interviews"][0]["start"] == "2026-11-20T13:00:00-05:00"  # type: ignore[index]
    config = (tmp_path / "config" / "afterword" / "afterword.toml").read_text()
    assert 'user_name = "Sam Ortiz"' in config and "sortiz3@state.edu" in config


def test_add_reads_words_from_flags_without_a_terminal(tmp_path: Path) -> None:
    env = _env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "afterword", "add", "--company", "Globex", "--role", "Analyst",
         "--start", "tomorrow 10am", "--timezone", "Europe/Berlin", "--reply-by", "in 2 weeks",
         "--interviewer", "Ana Lima <ana@globex.example>", "--interviewer", "Bo Chen"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
        check=False)
    assert done.returncode == 0, done.stderr
    shown = _show(env)
    assert shown["interviews"][0]["start"] == "2026-11-21T10:00:00+01:00"  # type: ignore[index]
    assert shown["expected_reply_by"] == "2026-12-04"
    assert [p["name"] for p in shown["people"]] == ["Ana Lima", "Bo Chen"]  # type: ignore[attr-defined]
    bad = subprocess.run(
        [sys.executable, "-m", "afterword", "add", "--company", "Globex", "--role", "Analyst",
         "--start", "whenever", "--timezone", "Europe/Berlin"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
        check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "--start: 'whenever' is not a day and time" in bad.stderr


def test_add_never_prompts_without_a_terminal(tmp_path: Path) -> None:
    env = _env(tmp_path)
    done = subprocess.run([sys.executable, "-m", "afterword", "add", "--company", "A"],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert "missing --role (prompts are only asked on a terminal)" in done.stderr


def test_import_on_a_terminal_asks_whether_an_unknown_attendee_is_you(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "AFTERWORD_USER_NAME": "Sam Ortiz",
           "AFTERWORD_USER_EMAIL": "sam.ortiz@gmail.com"}
    invite = Path(__file__).parents[1] / "calendar" / "fixtures" / "school_address_candidate.ics"
    seen = _converse(env, ["import", str(invite)],
                     [("Is Sam Ortiz <sortiz3@state.edu> you?", "y")], "\n")
    assert "created: [1] Woodgrove Bank" in seen
    config = tmp_path / "config" / "afterword" / "afterword.toml"  # the process has ended
    assert "sortiz3@state.edu" in config.read_text(encoding="utf-8")
    assert [p["email"] for p in _show(env)["people"]] == [  # type: ignore[attr-defined]
        "hannah.brooks@woodgrovebank.com"]
