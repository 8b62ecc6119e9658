"""The whole server at once on a real PostgreSQL: two web processes (`server serve`) where
candidates sign in and schedule their thank-you notes, and two workers (`server worker`)
that send each note once, when it comes due, as its own account."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select

from afterword.services import accounts
from afterword.store.accounts import User
from afterword.store.db import session_scope
from afterword.store.scope import system
from afterword.store.tables import Note
from tests.mail.conftest import EPOCH, SmtpServer, free_port, smtp_server  # noqa: F401
from tests.server.ops_centre import make_centre, relay, server_settings, student_email
from tests.server.test_processes import _environment, _wait_for, server_url  # noqa: F401
from tests.server.test_serve import PASSWORD, _children

NAMES = ("Sam Ortiz", "Bea Kim", "Lee O'Brien-Zoë")


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "afterword", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _stop(processes: list[subprocess.Popen[str]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in processes:
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output[-3000:])  # shown when the test failed


def _schedule(base: str, email: str, note_id: int) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        client.get("/sign-in")
        signed = client.post("/sign-in", data={"email": email, "password": PASSWORD,
                                               "next": "/", "csrf_token":
                                               client.cookies["aw_csrf"]})
        assert signed.status_code == 303, signed.text[:300]
        page = client.post(f"/notes/{note_id}/schedule", data={
            "when": "Monday 09:00", "csrf_token": client.cookies["aw_csrf"]},
            headers={"Connection": "close"})
        assert page.status_code == 200 and "Scheduled for" in page.text, page.text[-600:]


def test_candidates_schedule_on_two_web_processes_and_two_workers_send_each_once(
        server_url: str, smtp_server: SmtpServer, tmp_path: Path) -> None:  # noqa: F811
    port = free_port()
    env = {**_environment(server_url, smtp_server.port), "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path), "AFTERWORD_INSECURE_COOKIES": "1",
           "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}"}
    assert subprocess.run([sys.executable, "-m", "afterword", "server", "init"], env=env,
                          capture_output=True, timeout=300).returncode == 0
    centre = make_centre(server_url, server_settings(smtp_server.port), NAMES,
                         scheduled=False, relay=relay(smtp_server.port))
    with session_scope(server_url) as session:
        system(session, "test: the candidates chose their passwords")
        for uid in centre.candidates.values():
            session.get_one(User, uid).password_hash = accounts.hash_password(PASSWORD)
    friday_evening = {**env, "AFTERWORD_NOW": (EPOCH + timedelta(hours=3)).isoformat()}
    web = _start(["server", "serve", "--port", str(port), "--workers", "2"], friday_evening)
    base, processes = f"http://127.0.0.1:{port}", [web]
    try:
        _wait_for(lambda: _up(base) and len(_children(web.pid)) >= 2, "to serve")
        for name in centre.candidates:
            _schedule(base, student_email(name), centre.notes[name])
        assert smtp_server.received == []  # scheduled, not sent
        processes += [_start(["server", "worker", "--tick", "1", "--name", f"w{n}"], env)
                      for n in (1, 2)]  # the workers' clock: Monday 09:01 in New York
        _wait_for(lambda: len(smtp_server.received) >= len(NAMES), "every send")
        time.sleep(3)  # more sweeps: nothing goes twice
    finally:
        _stop(processes)
    senders = sorted(r.message["From"].addresses[0].addr_spec for r in smtp_server.received)
    assert senders == sorted(student_email(n) for n in NAMES)
    with session_scope(server_url) as session:
        system(session, "test: read back")
        assert set(session.scalars(select(Note.status))) == {"sent"}


def _up(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
