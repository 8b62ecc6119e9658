"""Who a server-mode request comes from: the account behind a session cookie, an API token
(`Authorization: Bearer`) or the LanguageTool endpoint's `username` + `apiKey`, and the
session scoped to it. `web.deps.get_session` calls `bind_request` for every request, so no
route can run a query before its scope is bound.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword import limits
from afterword.server.scopes import scope_for
from afterword.server.tokens import digest
from afterword.store.accounts import ApiToken, AuthSession, Organisation, User
from afterword.store.scope import Scope, as_system, bind


def session_user(session: Session, token: str, now: datetime) -> User | None:
    """The account signed in by the session cookie `token` (None: unknown or expired)."""
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == digest(token)))
    if row is None or row.expires_at <= now.timestamp():
        return None
    if (now - row.last_seen_at).total_seconds() > limits.SESSION_TOUCH_SECONDS:
        row.last_seen_at = now
    return session.get(User, row.user_id)


def token_user(session: Session, secret: str, now: datetime) -> User | None:
    """The account an API token belongs to (None: unknown or revoked; a calendar feed's
    token opens its feed only, never the API)."""
    from afterword.services.calendar_feed import is_feed_token

    if is_feed_token(secret):
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if row is None:
        return None
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > \
            limits.SESSION_TOUCH_SECONDS:
        row.last_used_at = now
    return session.get(User, row.user_id)


def bind_request(session: Session, *, cookie: str | None, bearer: str | None,
                 now: datetime) -> User | None:
    """Scope `session` to whoever the request carries (a bearer token wins over the
    cookie); signed-out (sees nothing) when nobody or a disabled account."""
    with as_system(session, "who is signing this request"):
        user = (token_user(session, bearer, now) if bearer is not None
                else session_user(session, cookie, now) if cookie else None)
    return bind_user(session, user)


def bind_user(session: Session, user: User | None) -> User | None:
    """Scope `session` to `user` (signed out when None or disabled); the account bound."""
    with as_system(session, "binding an account's scope"):
        if user is not None and user.disabled:
            user = None
        scope = scope_for(session, user) if user is not None else Scope.signed_out()
        if user is not None:
            session.get(Organisation, user.organisation_id)  # kept for settings_for
    bind(session, scope)
    return user


def organisation_of(session: Session, user: User) -> Organisation | None:
    """The account's organisation."""
    return session.get(Organisation, user.organisation_id)


def api_key_user(session: Session, username: str, api_key: str, now: datetime) -> User | None:
    """The LanguageTool endpoint's `username` + `apiKey`: the account whose address is
    `username` and whose API token is `api_key` (None otherwise)."""
    with as_system(session, "checking an API key"):
        user = token_user(session, api_key.strip(), now) if api_key.strip() else None
        if user is None or user.disabled or user.email != username.strip().lower():
            return None
        return user


def account_key(user: User) -> str:
    """The name a live session or a cache keeps one account's checks under."""
    return f"user:{user.id}"
