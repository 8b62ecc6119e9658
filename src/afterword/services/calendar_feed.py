"""Server mode's calendar feed: each account's follow-up plan at a secret address of its own
(`/calendar/{token}.ics`), which a calendar program fetches without any cookie.

The secret is shown once, when it is made; the database keeps only its digest, as an
`ApiToken` row whose prefix ("awc_") marks it a feed. A feed token opens that account's own
plan and nothing else: it is no API token (the JSON API refuses it), it never reaches a
coach's candidates, and it changes nothing. Making a new one ends the old; revoking ends it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from afterword.calendar.export import CalendarEvent
from afterword.config import Settings
from afterword.server.settings import settings_for
from afterword.server.tokens import digest, new_token
from afterword.services import audit
from afterword.services.agenda import calendar_for
from afterword.store.accounts import ApiToken, Organisation, User
from afterword.store.scope import Scope, as_system, bind

FEED_PREFIX = "awc_"
FEED_NAME = "Calendar feed"
_PREFIX_CHARS = 12


def is_feed_token(secret: str) -> bool:
    """Whether `secret` is a calendar feed's (and so no API token)."""
    return secret.startswith(FEED_PREFIX)


def _feeds(user_id: int) -> ColumnElement[bool]:
    return (ApiToken.user_id == user_id) & ApiToken.prefix.startswith(FEED_PREFIX,
                                                                      autoescape=True)


def feed_of(session: Session, user: User) -> ApiToken | None:
    """The account's feed (its row: when it was made), or None."""
    return session.scalar(select(ApiToken).where(_feeds(user.id)))


def new_feed(session: Session, user: User, *, now: datetime, ip: str = "") -> str:
    """A new secret feed address token for `user` (an earlier one stops working); shown once."""
    session.execute(delete(ApiToken).where(_feeds(user.id)))
    secret = new_token(FEED_PREFIX)
    row = ApiToken(user_id=user.id, name=FEED_NAME, prefix=secret[:_PREFIX_CHARS],
                   token_hash=digest(secret), created_at=now)
    session.add(row)
    session.flush()
    audit.record(session, "calendar_feed.create", now=now, actor_id=user.id,
                 subject_id=user.id, organisation_id=user.organisation_id, ip=ip)
    return secret


def revoke_feed(session: Session, user: User, *, now: datetime, ip: str = "") -> bool:
    """End the account's feed; whether there was one."""
    row = feed_of(session, user)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    audit.record(session, "calendar_feed.revoke", now=now, actor_id=user.id,
                 subject_id=user.id, organisation_id=user.organisation_id, ip=ip)
    return True


def feed_events(session: Session, secret: str, base: Settings,
                now: datetime) -> list[CalendarEvent] | None:
    """The plan behind the feed token `secret` (None: no such feed, or a disabled account).

    The session is bound to the account's own rows, read-only, whatever its role."""
    if not is_feed_token(secret):
        return None
    with as_system(session, "which account a calendar feed is"):
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
        user = session.get(User, row.user_id) if row is not None else None
        if user is None or user.disabled or not is_feed_token(row.prefix if row else ""):
            return None
        settings = settings_for(user, session.get(Organisation, user.organisation_id), base)
    me = frozenset({user.id})
    bind(session, Scope(user.id, user.organisation_id, user.role, readable=me,
                        writable=frozenset(), users=me))
    return calendar_for(session, settings, now)
