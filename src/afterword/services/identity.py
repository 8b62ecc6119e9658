"""Who you are: the first thing afterword asks, kept in the one settings file both the web
app and the CLI read (`afterword.toml`: `user_name`, `user_email`, `user_emails`,
`signature`).  The first address is the one notes are sent from; the others (a school
address, an old one) are still yours, so no invite makes you one of your own interviewers.
"""

from __future__ import annotations

from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from afterword import settings_file
from afterword.config import ConfigError, Settings
from afterword.identity import Identity, identity_of, unique_emails

MAX_NAME = 200
MAX_ADDRESSES = 20
MAX_SIGNATURE = 1000


class IdentityError(ValueError):
    """A name, address or signature that cannot be kept; the message is one line."""


def valid_address(text: str) -> str:
    """An address as typed, checked and normalised (IdentityError when it is not one)."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        shown = " ".join(text.split())[:80]
        raise IdentityError(f"'{shown}' is not an email address: {exc}") from None


def split_addresses(text: str) -> list[str]:
    """Addresses typed on one line or several, separated by commas, spaces or semicolons."""
    return [part for part in text.replace(",", " ").replace(";", " ").split() if part]


def checked(name: str, emails: list[str], signature: str | None) -> Identity:
    """The identity as typed, validated: a one-line name, real addresses, a short signature."""
    clean_name = " ".join(name.split())
    if not clean_name:
        raise IdentityError("your name is empty: it signs every note")
    if len(clean_name) > MAX_NAME or any(c in clean_name for c in "<>\x00"):
        raise IdentityError("your name must be plain text under 200 characters")
    addresses = unique_emails(valid_address(e) for e in emails if e.strip())
    if not addresses:
        raise IdentityError("give at least one email address of yours")
    if len(addresses) > MAX_ADDRESSES:
        raise IdentityError(f"at most {MAX_ADDRESSES} addresses")
    text = "\n".join(line.rstrip() for line in (signature or "").strip().splitlines())
    if len(text) > MAX_SIGNATURE:
        raise IdentityError(f"the signature is over {MAX_SIGNATURE} characters")
    return Identity(clean_name, addresses, text or None)


def save(path: Path, identity: Identity) -> None:
    """Write the identity into the settings file at `path`, keeping every other key."""
    values = settings_file.read(path)
    values["user_name"] = identity.name
    values["user_email"] = identity.emails[0]
    values["user_emails"] = list(identity.emails[1:])
    if identity.signature:
        values["signature"] = identity.signature
    else:
        values.pop("signature", None)
    if not values["user_emails"]:
        values.pop("user_emails")
    try:
        Settings(**values)
    except ValueError as exc:
        raise ConfigError(str(exc).splitlines()[0]) from None
    settings_file.write(path, values)


def add_address(path: Path, settings: Settings, email: str) -> Identity:
    """One more address of the user's (an invite's attendee they said was them)."""
    mine = identity_of(settings)
    address = valid_address(email)
    if mine.owns(address):
        return mine
    updated = Identity(mine.name, (*mine.emails, address), mine.signature)
    if not mine.name:
        values = settings_file.read(path)
        values["user_emails"] = [*values.get("user_emails", []), address]
        if not values.get("user_email"):
            values["user_email"] = values["user_emails"].pop(0)
        settings_file.write(path, values)
        return updated
    save(path, updated)
    return updated
