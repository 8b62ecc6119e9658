"""The audit log page's service: an admin reads their organisation's entries (never another
organisation's), with names, filters and pages; a deleted account shows as its number."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from afterword.server.scopes import scope_for
from afterword.services import audit
from afterword.services.account_data import delete_account
from afterword.services.audit_view import audit_page
from afterword.store.accounts import User
from afterword.store.repo import Invalid
from afterword.store.scope import bind, system
from tests.server.personas import NOW, World, build


@pytest.fixture
def world(tmp_path: Path) -> World:
    world = build(f"sqlite:///{tmp_path / 'audit.db'}")
    north, south = world.ids["org_north"], world.ids["org_south"]
    with world.maker()() as session, session.begin():
        system(session, "entries")
        for minute, (action, actor, org) in enumerate([
                ("sign_in", "a", north), ("review.request", "a", north),
                ("review.comment", "coach", north), ("send", "b", north),
                ("sign_in", "z", south), ("role.change", "admin", north)]):
            audit.record(session, action, now=NOW + timedelta(minutes=minute),
                         actor_id=world.users[actor], organisation_id=org,
                         detail={"note": 1}, ip="192.0.2.1")
    return world


def _as(world: World, session: Session, persona: str) -> Session:
    system(session, "sign-in step")
    return bind(session, scope_for(session, session.get_one(User, world.users[persona])))


def test_the_admin_reads_their_organisation_newest_first(world: World) -> None:
    with world.maker()() as session:
        page = audit_page(_as(world, session, "admin"))
    assert [r.action for r in page.rows] == ["role.change", "send", "review.comment",
                                             "review.request", "sign_in"]
    assert page.rows[1].actor == "O'Brien-Zoë b (candidate)"
    assert page.older is None


def test_another_organisations_admin_sees_none_of_it(world: World) -> None:
    with world.maker()() as session:
        page = audit_page(_as(world, session, "other_admin"))
    assert [r.action for r in page.rows] == ["sign_in"]
    assert page.rows[0].actor == "O'Brien-Zoë z (candidate)"


def test_filters_and_pages(world: World) -> None:
    with world.maker()() as session:
        scoped = _as(world, session, "admin")
        assert [r.action for r in audit_page(scoped, kind="review").rows] == [
            "review.comment", "review.request"]
        first = audit_page(scoped, limit=2)
        assert [r.action for r in first.rows] == ["role.change", "send"]
        second = audit_page(scoped, limit=2, before=first.older)
        assert [r.action for r in second.rows] == ["review.comment", "review.request"]
        with pytest.raises(Invalid, match="kind"):
            audit_page(scoped, kind="<script>")


def test_a_deleted_account_is_named_by_its_number(world: World) -> None:
    with world.maker()() as session, session.begin():
        delete_account(_as(world, session, "b"), world.users["b"], confirm="b@student.example",
                       now=NOW + timedelta(hours=1))
    with world.maker()() as session:
        rows = audit_page(_as(world, session, "admin")).rows
    assert rows[0].action == "account.delete"
    assert rows[0].actor == f"account {world.users['b']} (deleted or elsewhere)"
