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


def test_add_prompts_on_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
           "AFTERWORD_NOW": "2026-11-20T16:00:00-05:00", "NO_COLOR": "1", "TERM": "dumb"}
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "afterword", "add", "--timezone",
                                "America/New_York"], stdin=follower, stdout=follower,
                               stderr=follower, env=env, close_fds=True)
    os.close(follower)
    try:
        for question, answer in (("Company", "Ochre & Ink Studio"), ("Role", "Brand Designer"),
                                 ("Interview start", "2026-11-20T13:00"),
                                 ("Interviewer", "Katherine van der Berg <kvdb@ochre.example>")):
            _read_until(leader, question)
            os.write(leader, (answer + "\n").encode())
        _read_until(leader, "Recorded application 1")
    finally:
        process.wait(timeout=60)
        os.close(leader)
    listing = subprocess.run([sys.executable, "-m", "afterword", "show", "1", "--json"],
                             capture_output=True, text=True, env=env, check=True)
    shown = json.loads(listing.stdout)
    assert shown["company"] == "Ochre & Ink Studio"
    assert shown["people"][0]["email"] == "kvdb@ochre.example"
    assert shown["interviews"][0]["start"] == "2026-11-20T13:00:00-05:00"


def test_add_never_prompts_without_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}"}
    done = subprocess.run([sys.executable, "-m", "afterword", "add", "--company", "A"],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert "missing --role (prompts are only asked on a terminal)" in done.stderr
