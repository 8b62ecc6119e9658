"""An account's own settings in server mode: who they are (name, addresses, signature), their
dialect and their mail servers (never a password: those are `server.secrets`' sealed
`mail_secrets`). Kept in `users.settings`, where `server.settings.settings_for` reads them;
the single-user app keeps the same values in `afterword.toml` instead (`services.identity`).
Only the keys an account may choose are stored (`PERSONAL_KEYS`); house style is the admin's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from afterword import settings_file
from afterword.config import ConfigError, Settings
from afterword.identity import Identity, identity_of
from afterword.server.settings import PERSONAL_KEYS, OverlaidSettings
from afterword.services.identity import valid_address
from afterword.store.accounts import User


def _store(user: User, values: dict[str, Any], now: datetime) -> None:
    kept = {k: v for k, v in values.items() if k in PERSONAL_KEYS and v not in (None, [], "")}
    try:
        OverlaidSettings(**kept)  # checked alone: the server's environment masks nothing
    except ValueError as exc:
        raise ConfigError(str(exc).splitlines()[0]) from None
    user.settings, user.updated_at = kept, now  # a new dict: the JSON column sees the change


def save_identity(session: Session, user: User, identity: Identity, *, now: datetime) -> None:
    """Who the account is: its name, addresses (the first sends) and signature."""
    values = dict(user.settings or {})
    values.update(user_name=identity.name, user_email=identity.emails[0],
                  user_emails=list(identity.emails[1:]), signature=identity.signature)
    _store(user, values, now)
    session.flush()


def add_address(session: Session, user: User, settings: Settings, email: str, *,
                now: datetime) -> Identity:
    """One more address of the account's (an invite's attendee they said was them)."""
    mine = identity_of(settings)
    address = valid_address(email)
    if mine.owns(address):
        return mine
    emails = (*mine.emails, address) if mine.emails else (user.email, address)
    updated = Identity(mine.name or user.name, emails, mine.signature)
    save_identity(session, user, updated, now=now)
    return updated


def save_form(session: Session, user: User, form: dict[str, str], *, now: datetime) -> None:
    """The settings page's form, checked as the file's is (`settings_file.merged`); the
    fields an account does not choose (thresholds, holidays) are left to the centre."""
    own = {k: v for k, v in form.items() if k in PERSONAL_KEYS}
    values = settings_file.merged(dict(user.settings or {}), own)
    _store(user, values, now)
    session.flush()
