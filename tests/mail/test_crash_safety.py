"""Crash safety: workers killed (SIGKILL) at random moments never lose or duplicate a note.

Two worker processes race over the same batch of approved notes (the claim lets only one
send each); one of them is killed at a random moment, over a hundred times. Then the outbox
runs again for the rest. Every note must end sent, failed or uncertain, and no Message-ID may
reach the server twice — a note interrupted mid-send is `uncertain`, never resent.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter

from sqlalchemy import select

from afterword.services import outbox
from afterword.services.checking import check
from afterword.store.db import engine_for, session_scope
from afterword.store.tables import Note
from tests.conftest import BASE_NOTE, context
from tests.mail.conftest import SEND_AT, SmtpServer, add_note, settings_for

NOTES = 1100
MIN_KILLS = 110
BATCH = 8


def _forget_engines(url: str) -> None:
    """No database connection may cross a fork."""
    engine_for(url).dispose()
    engine_for.cache_clear()


def _worker(url: str, port: int, ids: list[int]) -> None:
    engine_for.cache_clear()  # the parent's engine (if any) stays the parent's
    outbox.send_pending(url, settings_for(port, send_backoff_seconds=0.0), now=SEND_AT,
                        ids=ids, sleep=lambda _: None)
    os._exit(0)


def _approved(url: str, limit: int) -> list[int]:
    with session_scope(url) as session:
        query = select(Note.id).where(Note.status == "approved").order_by(Note.id).limit(limit)
        return list(session.scalars(query))


def _round(url: str, port: int, ids: list[int], rng: random.Random) -> bool:
    """Two racing workers over `ids`; one is killed at a random moment. Killed mid-run?"""
    forks = multiprocessing.get_context("fork")
    workers = [forks.Process(target=_worker, args=(url, port, ids)) for _ in range(2)]
    for worker in workers:
        worker.start()
    victim = rng.choice(workers)
    time.sleep(rng.uniform(0.0, 0.12))
    alive = victim.is_alive()
    if alive and victim.pid is not None:
        os.kill(victim.pid, signal.SIGKILL)
    for worker in workers:
        worker.join(60)
    return alive and victim.exitcode == -signal.SIGKILL


def test_killed_workers_lose_nothing_and_send_nothing_twice(smtp_server: SmtpServer,
                                                           db_url: str) -> None:
    for _ in range(NOTES // 10):
        add_note(db_url, count=10)
    check(BASE_NOTE, context())  # warm the proofreader once, before the forks share it
    rng, kills, rounds = random.Random(20261121), 0, 0
    _forget_engines(db_url)
    started = time.monotonic()
    while kills < MIN_KILLS:
        batch = _approved(db_url, BATCH)
        _forget_engines(db_url)
        assert batch, f"ran out of notes after {kills} kills"
        kills += _round(db_url, smtp_server.port, batch, rng)
        rounds += 1
    interrupted = outbox.recover_interrupted(db_url, now=SEND_AT)  # their senders are dead
    outbox.send_pending(db_url, settings_for(smtp_server.port), now=SEND_AT)

    with session_scope(db_url) as session:
        notes = {n.id: (n.status, n.message_id) for n in session.scalars(select(Note))}
    received = Counter(str(r.message["Message-ID"]) for r in smtp_server.received)
    statuses = Counter(status for status, _ in notes.values())
    uncertain_ids = {mid for status, mid in notes.values() if status == "uncertain"}
    duplicates = sum(n - 1 for mid, n in received.items() if n > 1)
    duplicates_settled = sum(n - 1 for mid, n in received.items()
                             if n > 1 and mid not in uncertain_ids)
    print(f"\ncrash safety: {len(notes)} notes, {rounds} rounds, {kills} kills "
          f"({len(interrupted)} interrupted mid-send) in {time.monotonic() - started:.1f}s; "
          f"sent={statuses['sent']} uncertain={statuses['uncertain']} "
          f"failed={statuses['failed']} lost={len(notes) - sum(statuses[s] for s in ('sent', 'uncertain', 'failed'))} "
          f"duplicates={duplicates} messages received={sum(received.values())}")
    assert len(notes) == NOTES and kills >= MIN_KILLS
    assert set(statuses) <= {"sent", "uncertain", "failed"}  # 0 lost
    assert duplicates_settled == 0 and duplicates == 0
    for status, message_id in notes.values():
        if status == "sent":
            assert received[str(message_id)] == 1
        elif status == "failed":
            assert received[str(message_id)] == 0
