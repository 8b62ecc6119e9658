"""Data rights: an account downloads exactly its own data as the lossless backup (nothing of
anyone else's, no secret), and deleting it takes everything it owns, leaving an audit entry
without content. Sessions are scoped as a signed-in request's would be."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from afterword.server import secrets
from afterword.server.scopes import scope_for
from afterword.services.account_data import (
    AccountDeletionRefused,
    delete_account,
    export_account,
)
from afterword.store.accounts import AuditEntry, User
from afterword.store.backup import export_all, import_all
from afterword.store.db import engine_for, session_scope
from afterword.store.repo import Invalid, NotFound
from afterword.store.scope import bind, system
from afterword.store.tables import Base, Note
from tests.server.personas import KEY, MARKERS, NOW, World, build, mail_password


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build(f"sqlite:///{tmp_path / 'rights.db'}")


def _as(world: World, session: Session, persona: str) -> Session:
    system(session, "resolve the account, as the sign-in step does")
    user = session.get_one(User, world.users[persona])
    return bind(session, scope_for(session, user))


def _counts(world: World) -> dict[str, int]:
    with world.maker()() as session:
        system(session, "count")
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0
                for t in Base.metadata.sorted_tables}


def test_an_export_holds_the_accounts_data_and_nobody_elses(world: World) -> None:
    with world.maker()() as session, session.begin():
        document = export_account(_as(world, session, "a"), world.users["a"], now=NOW)
    dumped = json.dumps(document, ensure_ascii=False)
    assert MARKERS["a"] in dumped
    assert MARKERS["b"] not in dumped and MARKERS["z"] not in dumped
    assert mail_password("a") not in dumped and "mail_secrets" not in dumped
    assert "password_hash" not in dumped and "$argon2" not in dumped
    (app,) = document["applications"]
    assert app["owner_id"] is None and app["notes"][0]["body"].count(MARKERS["a"]) == 1
    assert document["account"]["email"] == "a@student.example"
    (review,) = document["account"]["reviews"]
    assert review["comments"][0]["body"] == f"{MARKERS['a']} comment"


def test_a_coach_exports_their_own_data_not_their_candidates(world: World) -> None:
    with world.maker()() as session, session.begin():
        document = export_account(_as(world, session, "coach"), world.users["coach"], now=NOW)
    assert document["applications"] == []
    assert MARKERS["a"] not in json.dumps(document)


def test_the_export_loads_into_an_empty_afterword_losslessly(world: World,
                                                              tmp_path: Path) -> None:
    with world.maker()() as session, session.begin():
        document = export_account(_as(world, session, "a"), world.users["a"], now=NOW)
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    engine_for(fresh)
    with session_scope(fresh) as session:
        assert import_all(session, json.loads(json.dumps(document))) == 1
    with session_scope(fresh) as session:
        again = export_all(session)
    assert again["applications"] == document["applications"]


def test_the_export_is_audited_without_content(world: World) -> None:
    with world.maker()() as session, session.begin():
        export_account(_as(world, session, "a"), world.users["a"], now=NOW, ip="192.0.2.7")
    with world.maker()() as session:
        system(session, "read the log")
        (entry,) = session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
        assert (entry.actor_id, entry.ip, entry.detail) == (world.users["a"], "192.0.2.7",
                                                             {"applications": 1})


def test_deleting_takes_everything_the_account_owns_and_nothing_else(world: World) -> None:
    before = _counts(world)
    with world.maker()() as session, session.begin():
        removed = delete_account(_as(world, session, "a"), world.users["a"],
                                 confirm="  A@Student.Example ", now=NOW)
    assert (removed.applications, removed.notes) == (1, 1)
    after = _counts(world)
    gone = {name: before[name] - after[name] for name in before if before[name] != after[name]}
    assert gone == {"users": 1, "applications": 1, "interviews": 1, "people": 1, "moments": 1,
                    "notes": 1, "follow_ups": 1, "review_requests": 1, "review_comments": 1,
                    "due_work": 1, "one_time_links": 1, "auth_sessions": 1, "api_tokens": 1,
                    "audit_log": -1}
    with world.maker()() as session:
        system(session, "look")
        (entry,) = session.scalars(select(AuditEntry))
        assert entry.action == "account.delete" and entry.subject_id == world.users["a"]
        assert MARKERS["a"] not in json.dumps(entry.detail) and "student" not in str(
            entry.detail)
        everything = " ".join(str(row) for table in Base.metadata.sorted_tables
                              for row in session.execute(select(table)))
        assert MARKERS["a"] not in everything and "a@student.example" not in everything
        assert MARKERS["b"] in everything  # B is untouched


@pytest.mark.parametrize("confirm", ["", "b@student.example", "a@student.example\r\nx"])
def test_a_wrong_confirmation_deletes_nothing(world: World, confirm: str) -> None:
    before = _counts(world)
    with world.maker()() as session, session.begin(), pytest.raises(Invalid, match="confirm"):
        delete_account(_as(world, session, "a"), world.users["a"], confirm=confirm, now=NOW)
    assert _counts(world) == before


def test_a_note_being_sent_holds_the_deletion(world: World) -> None:
    with world.maker()() as session, session.begin():
        system(session, "a worker claims the note")
        session.get_one(Note, world.ids["note_a"]).status = "sending"
    with world.maker()() as session, session.begin(), pytest.raises(AccountDeletionRefused,
                                                                     match="being sent"):
        delete_account(_as(world, session, "a"), world.users["a"], confirm="a@student.example",
                       now=NOW + timedelta(minutes=1))


def test_the_only_admin_cannot_delete_their_account(world: World) -> None:
    with world.maker()() as session, session.begin(), pytest.raises(AccountDeletionRefused,
                                                                     match="only admin"):
        delete_account(_as(world, session, "admin"), world.users["admin"],
                       confirm="admin@north.example", now=NOW)


def test_another_persona_cannot_delete_or_export_someone_else(world: World) -> None:
    for persona in ("b", "coach", "other_admin"):
        with world.maker()() as session, session.begin():
            scoped = _as(world, session, persona)
            with pytest.raises(NotFound):  # someone else's account is simply not there
                export_account(scoped, world.users["a"], now=NOW)
            with pytest.raises(NotFound):
                delete_account(scoped, world.users["a"], confirm="a@student.example", now=NOW)
            scoped.rollback()
    with world.maker()() as session:
        system(session, "look")
        assert session.get(User, world.users["a"]) is not None
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_the_stored_mail_passwords_are_sealed(world: World) -> None:
    with world.maker()() as session:
        system(session, "look")
        raw = " ".join(str(v) for v in session.execute(text("SELECT * FROM users")))
        assert mail_password("a") not in raw
        user = session.get_one(User, world.users["a"])
        opened = secrets.open_mail(secrets.Vault([KEY]), user.mail_secrets)
        assert opened.smtp == mail_password("a")
        assert inspect(user).persistent
