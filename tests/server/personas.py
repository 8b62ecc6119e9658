"""A server-mode world for access tests: two organisations and the personas of issue 17.

Organisation "North": an admin, coach C (coaches candidate A), another coach D (coaches
candidate B), candidates A and B. Organisation "South": its admin and candidate Z. Every
candidate has a full application (interview, person with a moment, a note with a review
request and a coach's comment, a follow-up, due work) whose text carries a marker of its
owner (`MARKERS`), so a response that leaks someone's data is found by a plain search; each
has mail passwords stored (sealed) whose clear text must never appear anywhere.

Each persona signs in with an `aw_session` cookie whose digest is in `auth_sessions` (and
an API token in `api_tokens`), as the account service would leave them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from afterword.server import secrets
from afterword.server.tokens import digest
from afterword.store import repo
from afterword.store.accounts import (
    ApiToken,
    AuthSession,
    OneTimeLink,
    Organisation,
    ReviewComment,
    ReviewRequest,
    SharedTemplate,
    User,
)
from afterword.store.db import engine_for
from afterword.store.scope import system
from afterword.store.tables import DueWork, FollowUp
from afterword.vocab import AccountRole

NOW = datetime(2026, 11, 21, 14, 30, tzinfo=UTC)
KEY = secrets.new_key()
PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$fake-hash-for-tests"
# who owns which data: the marker in every text of theirs
MARKERS = {"a": "QXA7Marker", "b": "QXB7Marker", "z": "QXZ7Marker"}
# what each persona may read (candidates' keys); signed-out ("anon") reads nothing
READS = {"a": {"a"}, "b": {"b"}, "coach": {"a"}, "other_coach": {"b"}, "admin": {"a", "b"},
         "other_admin": {"z"}, "anon": set()}
PERSONAS = tuple(READS)


def mail_password(key: str) -> str:
    """The clear SMTP password stored (sealed) for candidate `key`."""
    return f"SMTPpw-{key}-9f3b1c"


@dataclass
class World:
    """Ids of everything the personas act on, and their credentials."""

    url: str
    ids: dict[str, int] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)  # persona -> aw_session token
    tokens: dict[str, str] = field(default_factory=dict)  # persona -> API token
    users: dict[str, int] = field(default_factory=dict)  # persona -> account id

    def maker(self) -> sessionmaker[Session]:
        """Sessions on the world's database."""
        return sessionmaker(bind=engine_for(self.url), expire_on_commit=False)


def _user(session: Session, org: Organisation, key: str, role: str, email: str,
          coach: User | None = None, box: secrets.Vault | None = None) -> User:
    sealed = (secrets.seal_mail(box, secrets.MailSecrets(mail_password(key), f"IMAPpw-{key}"))
              if box else None)
    user = User(organisation_id=org.id, email=email, name=f"O'Brien-Zoë {key}", role=role,
                password_hash=PASSWORD_HASH, coach_id=coach.id if coach else None,
                cohort="Class of 2027", settings=({
                    "smtp_host": "127.0.0.1", "smtp_port": 1, "smtp_security": "none",
                    "smtp_user": f"user-{key}", "signature": f"{MARKERS[key]} signature"}
                    if key in MARKERS else {}),
                mail_secrets=sealed, created_at=NOW, updated_at=NOW)
    session.add(user)
    session.flush()
    return user


