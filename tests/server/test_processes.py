"""Server mode as deployed: `afterword server init` on a real PostgreSQL started by the test,
then two `afterword server worker` processes (procrastinate) doing every account's due work
at once. Every scheduled note goes out exactly once, as its own account; invitations go
from the centre (its relay); SIGTERM stops a worker cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text

from afterword.server.secrets import new_key
from afterword.store.db import session_scope
from afterword.store.scope import system
from afterword.store.tables import Note
from tests.mail.conftest import SmtpServer, smtp_server  # noqa: F401  (the fixture)
from tests.server.ops_centre import (
    MONDAY_9,
    invite,
    make_centre,
    relay,
    server_settings,
    student_email,
)

NAMES = ("Sam Ortiz", "Bea Kim", "Lee O'Brien-Zoë", "Ana Silva", "Tom Hart", "Ivy Chen")
KEY = new_key()
PATIENCE = 120.0  # seconds the workers get to do it all on a loaded 2-core machine


@pytest.fixture
def server_url(postgres_url: str) -> str:
    """A database of this module's own on the throwaway PostgreSQL server."""
    name = f"ops_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


def _afterword(*args: str, env: dict[str, str]) -> list[str]:
    return [sys.executable, "-m", "afterword", *args]


def _environment(url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update({"AFTERWORD_DATABASE_URL": url, "AFTERWORD_SMTP_HOST": "127.0.0.1",
                "AFTERWORD_SMTP_PORT": str(port), "AFTERWORD_SMTP_SECURITY": "none",
                "AFTERWORD_USER_NAME": "Riverside Careers",
                "AFTERWORD_USER_EMAIL": "noreply@centre.example",
                "AFTERWORD_NOW": (MONDAY_9 + timedelta(minutes=1)).isoformat(),
                "AFTERWORD_SEND_BACKOFF_SECONDS": "0.01", "AFTERWORD_SECRET_KEYS": KEY})
    return env


@pytest.fixture
def workers(server_url: str, smtp_server: SmtpServer) -> Iterator[list[subprocess.Popen[str]]]:  # noqa: F811
    """Two server workers on the database (started once the test has set up the centre)."""
    env = _environment(server_url, smtp_server.port)
    started: list[subprocess.Popen[str]] = []

    def start() -> list[subprocess.Popen[str]]:
        for number in (1, 2):
            started.append(subprocess.Popen(
                _afterword("server", "worker", "--tick", "1", "--name", f"w{number}", env=env),
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        return started

    yield start  # type: ignore[misc]
    for process in started:
        if process.poll() is None:
            process.kill()
            output, _ = process.communicate(timeout=30)
            print("\n".join(line for line in output.splitlines()
                            if "procrastinate" not in line))  # shown when the test failed


def _wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.5)
    pytest.fail(f"the workers did not manage {what} in {PATIENCE:g} s")


def test_init_then_two_workers_send_every_accounts_note_exactly_once(
        server_url: str, smtp_server: SmtpServer, workers: object) -> None:  # noqa: F811
    env = _environment(server_url, smtp_server.port)
    init = subprocess.run(_afterword("server", "init", env=env), env=env, capture_output=True,
                          text=True, timeout=300)
    assert init.returncode == 0, init.stderr
    assert "workers' queue was created" in init.stdout
    again = subprocess.run(_afterword("server", "init", env=env), env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "created" not in again.stdout  # init is idempotent

    base = server_settings(smtp_server.port)
    centre = make_centre(server_url, base, NAMES, relay=relay(smtp_server.port))
    invite(server_url, centre, name="Nia Invited", email="nia@student.example", now=MONDAY_9)
    processes = workers()  # type: ignore[operator]
    engine = create_engine(server_url)
    _wait_for(lambda: _count(engine, "select count(*) from procrastinate_workers") >= 2,
              "to start")
    _wait_for(lambda: len(smtp_server.received) >= len(NAMES) + 1, "every send")
    time.sleep(3)  # a few more sweeps: nothing may go twice
    received = list(smtp_server.received)
    assert len(received) == len(NAMES) + 1
    ids = [r.message["Message-ID"] for r in received]
    assert len(set(ids)) == len(ids)
    senders = sorted(r.message["From"].addresses[0].addr_spec for r in received)
    # the invitation comes from the centre, through its relay
    assert senders == sorted([student_email(n) for n in NAMES] + ["careers@centre.example"])
    with session_scope(server_url) as session:
        system(session, "test: read back")
        states = set(session.scalars(select(Note.status)))
    assert states == {"sent"}
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output
    engine.dispose()


def test_an_account_whose_job_died_with_its_worker_is_not_locked_out(
        server_url: str, smtp_server: SmtpServer, workers: object) -> None:  # noqa: F811
    env = _environment(server_url, smtp_server.port)
    assert subprocess.run(_afterword("server", "init", env=env), env=env, timeout=300,
                          capture_output=True).returncode == 0
    centre = make_centre(server_url, server_settings(smtp_server.port), NAMES[:2],
                         relay=relay(smtp_server.port))
    stuck = centre.candidates[NAMES[0]]
    engine = create_engine(server_url)
    with engine.begin() as connection:  # a worker was killed while doing Sam's job
        connection.execute(text(
            "insert into procrastinate_jobs (queue_name, task_name, lock, args, status) "
            "values ('afterword', 'afterword.account', :lock, :args, 'doing')"),
            {"lock": f"afterword-account-{stuck}", "args": f'{{"user_id": {stuck}}}'})
    processes = workers()  # type: ignore[operator]
    _wait_for(lambda: len(smtp_server.received) >= 2, "both sends")
    assert len(smtp_server.received) == 2
    assert _count(engine, "select count(*) from procrastinate_jobs where status = 'doing' "
                          "and worker_id is null") == 0
    for process in processes:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    engine.dispose()


def _count(engine: object, query: str) -> int:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return int(connection.execute(text(query)).scalar() or 0)
