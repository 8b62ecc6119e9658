"""Data helpers for the web layer: each takes the session explicitly."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from importlib.resources import files
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.services import tracker
from afterword.store import repo
from afterword.store.tables import Application, Note, Person
from afterword.vocab import THANKED_ROLES
from afterword.web.tables import WebPref, WebToken

FEED = "calendar"


def feed_token(session: Session, now: datetime, *, renew: bool = False) -> str:
    """The calendar feed's secret token (made on first use; a new one when `renew`)."""
    row = session.scalar(select(WebToken).where(WebToken.purpose == FEED))
    if row is None:
        row = WebToken(purpose=FEED, token=secrets.token_urlsafe(32), created_at=now)
        session.add(row)
    elif renew:
        row.token, row.created_at = secrets.token_urlsafe(32), now
    session.flush()
    return row.token


def existing_feed_token(session: Session) -> str | None:
    """The calendar feed's token, if one was made (reading never makes one)."""
    row = session.scalar(select(WebToken).where(WebToken.purpose == FEED))
    return row.token if row else None


def forget_feed_token(session: Session) -> None:
    """The calendar feed's address stops working (until a new one is made)."""
    row = session.scalar(select(WebToken).where(WebToken.purpose == FEED))
    if row is not None:
        session.delete(row)
        session.flush()


def feed_token_matches(session: Session, token: str) -> bool:
    """Whether `token` is the calendar feed's (compared in constant time)."""
    row = session.scalar(select(WebToken).where(WebToken.purpose == FEED))
    return row is not None and secrets.compare_digest(row.token.encode(), token.encode())


def get_pref(session: Session, key: str) -> str:
    """A web preference ('' when unset)."""
    row = session.get(WebPref, key)
    return row.value if row else ""


def set_pref(session: Session, key: str, value: str) -> None:
    """Store a web preference."""
    row = session.get(WebPref, key) or WebPref(key=key)
    row.value = value
    session.add(row)


def load_example(session: Session, now: datetime) -> Application:
    """The shipped example interview, as if it happened this (or last) afternoon in New York."""
    data = json.loads((files("afterword.examples") / "interview.json").read_text("utf-8"))
    zone = ZoneInfo("America/New_York")
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=0 if local.hour >= 16 else 1)
    start = datetime.combine(day, time(14, 0), tzinfo=zone)
    app = repo.add_application(
        session, company=data["company"], role=data["role"], now=now,
        aliases=data["company_aliases"], timezone="America/New_York",
        expected_reply_by=day + timedelta(days=14))
    app.other_companies, app.other_roles = data["other_companies"], data["other_roles"]
    repo.add_interview(session, app, start=start, end=start + timedelta(minutes=90),
                       timezone="America/New_York", format="onsite")
    for item in data["interviewers"]:
        person = repo.add_person(session, app, name=item["name"], email=item["email"],
                                 honorific=item["honorific"], title=item["title"],
                                 spelling_confirmed=True)
        for moment in item["moments"]:
            repo.add_moment(session, person, moment)
    scheduler = data["scheduler"]
    repo.add_person(session, app, name=scheduler["name"], email=scheduler["email"],
                    role="scheduler")
    return app


def interviewers(app: Application) -> list[Person]:
    """The application's interviewers."""
    return [p for p in app.people if p.role in THANKED_ROLES]


def current_notes(app: Application) -> dict[int, Note]:
    """The newest note per interviewer (person id → note)."""
    latest: dict[int, Note] = {}
    for note in app.notes:
        if note.person_id is not None:
            latest[note.person_id] = note
    return latest


def _signed(session: Session, note: Note, settings: Settings) -> None:
    """A signature kept only as an old web preference (the settings' one is added by the
    drafting service itself, for the CLI and the web alike)."""
    if settings.signature:
        return
    signature = get_pref(session, "signature").strip()
    if signature:
        note.body = f"{note.body.rstrip()}\n{signature}\n"


def ensure_drafts(session: Session, app: Application, settings: Settings, now: datetime,
                  *, person_id: int | None = None,
                  templates: Mapping[str, str] | None = None) -> list[Note]:
    """A note per interviewer (only `person_id` when given): the newest one, or a fresh
    draft for those without (drafted with `templates`, e.g. a centre's shared one)."""
    have = current_notes(app)
    for person in interviewers(app):
        if person.id not in have and person_id in (None, person.id):
            for note in tracker.draft_and_save(session, app, settings, now=now, person=person,
                                               templates=templates):
                _signed(session, note, settings)
    session.flush()
    session.expire(app, ["notes"])
    fresh = current_notes(app)
    return [fresh[p.id] for p in interviewers(app) if p.id in fresh]


def redraft(session: Session, note: Note, settings: Settings, now: datetime) -> None:
    """Replace `note`'s text with a fresh draft to the same person, in place."""
    app = note.application
    made = tracker.draft_and_save(session, app, settings, now=now, person=note.person)
    if not made:
        raise repo.Invalid("no fresh draft could be made for this note")
    fresh = made[0]
    _signed(session, fresh, settings)
    note.body, note.subject, note.report = fresh.body, fresh.subject, fresh.report
    note.kind, note.medium = fresh.kind, fresh.medium
    session.delete(fresh)
    session.flush()
    session.expire(app, ["notes"])


def apply_fix(text: str, start: int, end: int, replacement: str) -> str:
    """`text` with [start, end) replaced (offsets checked)."""
    if not 0 <= start <= end <= len(text):
        raise repo.Invalid("that suggestion no longer fits the text: check again")
    return text[:start] + replacement + text[end:]
