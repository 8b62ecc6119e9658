"""`make server-demo`'s centre: a throwaway PostgreSQL of its own (gone afterwards) seeded
with an admin, two coaches and twelve coached candidates, whose work afterword drafted and
checked: interviews, the people met, what was discussed, notes (a few sent, one slip)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from afterword.server.demo import DEMO_PASSWORD, seed, throwaway_cluster
from afterword.services import accounts
from afterword.store.accounts import User
from afterword.store.db import session_scope
from afterword.store.scope import system
from afterword.store.tables import Application, Interview, Moment, Note, Person

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def test_the_demo_centre_is_seeded_on_its_own_postgresql_and_removed_after() -> None:
    if os.environ.get("CI") != "true" and not Path("/usr/lib/postgresql").exists():
        pytest.skip("PostgreSQL is not installed")
    with throwaway_cluster() as url:
        logins = seed(url, now=NOW)
        assert [login.role for login in logins].count("candidate") == 12
        assert [login.role for login in logins][:3] == ["admin", "coach", "coach"]
        assert len({login.email for login in logins}) == 15
        with session_scope(url) as session:
            system(session, "test: look at the demo")
            candidates = session.scalars(select(User).where(User.role == "candidate")).all()
            assert all(c.coach_id is not None and c.cohort for c in candidates)
            count = {t.__name__: session.scalar(select(func.count()).select_from(t))
                     for t in (Application, Interview, Person, Moment, Note)}
            assert count["Application"] >= 12 and count["Interview"] == count["Application"]
            assert count["Person"] == 2 * count["Application"] and count["Moment"] > 0
            owners = set(session.scalars(select(Application.owner_id)))
            assert owners == {c.id for c in candidates}
            states = list(session.scalars(select(Note.status)))
            assert "sent" in states and "draft" in states
            errors = [n for n in session.scalars(select(Note))
                      if (n.report or {}).get("counts", {}).get("error")]
            assert errors and all("Hiring Manager" in n.body for n in errors)
            signed = accounts.sign_in(session, email=logins[3].email, password=DEMO_PASSWORD,
                                      now=NOW)
            assert signed.user.email == logins[3].email
        engine = create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("select 1")).scalar() == 1
        engine.dispose()
    with pytest.raises(Exception):  # noqa: B017  (the cluster is gone: any driver error)
        create_engine(url, connect_args={"connect_timeout": 2}).connect()
