"""Crash safety of scheduled sends: `afterword worker` processes SIGKILLed at random moments,
racing `afterword send` commands over the same scheduled notes, never lose a note and never
deliver one twice.

Two worker processes (`afterword worker --tick …`, forked from this warmed-up process and
run through the CLI) work through the scheduled notes while `afterword send ID` commands
send random ones by hand. Over a hundred times a random worker is SIGKILLed (the server
takes a few milliseconds over each DATA, so many kills land mid-DATA) and a fresh one takes
its place. At the end a last `afterword worker --once` settles what the dead left behind.
Every note must end sent, failed or uncertain (none lost, none left scheduled or sending),
and no Message-ID may reach the server twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import random
import re
import signal
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from multiprocessing.process import BaseProcess
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from afterword.services import notes as states
from afterword.services.checking import check
from afterword.store import due
from afterword.store.db import engine_for, session_scope
from afterword.store.tables import DueWork, Note
from tests.conftest import BASE_NOTE, context
from tests.mail.conftest import EPOCH, SEND_AT, Recorder, SmtpServer, add_note, free_port

NOTES = 500
MIN_KILLS = 100
SENDS = 60  # `afterword send` commands racing the workers


class SlowData(Recorder):
    """Takes a few milliseconds over each DATA, so that kills land inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.in_data: set[int] = set()  # the processes whose DATA is being answered now

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        pid = _sender_pid(envelope.content)
        self.in_data.add(pid)
        try:
            await asyncio.sleep(random.uniform(0.005, 0.03))
            return await super().handle_DATA(server, session, envelope)
        finally:
            self.in_data.discard(pid)


def _sender_pid(content: bytes) -> int:
    """The process that made the Message-ID (`make_msgid` puts its pid second)."""
    found = re.search(rb"^Message-ID: <\d+\.(\d+)\.", content, re.M | re.I)
    return int(found[1]) if found else -1


