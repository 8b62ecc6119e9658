"""Server mode's scope: a session bound to an account reads and writes only what that
account may reach, whatever the query (lists, lookups by id, lazy loads, bulk updates)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from afterword.services.dismissals import Dismissal
from afterword.store import repo
from afterword.store.accounts import Organisation, User
from afterword.store.db import engine_for
from afterword.store.scope import OutOfScope, Scope, Unscoped, bind, strict, system
from afterword.store.tables import Application, Moment, Note, Person
from afterword.vocab import AccountRole

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)


@pytest.fixture
def maker(tmp_path: Path) -> sessionmaker[Session]:
    return sessionmaker(bind=engine_for(f"sqlite:///{tmp_path / 'scope.db'}"),
                        expire_on_commit=False)


@pytest.fixture
def world(maker: sessionmaker[Session]) -> Iterator[dict[str, int]]:
    """Two candidates (A coached by C) in one organisation, with an application each."""
    with maker() as session, session.begin():
        system(session, "test set-up")
        org = Organisation(name="Centre", house_style={}, relay={}, created_at=NOW)
        session.add(org)
        session.flush()
        ids: dict[str, int] = {}
        for key, role in (("coach", AccountRole.COACH), ("a", AccountRole.CANDIDATE),
                          ("b", AccountRole.CANDIDATE)):
            user = User(organisation_id=org.id, email=f"{key}@centre.example", name=key,
                        role=role, settings={}, created_at=NOW, updated_at=NOW)
            session.add(user)
            session.flush()
            ids[key] = user.id
        session.get_one(User, ids["a"]).coach_id = ids["coach"]
        for key in ("a", "b"):
            app = repo.add_application(session, company=f"Company {key}", role="Analyst",
                                       now=NOW)
            app.owner_id = ids[key]
            person = repo.add_person(session, app, name=f"Person {key}")
            repo.add_moment(session, person, f"talked with {key}")
            repo.add_interview(session, app, start=NOW - timedelta(hours=2),
                               end=NOW - timedelta(hours=1))
            repo.save_note(session, app, body=f"Dear {key}", now=NOW, person=person)
            ids[f"app_{key}"] = app.id
            ids[f"person_{key}"] = person.id
        ids["org"] = org.id
    yield ids


def _as(session: Session, world: dict[str, int], who: str) -> Session:
    if who == "coach":
        return bind(session, Scope(world["coach"], world["org"], AccountRole.COACH,
                                   readable=frozenset({world["a"]}),
                                   users=frozenset({world["a"]})))
    mine = frozenset({world[who]})
    return bind(session, Scope(world[who], world["org"], AccountRole.CANDIDATE,
                               readable=mine, writable=mine))


def test_a_candidate_lists_and_finds_only_their_own_rows(maker: sessionmaker[Session],
                                                          world: dict[str, int]) -> None:
    with maker() as session:
        _as(session, world, "a")
        assert [a.company for a in repo.list_applications(session)] == ["Company a"]
        assert session.scalar(select(func.count()).select_from(Note)) == 1
        assert [p.name for p in session.scalars(select(Person))] == ["Person a"]
        assert [m.text for m in session.scalars(select(Moment))] == ["talked with a"]
        with pytest.raises(repo.NotFound):
            repo.get_application(session, world["app_b"])
        assert session.get(Person, world["person_b"]) is None
        assert {u.name for u in session.scalars(select(User))} == {"a"}


def test_lazy_loads_are_scoped_too(maker: sessionmaker[Session], world: dict[str, int]) -> None:
    with maker() as session:
        _as(session, world, "a")
        (note,) = session.scalars(select(Note))
        assert note.application.company == "Company a"


def test_a_coach_reads_their_candidate_but_changes_nothing(maker: sessionmaker[Session],
                                                           world: dict[str, int]) -> None:
    with maker() as session:
        _as(session, world, "coach")
        assert [a.company for a in repo.list_applications(session)] == ["Company a"]
        app = repo.get_application(session, world["app_a"])
        app.role = "Changed by the coach"
        with pytest.raises(OutOfScope):
            session.flush()
        session.rollback()
        # a bulk update reaches no row either
        changed = session.execute(update(Application).values(role="x"))
        assert changed.rowcount == 0  # type: ignore[attr-defined]


def test_writing_into_someone_elses_application_is_refused(maker: sessionmaker[Session],
                                                           world: dict[str, int]) -> None:
    with maker() as session:
        _as(session, world, "b")
        session.add(Dismissal(application_id=world["app_a"], kind="check_in", number=1,
                              dismissed_at=NOW))
        with pytest.raises(OutOfScope):
            session.flush()
        session.rollback()
        session.add(Person(application_id=world["app_a"], name="Intruder"))
        with pytest.raises(OutOfScope):
            session.flush()


def test_a_new_application_belongs_to_whoever_made_it(maker: sessionmaker[Session],
                                                     world: dict[str, int]) -> None:
    with maker() as session, session.begin():
        _as(session, world, "b")
        app = repo.add_application(session, company="Fresh Co", role="Analyst", now=NOW)
        assert app.owner_id == world["b"]


def test_signed_out_sees_nothing_and_an_unbound_strict_session_refuses(
        maker: sessionmaker[Session], world: dict[str, int]) -> None:
    with maker() as session:
        bind(session, Scope.signed_out())
        assert repo.list_applications(session) == []
        assert session.scalars(select(User)).all() == []
    with maker() as session:
        strict(session)
        with pytest.raises(Unscoped):
            repo.list_applications(session)


def test_the_single_user_app_is_unchanged(maker: sessionmaker[Session],
                                          world: dict[str, int]) -> None:
    with maker() as session:
        assert len(repo.list_applications(session)) == 2