def _candidate_data(session: Session, world: World, key: str, owner: User,
                    coach: User | None) -> None:
    marker = MARKERS[key]
    app = repo.add_application(session, company=f"{marker} Analytics", role=f"{marker} role",
                               now=NOW - timedelta(days=1), timezone="America/New_York")
    app.owner_id = owner.id
    interview = repo.add_interview(session, app, start=NOW - timedelta(hours=20),
                                   end=NOW - timedelta(hours=19),
                                   location=f"{marker} office")
    person = repo.add_person(session, app, name=f"Priya {marker}",
                             email=f"priya.{key}@northwind.example", title="Head of Data")
    moment = repo.add_moment(session, person, f"the {marker} dashboards")
    note = repo.save_note(session, app, person=person, subject=f"Thank you {marker}",
                          body=f"Dear Priya,\n\nThank you for the {marker} chat.\n\nBest,\nA",
                          now=NOW - timedelta(hours=18), report={})
    follow = FollowUp(application_id=app.id, kind="check_in", number=1,
                      due=NOW + timedelta(days=5), reason=f"{marker} check-in")
    review = ReviewRequest(note_id=note.id, requested_by=owner.id,
                           coach_id=coach.id if coach else None,
                           message=f"{marker} is this ok?", created_at=NOW, updated_at=NOW)
    session.add_all([follow, review])
    session.flush()
    comment = ReviewComment(review_id=review.id, author_id=coach.id if coach else None,
                            start=0, end=10, quote="Dear Priya", body=f"{marker} comment",
                            created_at=NOW)
    due = DueWork(key=f"send-{note.id}", kind="send", note_id=note.id, user_id=owner.id,
                  due_at=time.time() + 86_400, updated_at=NOW)
    link = OneTimeLink(user_id=owner.id, purpose="reset", token_hash=digest(f"link-{key}"),
                       created_at=NOW, expires_at=time.time() + 86_400)
    session.add_all([comment, due, link])
    session.flush()
    for name, row_id in (("app", app.id), ("interview", interview.id), ("person", person.id),
                         ("moment", moment.id), ("note", note.id), ("follow_up", follow.id),
                         ("review", review.id), ("comment", comment.id), ("due", due.id),
                         ("link", link.id)):
        world.ids[f"{name}_{key}"] = row_id


def _sign_in(session: Session, world: World, persona: str, user: User) -> None:
    cookie, token = f"cookie-{persona}-{KEY[:12]}", f"awt_token-{persona}-{KEY[:12]}"
    session.add(AuthSession(user_id=user.id, token_hash=digest(cookie), created_at=NOW,
                            last_seen_at=NOW, expires_at=time.time() + 30 * 86_400))
    api = ApiToken(user_id=user.id, name=f"{persona} laptop", prefix=token[:8],
                   token_hash=digest(token), created_at=NOW)
    session.add(api)
    session.flush()
    world.cookies[persona], world.tokens[persona] = cookie, token
    world.users[persona] = user.id
    world.ids[f"token_{persona}"] = api.id


def build(url: str) -> World:
    """Create the world in the (empty, migrated) database at `url`."""
    world = World(url)
    box = secrets.Vault([KEY])
    with world.maker()() as session, session.begin():
        system(session, "test set-up")
        north = Organisation(name="North Careers", house_style={}, relay={}, created_at=NOW)
        south = Organisation(name=f"South {MARKERS['z']} Centre", house_style={}, relay={},
                             created_at=NOW)
        session.add_all([north, south])
        session.flush()
        admin = _user(session, north, "admin", AccountRole.ADMIN, "admin@north.example")
        coach = _user(session, north, "coach", AccountRole.COACH, "coach@north.example")
        other_coach = _user(session, north, "other_coach", AccountRole.COACH,
                            "other.coach@north.example")
        a = _user(session, north, "a", AccountRole.CANDIDATE, "a@student.example", coach, box)
        b = _user(session, north, "b", AccountRole.CANDIDATE, "b@student.example",
                  other_coach, box)
        other_admin = _user(session, south, "other_admin", AccountRole.ADMIN,
                            "admin@south.example")
        z = _user(session, south, "z", AccountRole.CANDIDATE, "z@south.example", None, box)
        for key, owner, its_coach in (("a", a, coach), ("b", b, other_coach), ("z", z, None)):
            _candidate_data(session, world, key, owner, its_coach)
        for persona, user in (("a", a), ("b", b), ("coach", coach),
                              ("other_coach", other_coach), ("admin", admin),
                              ("other_admin", other_admin)):
            _sign_in(session, world, persona, user)
        for org, key in ((north, "north"), (south, "south")):
            template = SharedTemplate(organisation_id=org.id, name=f"{key} template",
                                      kind="email", body=f"{key} body", updated_at=NOW)
            session.add(template)
            session.flush()
            world.ids[f"template_{key}"] = template.id
        session.add(SharedTemplate(organisation_id=south.id, name=f"{MARKERS['z']} template",
                                   kind="email", body=MARKERS["z"], updated_at=NOW))
        world.ids.update(org_north=north.id, org_south=south.id, user_z=z.id)
        world.users["z"] = z.id
    return world
