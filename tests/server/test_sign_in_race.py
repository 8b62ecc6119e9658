"""Sign-ins racing for one address: however many processes and threads try a wrong password
at the same moment, exactly the limit's number get a password check; the rest are told to
wait. On a real PostgreSQL (several processes, each with several threads, each with its own
connection) and on SQLite (threads on one file)."""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from afterword import limits
from afterword.server.settings import ServerEnv
from afterword.services import accounts, credentials
from afterword.services.accounts import SignInRefused, TooManyAttempts
from afterword.store.accounts import AuthSession, LoginAttempt, User
from afterword.store.db import engine_for
from afterword.store.scope import strict, system

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
EMAIL = "lee.obrien@riverside.example"
PROCESSES, THREADS = 3, 4  # 12 at once, more than twice the limit of 5


def _hasher() -> PasswordHasher:
    """argon2id at a cost that keeps a password check slow enough to race over."""
    return PasswordHasher(time_cost=2, memory_cost=16 * 1024, parallelism=1)


def _try_at_once(url: str, threads: int, start: float) -> list[str]:
    """`threads` wrong passwords for EMAIL at `start` (wall clock), each on its own
    connection; what each came to ("checked" or "limited")."""
    accounts._hasher = _hasher()
    engine = create_engine(url, pool_size=threads)
    made = sessionmaker(bind=engine)
    outcomes: list[str] = []

    def attempt(n: int) -> None:
        with made() as session:
            strict(session)
            time.sleep(max(0.0, start - time.time()))
            try:
                accounts.sign_in(session, email=EMAIL, password=f"wrong {n}", now=NOW,
                                 ip=f"203.0.113.{n}")
            except SignInRefused:
                outcomes.append("checked")
            except TooManyAttempts:
                outcomes.append("limited")
            session.commit()

    workers = [threading.Thread(target=attempt, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    engine.dispose()
    return outcomes


def _organisation(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", _hasher())
    with sessionmaker(bind=engine_for(url))() as session, session.begin():
        strict(session)
        accounts.create_organisation(session, name="Riverside", admin_email=EMAIL,
                                     admin_name="Lee O'Brien-Zoë",
                                     password="a sensible passphrase", now=NOW)


def _failures_counted(url: str) -> int:
    with sessionmaker(bind=engine_for(url))() as session:
        system(session, "test: the attempts recorded")
        return session.scalar(select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.key == f"email:{EMAIL}", LoginAttempt.ok.is_(False))) or 0


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    """This test's own database on the throwaway server."""
    name = f"sign_in_race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


def test_processes_racing_on_postgresql_get_exactly_the_limits_password_checks(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _organisation(pg_url, monkeypatch)
    start = time.time() + 4  # every process started and waiting by then
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(PROCESSES) as pool:
        results = pool.starmap(_try_at_once, [(pg_url, THREADS, start)] * PROCESSES)
    outcomes = [outcome for result in results for outcome in result]
    assert len(outcomes) == PROCESSES * THREADS
    assert outcomes.count("checked") == limits.MAX_FAILED_PER_EMAIL
    assert outcomes.count("limited") == PROCESSES * THREADS - limits.MAX_FAILED_PER_EMAIL
    assert _failures_counted(pg_url) == limits.MAX_FAILED_PER_EMAIL


def test_threads_racing_on_sqlite_get_exactly_the_limits_password_checks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    _organisation(url, monkeypatch)
    outcomes = _try_at_once(url, PROCESSES * THREADS, time.time() + 1)
    assert outcomes.count("checked") == limits.MAX_FAILED_PER_EMAIL
    assert outcomes.count("limited") == PROCESSES * THREADS - limits.MAX_FAILED_PER_EMAIL
    assert _failures_counted(url) == limits.MAX_FAILED_PER_EMAIL


def _race(count: int, step: Callable[[Session, int], object], url: str) -> list[str]:
    """`count` threads run `step` at the same moment, each in its own session and
    connection; each one's outcome: "ok" or the refusal's class name."""
    engine = create_engine(url, pool_size=count)
    made = sessionmaker(bind=engine)
    start, outcomes = time.time() + 1, []

    def one(n: int) -> None:
        with made() as session:
            strict(session)
            time.sleep(max(0.0, start - time.time()))
            try:
                step(session, n)
                outcomes.append("ok")
            except accounts.AccountError as exc:
                outcomes.append(type(exc).__name__)
            session.commit()

    workers = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    engine.dispose()
    return outcomes


def test_an_invitation_link_used_twice_at_once_works_once(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _organisation(pg_url, monkeypatch)
    with sessionmaker(bind=engine_for(pg_url))() as session, session.begin():
        system(session, "test: an invitation")
        admin = session.scalars(select(User)).one()
        invited = accounts.invite(session, by=admin, email="zoe@student.example", now=NOW,
                                  env=ServerEnv(base_url="https://careers.example.edu"))
        token = accounts.new_link(session, invited, accounts.INVITE, NOW)
    outcomes = _race(6, lambda session, n: accounts.accept(
        session, token, password=f"a sensible passphrase {n}", now=NOW), pg_url)
    assert sorted(outcomes) == ["LinkInvalid"] * 5 + ["ok"]
    with sessionmaker(bind=engine_for(pg_url))() as session:
        system(session, "test: one session opened")
        assert session.scalar(select(func.count()).select_from(AuthSession)) == 1


def test_reset_requests_racing_mail_at_most_the_limit(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _organisation(pg_url, monkeypatch)
    count = limits.MAX_RESETS_PER_EMAIL + 5
    outcomes = _race(count, lambda session, n: credentials.request_reset(
        session, EMAIL, now=NOW, env=ServerEnv(base_url="https://careers.example.edu")),
        pg_url)
    assert outcomes.count("ok") == limits.MAX_RESETS_PER_EMAIL
    assert outcomes.count("TooManyAttempts") == count - limits.MAX_RESETS_PER_EMAIL
