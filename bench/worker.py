"""Scheduled sends per second through one and two `afterword worker` processes, beside the
same sends done one by one with `afterword send`, on SQLite and on PostgreSQL.

    .venv/bin/python bench/worker.py [--notes 200] [--no-postgres]

Each run gets a fresh database with N approved notes and a real SMTP server (aiosmtpd on
loopback). The baseline sends them one after another with `afterword send ID` (the CLI
command, run in this process so that interpreter start-up is not counted); the workers are
real `afterword worker` processes, timed from their start until every note is sent. The
ratio is worker sends/s over `afterword send` sends/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[1]
END = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))
SEND_AT = END + timedelta(hours=18)
BODY = "\n\n".join([
    "Dear Dr. Raman,",
    "Thank you for meeting with me yesterday about the Senior Data Analyst role. Hearing how "
    "your team is moving the sales dashboards to dbt was the highlight of the afternoon, and "
    "I would enjoy helping with the testing side of that work.",
    "You mentioned a decision by December 4, so I will check in on December 7 if I have not "
    "heard from you before then.",
    "Best regards,\nSam Ortiz\n"])


class Counter:
    """An aiosmtpd handler that only counts."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 2.0.0 queued"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(url: str, port: int) -> dict[str, str]:
    return {"AFTERWORD_DATABASE_URL": url, "AFTERWORD_NOW": SEND_AT.isoformat(),
            "AFTERWORD_SMTP_HOST": "127.0.0.1", "AFTERWORD_SMTP_PORT": str(port),
            "AFTERWORD_SMTP_SECURITY": "none", "AFTERWORD_USER_NAME": "Sam Ortiz",
            "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org", "NO_COLOR": "1"}


def _fill(url: str, count: int, *, scheduled: bool) -> list[int]:
    from afterword.services import notes as states
    from afterword.store import due, repo
    from afterword.store.db import engine_for, session_scope

    ids: list[int] = []
    with session_scope(url) as session:
        for _ in range(0, count, 2):
            app = repo.add_application(session, company="Northwind Analytics",
                                       role="Senior Data Analyst", now=END,
                                       timezone="America/New_York",
                                       expected_reply_by=date(2026, 12, 4))
            repo.add_interview(session, app, start=END - timedelta(hours=1), end=END,
                               timezone="America/New_York")
            person = repo.add_person(session, app, name="Priya Raman", honorific="Dr.",
                                     email="priya.raman@northwind.example")
            repo.add_moment(session, person, "moving the sales dashboards to dbt")
            for _ in range(2):
                note = repo.save_note(session, app, person=person, body=BODY, now=END,
                                      subject="Thank you for yesterday's conversation",
                                      status="approved", report={})
                ids.append(note.id)
        if scheduled:
            for note_id in ids:
                states.move(session, note_id, states.SCHEDULED, sources=("approved",))
                due.arm(session, key=due.send_key(note_id), kind=due.SEND, note_id=note_id,
                        due_at=SEND_AT, now=END)
    engine_for(url).dispose()
    engine_for.cache_clear()
    return ids


def _sent(url: str) -> int:
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        done = connection.scalar(text("SELECT COUNT(*) FROM notes WHERE status = 'sent'"))
    engine.dispose()
    return int(done or 0)


def one_by_one(url: str, port: int, count: int) -> float:
    """`afterword send ID` for each note in turn; sends per second."""
    from typer.testing import CliRunner

    from afterword.cli.main import app

    ids = _fill(url, count, scheduled=False)
    runner, env = CliRunner(), _env(url, port)
    started = time.perf_counter()
    for note_id in ids:
        result = runner.invoke(app, ["send", str(note_id)], env=env)
        assert result.exit_code == 0, result.output
    elapsed = time.perf_counter() - started
    assert _sent(url) == count
    return count / elapsed


def through_workers(url: str, port: int, count: int, workers: int) -> float:
    """`workers` worker processes until every scheduled note is sent; sends per second."""
    _fill(url, count, scheduled=True)
    env = {**os.environ, **_env(url, port)}
    command = [sys.executable, "-m", "afterword", "worker", "--tick", "0.05"]
    started = time.perf_counter()
    processes = [subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
                 for _ in range(workers)]
    try:
        while _sent(url) < count:
            if any(p.poll() is not None for p in processes):
                raise RuntimeError("a worker exited early")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
            process.wait(30)
    return count / elapsed


@contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server on a free port (as the tests start one)."""
    import glob

    def binary(name: str) -> str:
        found = shutil.which(name) or next(iter(sorted(
            glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
        if found is None:
            raise FileNotFoundError(name)
        return found

    folder = Path(tempfile.mkdtemp(prefix="afterword-bench-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port, data = _port(), folder / "data"
    run: dict[str, Any] = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*prefix, binary("initdb"), "-D", str(data), "-A", "trust", "-U",
                    "afterword"], **run)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*prefix, binary("pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
                    str(folder / "log"), "start"], **run)
    try:
        yield f"postgresql+psycopg://afterword@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _databases(server: str | None, folder: Path) -> Iterator[tuple[str, str]]:
    """(label, fresh URL) for each run: SQLite files, PostgreSQL databases."""
    number = 0
    while True:
        number += 1
        if server is None:
            yield "SQLite", f"sqlite:///{folder / f'bench-{number}.db'}"
            continue
        admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE bench_{number}"))
        admin.dispose()
        yield "PostgreSQL", f"{server}/bench_{number}"


def measure(server: str | None, count: int, port: int, folder: Path) -> None:
    """Print one backend's figures and ratios."""
    urls = _databases(server, folder)
    label, url = next(urls)
    baseline = one_by_one(url, port, count)
    rates = {n: through_workers(next(urls)[1], port, count, n) for n in (1, 2)}
    print(f"{label:<10} afterword send one by one: {baseline:6.1f} sends/s")
    for n, rate in rates.items():
        print(f"{label:<10} {n} worker{'s' if n > 1 else ' '} (scheduled): {rate:6.1f} sends/s"
              f"   ratio {rate / baseline:4.2f}x")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    counter, port = Counter(), _port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    folder = Path(tempfile.mkdtemp(prefix="afterword-bench-"))
    print(f"{args.notes} notes per run, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    try:
        measure(None, args.notes, port, folder)
        if not args.no_postgres:
            with postgres() as server:
                measure(server, args.notes, port, folder)
    finally:
        controller.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