@pytest.fixture
def slow_smtp() -> Iterator[SmtpServer]:
    """aiosmtpd that lingers over DATA."""
    recorder, port = SlowData(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        controller.stop()


def _env(url: str, port: int) -> dict[str, str]:
    return {"AFTERWORD_DATABASE_URL": url, "AFTERWORD_NOW": SEND_AT.isoformat(),
            "AFTERWORD_SMTP_HOST": "127.0.0.1", "AFTERWORD_SMTP_PORT": str(port),
            "AFTERWORD_SMTP_SECURITY": "none", "AFTERWORD_USER_NAME": "Sam Ortiz",
            "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org", "AFTERWORD_SEND_RETRIES": "2",
            "AFTERWORD_SEND_BACKOFF_SECONDS": "0", "NO_COLOR": "1"}


def _command(env: dict[str, str], args: list[str]) -> None:
    """Run one `afterword …` command in this (forked) process, as its own program."""
    engine_for.cache_clear()  # the parent's connections stay the parent's
    os.environ.update(env)
    for name in ("AFTERWORD_SMTP_PASSWORD", "AFTERWORD_CONFIG"):
        os.environ.pop(name, None)
    from afterword.cli.main import app

    with contextlib.suppress(BaseException):  # a refused send is an expected outcome here
        app(args, standalone_mode=False)
    os._exit(0)


def _spawn(env: dict[str, str], args: list[str]) -> BaseProcess:
    process = multiprocessing.get_context("fork").Process(target=_command, args=(env, args))
    process.start()
    return process


def _schedule_all(url: str) -> list[int]:
    """NOTES notes, each scheduled for 09:30 the morning after (due at SEND_AT)."""
    ids: list[int] = []
    for _ in range(NOTES // 2):  # two notes per application, as a panel of two would have
        ids += add_note(url, count=2)
    with session_scope(url) as session:
        for note_id in ids:
            assert states.move(session, note_id, states.SCHEDULED, sources=("approved",))
            due.arm(session, key=due.send_key(note_id), kind=due.SEND, note_id=note_id,
                    due_at=SEND_AT, now=EPOCH)
    engine_for(url).dispose()
    engine_for.cache_clear()
    return ids


def _due_left(url: str) -> int:
    """Scheduled sends not done yet (through a connection that never outlives the call)."""
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        left = connection.scalar(select(func.count()).select_from(DueWork)
                                 .where(DueWork.kind == due.SEND,
                                        DueWork.state.in_((due.PENDING, due.CLAIMED))))
    engine.dispose()
    return int(left or 0)


def _victim(server: SlowData, workers: list[BaseProcess],
            rng: random.Random) -> tuple[int, bool]:
    """Which worker to kill, after a random pause: often one caught in the middle of DATA."""
    time.sleep(rng.uniform(0.02, 0.3))
    if rng.random() < 0.6:  # a fresh worker needs a moment before it sends anything
        until = time.monotonic() + 2.0
        while time.monotonic() < until:
            caught = [i for i, w in enumerate(workers) if w.pid in server.in_data]
            if caught:
                return rng.choice(caught), True
            time.sleep(0.001)
    return rng.randrange(len(workers)), False


def _storm(url: str, server: SmtpServer, ids: list[int], rng: random.Random) -> int:
    """Workers and sends over the notes, killing a worker at random moments; the kills."""
    env, recorder = _env(url, server.port), server.recorder
    assert isinstance(recorder, SlowData)
    worker_args = ["worker", "--tick", "0.02"]
    workers = [_spawn(env, worker_args) for _ in range(2)]
    sends: list[BaseProcess] = []
    kills = aimed = 0
    deadline = time.monotonic() + 600  # a guard against a hang, far above the usual
    while (kills < MIN_KILLS or _due_left(url)) and time.monotonic() < deadline:
        if len(sends) < SENDS and rng.random() < 0.5:
            sends.append(_spawn(env, ["send", str(rng.choice(ids))]))
        if kills >= MIN_KILLS:
            time.sleep(0.1)
        else:
            victim, in_data = _victim(recorder, workers, rng)
            if workers[victim].pid is not None and workers[victim].is_alive():
                os.kill(workers[victim].pid, signal.SIGKILL)
                kills += 1
                aimed += in_data
            workers[victim].join(10)
            workers[victim] = _spawn(env, worker_args)
    for process in workers:
        if process.pid is not None and process.is_alive():
            os.kill(process.pid, signal.SIGKILL)  # a last crash, whatever it was doing
        process.join(10)
    for process in sends:
        process.join(30)
    final = _spawn(env, ["worker", "--once"])
    final.join(60)
    for process in [*sends, final]:
        assert not process.is_alive(), "a command hung"
    print(f"\n{kills} kills, {aimed} of them aimed at a worker in the middle of DATA")
    return kills


def _verify(url: str, server: SmtpServer, kills: int, label: str) -> None:
    with session_scope(url) as session:
        notes = {n.id: (n.status, n.message_id) for n in session.scalars(select(Note))}
    received = Counter(str(r.message["Message-ID"]) for r in server.received)
    statuses = Counter(status for status, _ in notes.values())
    uncertain = {mid for status, mid in notes.values() if status == "uncertain"}
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    outside = sum(n - 1 for mid, n in received.items() if n > 1 and mid not in uncertain)
    mid_data = sum(1 for mid in uncertain if received[str(mid)] >= 1)
    lost = len(notes) - sum(statuses[s] for s in ("sent", "uncertain", "failed"))
    print(f"\nworker crash safety ({label}): {len(notes)} scheduled notes, {kills} worker "
          f"kills, {SENDS} concurrent sends; sent={statuses['sent']} "
          f"uncertain={statuses['uncertain']} (of which {mid_data} reached the server: "
          f"killed mid-DATA) failed={statuses['failed']} lost={lost} "
          f"duplicates={duplicates} (outside uncertain: {outside}) "
          f"messages received={sum(received.values())}")
    assert len(notes) == NOTES and kills >= MIN_KILLS
    assert set(statuses) <= {"sent", "uncertain", "failed"}, statuses  # 0 lost
    assert outside == 0 and duplicates == 0
    for status, message_id in notes.values():
        if status == "sent":
            assert received[str(message_id)] == 1
        elif status == "failed":
            assert received[str(message_id)] == 0


def _run(url: str, server: SmtpServer, label: str) -> None:
    ids = _schedule_all(url)
    check(BASE_NOTE, context())  # warm the proofreader once, before the forks share it
    kills = _storm(url, server, ids, random.Random(20261204))
    _verify(url, server, kills, label)


@pytest.mark.slow
def test_killed_workers_and_racing_sends_on_sqlite(slow_smtp: SmtpServer, db_url: str) -> None:
    _run(db_url, slow_smtp, "SQLite")


@pytest.mark.slow
def test_killed_workers_and_racing_sends_on_postgresql(slow_smtp: SmtpServer,
                                                       postgres_url: str) -> None:
    name = f"crash_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _run(postgres_url.rsplit("/", 1)[0] + f"/{name}", slow_smtp, "PostgreSQL")
