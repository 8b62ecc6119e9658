"""A hiring manager who interviewed you is thanked like any interviewer; a scheduler is not."""

from __future__ import annotations

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.services import people
from afterword.services.drafting import draft_for_record
from afterword.services.invites import stored_role
from afterword.store.tables import Application
from afterword.vocab import PersonRole
from tests.services.conftest import EPOCH


def test_a_hiring_manager_gets_a_thank_you_of_their_own(session: Session,
                                                        northwind: Application) -> None:
    people.add_person(session, northwind, name="Marcus Webb",
                      email="marcus.webb@northwind.example", role=PersonRole.HIRING_MANAGER)
    session.flush()
    made = draft_for_record(session, northwind, Settings(user_name="Sam Ortiz",
                                                         proofreading=False), now=EPOCH)
    names = {d.note.person.name for d in made if d.note.person is not None}
    assert names == {"Priya Raman", "Nia Okoye", "Marcus Webb"}


def test_an_invite_keeps_the_hiring_manager_role_it_read() -> None:
    assert stored_role("hiring_manager") == PersonRole.HIRING_MANAGER
    assert stored_role("coordinator") == PersonRole.COORDINATOR
