"""Accounts on a real PostgreSQL: the sign-in limits are counted in the database, so failed
attempts made through two separate processes add up; an invitation, its acceptance and a
scoped request work there as they do on SQLite."""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from afterword import limits
from afterword.server.settings import ServerEnv
from afterword.services import accounts, signed_in
from afterword.services.accounts import SignInRefused, TooManyAttempts
from afterword.store.accounts import User
from afterword.store.db import engine_for
from afterword.store.scope import strict, system
from afterword.store.tables import DueWork
from tests.server.accounts_helpers import quick_argon2

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
PASSWORD = "a sensible passphrase"
ENV = ServerEnv(base_url="https://careers.example.edu")


@pytest.fixture(scope="module")
def pg_url(postgres_url: str) -> str:
    """This module's own database on the throwaway server."""
    name = f"accounts_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def maker(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> sessionmaker[Session]:
    quick_argon2(monkeypatch)
    made = sessionmaker(bind=engine_for(pg_url), expire_on_commit=False)
    with made() as session, session.begin():
        system(session, "test: a clean slate")
        for table in ("login_attempts", "audit_log", "due_work", "users", "organisations"):
            session.execute(text(f"DELETE FROM {table}"))
    return made


def _fail_from_another_process(url: str, email: str, count: int,
                               start: float) -> tuple[int, int]:
    """In a process of its own (its own engine and connections): `count` wrong passwords;
    how many were refused as wrong, and how many as over the limit."""
    refused = limited = 0
    engine = create_engine(url)
    with sessionmaker(bind=engine)() as session:
        for n in range(count):
            at = datetime.fromtimestamp(start + n, UTC)
            try:
                accounts.sign_in(session, email=email, password=f"wrong {n:04}", now=at,
                                 ip=f"198.51.100.{n}")
            except SignInRefused:
                refused += 1
            except TooManyAttempts:
                limited += 1
            session.commit()
    engine.dispose()
    return refused, limited


def _organisation(maker: sessionmaker[Session]) -> User:
    with maker() as session, session.begin():
        strict(session)
        return accounts.create_organisation(session, name="Riverside", admin_email=
                                            "admin@riverside.example", admin_name="Admin",
                                            password=PASSWORD, now=NOW)


def test_failed_sign_ins_through_two_processes_count_together(
        maker: sessionmaker[Session], pg_url: str) -> None:
    admin = _organisation(maker)
    half = limits.MAX_FAILED_PER_EMAIL // 2 + 1  # each process alone stays under the limit
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(1) as first, spawn.Pool(1) as second:  # two processes, one after the other
        one = first.apply(_fail_from_another_process,
                          (pg_url, admin.email, half, NOW.timestamp()))
        two = second.apply(_fail_from_another_process,
                           (pg_url, admin.email, half, NOW.timestamp() + 100))
    assert one == (half, 0)  # alone, the first stayed under the limit
    assert two == (limits.MAX_FAILED_PER_EMAIL - half, 2 * half - limits.MAX_FAILED_PER_EMAIL)
    with maker() as session:
        strict(session)
        with pytest.raises(TooManyAttempts):
            accounts.sign_in(session, email=admin.email, password=PASSWORD,
                             now=NOW + timedelta(minutes=5))


def test_an_invitation_accepted_on_postgresql_signs_in_with_its_own_scope(
        maker: sessionmaker[Session]) -> None:
    admin = _organisation(maker)
    with maker() as session, session.begin():
        strict(session)
        invited = accounts.invite(session, by=admin, email="Zoe@Student.example",
                                  name="Zoë O'Brien", now=NOW, env=ENV)
    with maker() as session:
        system(session, "test reads the mail")
        mail = session.scalars(select(DueWork).where(DueWork.user_id == invited.id)).one()
        assert mail.payload is not None
        token = accounts.open_account_mail(mail.payload)[2].split("/invite/")[1].split()[0]
    with maker() as session, session.begin():
        strict(session)
        signed = accounts.accept(session, token, password=PASSWORD, now=NOW)
    with maker() as session:
        strict(session)
        user = signed_in.bind_request(session, cookie=signed.token, bearer=None, now=NOW)
        assert user is not None and user.email == "zoe@student.example"
        assert [u.email for u in session.scalars(select(User))] == ["zoe@student.example"]
