"""A small career centre for the server-mode worker tests: an organisation, a coach and
candidates, each candidate with an interview at Northwind and a thank-you ready to send.

The interview ends Friday 20 November 2026 at 15:30 in New York (tests.mail.conftest's
EPOCH); a note scheduled "Monday 09:00" comes due at MONDAY_9.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from afterword.config import Settings
from afterword.server.settings import settings_for
from afterword.server.worker import own_scope
from afterword.services import schedule
from afterword.store import repo
from afterword.store.accounts import Organisation, User
from afterword.store.db import session_scope
from afterword.store.scope import acting_as, system
from afterword.vocab import AccountRole
from tests.conftest import BASE_NOTE
from tests.mail.conftest import EPOCH, SUBJECT

NY = ZoneInfo("America/New_York")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=NY)


@dataclass
class Centre:
    """The ids of what `make_centre` made."""

    organisation: int
    coach: int
    admin: int
    candidates: dict[str, int] = field(default_factory=dict)  # name -> user id
    notes: dict[str, int] = field(default_factory=dict)  # name -> note id


def invite(url: str, centre: Centre, *, name: str, email: str, now: datetime) -> int:
    """The centre's admin invites someone (the accounts service arms the account mail)."""
    from afterword.server.settings import ServerEnv
    from afterword.services import accounts

    with session_scope(url) as session:
        system(session, "test: the admin is signed in")
        admin = session.get_one(User, centre.admin)
        user = accounts.invite(session, by=admin, email=email, name=name, now=now,
                               env=ServerEnv(base_url="https://afterword.centre.example"))
        return user.id


def server_settings(port: int, **changes: Any) -> Settings:
    """The server's own settings: its SMTP (for account mail) and nothing personal."""
    values: dict[str, Any] = {"smtp_host": "127.0.0.1", "smtp_port": port,
                              "smtp_security": "none", "user_name": "Career Centre",
                              "user_email": "noreply@centre.example",
                              "send_backoff_seconds": 0.01}
    return Settings(**(values | changes))


def add_user(url: str, organisation: int, *, name: str, email: str, role: str,
             coach: int | None = None, settings: dict[str, Any] | None = None) -> int:
    """One account of `organisation`."""
    with session_scope(url) as session:
        system(session, "test set-up")
        user = User(organisation_id=organisation, email=email, name=name, role=role,
                    coach_id=coach, settings=dict(settings or {}), created_at=EPOCH,
                    updated_at=EPOCH)
        session.add(user)
        session.flush()
        return user.id


def add_application(url: str, user_id: int, base: Settings) -> int:
    """The candidate's Northwind interview and a thank-you to Priya, signed by them."""
    with session_scope(url) as session:
        system(session, "test set-up")
        user = session.get_one(User, user_id)
        scope, name = own_scope(user), user.name
    with acting_as(scope), session_scope(url) as session:
        app = repo.add_application(session, company="Northwind Analytics",
                                   role="Senior Data Analyst", now=EPOCH,
                                   aliases=["Northwind"], timezone="America/New_York",
                                   expected_reply_by=date(2026, 12, 4))
        repo.add_interview(session, app, start=EPOCH - timedelta(minutes=90), end=EPOCH,
                           timezone="America/New_York")
        person = repo.add_person(session, app, name="Priya Raman", honorific="Dr.",
                                 email="priya.raman@northwind.example",
                                 title="Head of Analytics")
        for moment in ("moving the sales dashboards to dbt", "her team's Friday demo sessions"):
            repo.add_moment(session, person, moment)
        note = repo.save_note(session, app, person=person, subject=SUBJECT,
                              body=BASE_NOTE.replace("Sam Ortiz", name), status="approved",
                              report={}, now=EPOCH)
        return note.id


def schedule_for(url: str, user_id: int, note_id: int, base: Settings,
                 when: str = "Monday 09:00") -> None:
    """The candidate schedules their note (as they would on the compose page)."""
    with session_scope(url) as session:
        system(session, "test set-up")
        user = session.get_one(User, user_id)
        org = session.get_one(Organisation, user.organisation_id)
        scope, settings = own_scope(user), settings_for(user, org, base)
    with acting_as(scope):
        done = schedule.schedule(url, note_id, when, settings, now=EPOCH + timedelta(hours=3))
    assert done.blocked is None, done.blocked


def student_email(name: str) -> str:
    """A plain address for a (possibly accented, hyphenated) name: "lee.obrienzoe@…"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join("".join(c for c in part if c.isalnum()).lower()
                    for part in plain.split()) + "@student.example"


def relay(port: int, *, members_as_from: bool = True) -> dict[str, Any]:
    """The centre's relay on the test SMTP server (plain, on loopback)."""
    return {"host": "127.0.0.1", "port": port, "security": "none",
            "from_address": "careers@centre.example", "from_name": "Riverside Careers",
            "members_as_from": members_as_from}


def make_centre(url: str, base: Settings, names: tuple[str, ...] = ("Sam Ortiz", "Bea Kim"),
                *, scheduled: bool = True, relay: dict[str, Any] | None = None) -> Centre:
    """An organisation (with `relay`) with an admin, a coach and a candidate per name
    (coached), their notes scheduled."""
    with session_scope(url) as session:
        system(session, "test set-up")
        org = Organisation(name="Riverside Careers", house_style={}, relay=relay or {},
                           created_at=EPOCH)
        session.add(org)
        session.flush()
        org_id = org.id
    centre = Centre(org_id, add_user(url, org_id, name="Cora Coach", role=AccountRole.COACH,
                                     email="cora@centre.example"),
                    add_user(url, org_id, name="Ada Admin", role=AccountRole.ADMIN,
                             email="ada@centre.example"))
    for name in names:
        email = student_email(name)
        uid = add_user(url, org_id, name=name, email=email, role=AccountRole.CANDIDATE,
                       coach=centre.coach)
        centre.candidates[name] = uid
        centre.notes[name] = add_application(url, uid, base)
        if scheduled:
            schedule_for(url, uid, centre.notes[name], base)
    return centre
