"""A small career centre for the coaching tests: an organisation with an admin, two coaches
and their candidates (with applications, interviews and notes), and a second organisation.

`Centre.as_(who)` gives a session bound to that person's scope, exactly as a signed-in
request gets one in server mode (the account read in a `system` step, then `bind`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from afterword.server.scopes import scope_for
from afterword.store import repo
from afterword.store.accounts import Organisation, User
from afterword.store.db import engine_for
from afterword.store.scope import bind, system
from afterword.store.tables import Application, Note
from afterword.vocab import AccountRole, NoteState

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 20, 16, 0, tzinfo=NEW_YORK)


@dataclass
class Centre:
    """Ids of everyone and everything, and a way to act as any of them."""

    maker: sessionmaker[Session]
    url: str = ""
    ids: dict[str, int] = field(default_factory=dict)

    @contextmanager
    def as_(self, who: str) -> Iterator[tuple[Session, User]]:
        """A session scoped to `who` (committed at the end) and their account row."""
        with self.maker() as session, session.begin():
            system(session, "test: sign in")
            user = session.get_one(User, self.ids[who])
            bind(session, scope_for(session, user))
            yield session, user

    @contextmanager
    def system(self) -> Iterator[Session]:
        """An unscoped session, to look behind the scope in assertions."""
        with self.maker() as session, session.begin():
            system(session, "test: inspect")
            yield session


def _user(session: Session, org: Organisation, key: str, name: str, role: str, *,
          coach: int | None = None, cohort: str = "") -> int:
    user = User(organisation_id=org.id, email=f"{key}@centre.example", name=name,
                role=role, coach_id=coach, cohort=cohort, settings={}, created_at=NOW,
                updated_at=NOW)
    session.add(user)
    session.flush()
    return user.id


def add_application(session: Session, owner: int, company: str, *, ended: datetime,
                    interviewer: str = "Priya Raman") -> Application:
    """An application of `owner` with one interview that ended at `ended` and one
    interviewer."""
    app = repo.add_application(session, company=company, role="Data Analyst", now=NOW,
                               timezone="America/New_York")
    app.owner_id = owner
    repo.add_interview(session, app, start=ended - timedelta(hours=1), end=ended,
                       timezone="America/New_York")
    repo.add_person(session, app, name=interviewer,
                    email=interviewer.split()[0].lower() + "@" +
                    company.split()[0].lower() + ".example")
    session.flush()
    return app


def add_note(session: Session, app: Application, body: str, *, status: str = NoteState.DRAFT,
             sent_at: datetime | None = None, errors: int = 0, kind: str = "thank_you"
             ) -> Note:
    """A note to the application's first person (a stored report with `errors` errors)."""
    report = {"findings": [], "counts": {"error": errors, "warning": 0, "suggestion": 0}}
    return repo.save_note(session, app, body=body, now=NOW, person=app.people[0],
                          status=status, sent_at=sent_at, report=report, kind=kind,
                          subject="Thank you")


def build(url: str) -> Centre:
    """The centre: admin; coach Casey (Ana, Ben, Cleo); coach Dana (Dev); another
    organisation (admin Omar, candidate Zoe)."""
    centre = Centre(sessionmaker(bind=engine_for(url), expire_on_commit=False), url)
    ids = centre.ids
    with centre.system() as session:
        org = Organisation(name="Hillside Careers", house_style={}, relay={}, created_at=NOW)
        other = Organisation(name="Elsewhere Agency", house_style={}, relay={}, created_at=NOW)
        session.add_all([org, other])
        session.flush()
        ids["org"], ids["other_org"] = org.id, other.id
        ids["admin"] = _user(session, org, "admin", "Alex Admin", AccountRole.ADMIN)
        ids["casey"] = _user(session, org, "casey", "Casey Coach", AccountRole.COACH)
        ids["dana"] = _user(session, org, "dana", "Dana Coach", AccountRole.COACH)
        for key, name, coach, cohort in (("ana", "Ana O'Brien-Zoë", "casey", "2027"),
                                         ("ben", "Ben Okafor", "casey", "2027"),
                                         ("cleo", "Cleo Park", "casey", "2028"),
                                         ("dev", "Dev Shah", "dana", "2027")):
            ids[key] = _user(session, org, key, name, AccountRole.CANDIDATE,
                             coach=ids[coach], cohort=cohort)
        ids["omar"] = _user(session, other, "omar", "Omar Other", AccountRole.ADMIN)
        ids["zoe"] = _user(session, other, "zoe", "Zoe Elsewhere", AccountRole.CANDIDATE,
                           cohort="2027")
    return centre
