"""Mail settings in server mode: each account's own SMTP/IMAP servers (passwords sealed by
`afterword.server.secrets`), or the organisation's relay sending for the centre with the
candidate as Reply-To (and as From when the relay allows it).

The servers (no secret) live in the account's `settings` JSON under the Settings names
(`smtp_host`, `imap_user` …); the passwords only in `users.mail_secrets`, encrypted. A page
shows whether a password is stored, never the password. An account without its own SMTP
server sends through the relay when the organisation has one. The outbox asks `route_for`
how a note of an account goes out, so the web app, the CLI and the workers agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.server import secrets
from afterword.store.accounts import Organisation, User
from afterword.store.repo import Invalid

SMTP_FIELDS = ("smtp_host", "smtp_port", "smtp_security", "smtp_user")
IMAP_FIELDS = ("imap_host", "imap_port", "imap_security", "imap_user")
MAIL_FIELDS = SMTP_FIELDS + IMAP_FIELDS
OWN, RELAY = "own", "relay"
# the relay's record (organisations.relay): its server and how it may send for members
RELAY_FIELDS = ("host", "port", "security", "user", "from_address", "from_name")


@dataclass(frozen=True)
class Route:
    """How one account's mail goes out: the settings in force for SMTP/IMAP, the passwords,
    and the Reply-To header (the candidate, when the relay sends for the centre)."""

    settings: Settings
    smtp_password: str | None = None
    imap_password: str | None = None
    reply_to: str | None = None
    via: str = OWN


@dataclass(frozen=True)
class MailView:
    """What the mail settings page shows (no password, only whether one is stored)."""

    via: str
    values: dict[str, Any]
    smtp_password_stored: bool
    imap_password_stored: bool
    relay: dict[str, Any] = field(default_factory=dict)
    relay_password_stored: bool = False
    unreadable: str | None = None

    @property
    def relay_available(self) -> bool:
        """Whether the organisation has a relay its members may send through."""
        return bool(self.relay.get("host"))


class _Given(Settings):
    """Settings validated from the values given only (the server's environment must not
    stand in for what the account typed)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the values passed in."""
        return (init_settings,)


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """`values` validated as Settings fields (one-line Invalid naming the field)."""
    try:
        checked = _Given(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "mail settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise Invalid(f"{where}: {message}") from None
    return {key: getattr(checked, key) for key in values}


def _typed(form: Mapping[str, str], names: tuple[str, ...]) -> dict[str, Any]:
    """The non-empty fields of `form` among `names` (ports as numbers)."""
    values: dict[str, Any] = {}
    for name in names:
        text = form.get(name, "").strip()
        if not text:
            continue
        if name.endswith("_port"):
            if not text.isdigit() or len(text) > 5:
                raise Invalid(f"{name}: '{text[:20]}' is not a port (1–65535)")
            values[name] = int(text)
        else:
            values[name] = text
    return values


def mail_view(session: Session, user: User, box: secrets.Vault | None) -> MailView:
    """The account's mail settings as the page shows them."""
    values = {k: user.settings.get(k) for k in MAIL_FIELDS if user.settings.get(k) is not None}
    org = session.get(Organisation, user.organisation_id)
    relay = dict(org.relay or {}) if org is not None else {}
    unreadable = None
    stored = secrets.MailSecrets()
    if user.mail_secrets and box is not None:
        try:
            stored = secrets.open_mail(box, user.mail_secrets)
        except secrets.UnreadableSecret as exc:
            unreadable = str(exc)
    via = OWN if values.get("smtp_host") or not relay.get("host") else RELAY
    return MailView(via, values, bool(stored.smtp), bool(stored.imap), relay,
                    bool(org is not None and org.relay_secret), unreadable)


def save_mail(session: Session, user: User, form: Mapping[str, str], *, box: secrets.Vault,
              now: datetime) -> None:
    """Store the account's mail servers and (sealed) passwords from the page's form.

    `via` "relay" drops the account's own SMTP server (the relay sends); a blank password
    keeps the stored one, `forget_passwords` removes both. Nothing is stored when a field
    is refused.
    """
    via = form.get("via", OWN)
    if via not in (OWN, RELAY):
        raise Invalid(f"via: '{via[:20]}' is neither 'own' nor 'relay'")
    values = _checked(_typed(form, MAIL_FIELDS))
    if via == RELAY:
        org = session.get(Organisation, user.organisation_id)
        if org is None or not (org.relay or {}).get("host"):
            raise Invalid("via: the organisation has no relay; enter your own SMTP server")
        values = {k: v for k, v in values.items() if k not in SMTP_FIELDS}
    elif "smtp_host" not in values:
        raise Invalid("smtp_host: enter your outgoing mail server (or send through the "
                      "organisation's relay)")
    old = secrets.MailSecrets() if form.get("forget_passwords") else _stored(box, user)
    smtp = _password(form, "smtp_password") or old.smtp
    imap = _password(form, "imap_password") or old.imap
    if via == RELAY:
        smtp = None
    if "imap_host" not in values:
        imap = None
    kept = {k: v for k, v in user.settings.items() if k not in MAIL_FIELDS}
    user.settings = {**kept, **values}
    user.mail_secrets = secrets.seal_mail(box, secrets.MailSecrets(smtp, imap))
    user.updated_at = now
    session.flush()


def _password(form: Mapping[str, str], name: str) -> str:
    """A typed password ("" for none); SMTP and IMAP logins carry ASCII only (Python's
    smtplib and imaplib encode them so), so anything else is refused here, not at send time."""
    typed = form.get(name, "")
    if not typed.isascii() or any(ord(c) < 32 or ord(c) == 127 for c in typed):
        raise Invalid(f"{name}: use letters, digits and ASCII punctuation only (a mail login "
                      "cannot carry accented letters, symbols like ‘ or control characters)")
    return typed


def _stored(box: secrets.Vault, user: User) -> secrets.MailSecrets:
    try:
        return secrets.open_mail(box, user.mail_secrets)
    except secrets.UnreadableSecret:
        return secrets.MailSecrets()  # typed again on this form, or left without


def save_relay(session: Session, org: Organisation, form: Mapping[str, str], *,
               box: secrets.Vault, now: datetime) -> None:
    """Store the organisation's relay (an admin's form); a blank password keeps the old one,
    an empty host removes the relay (members then need their own server)."""
    host = form.get("host", "").strip()
    if not host:
        org.relay, org.relay_secret = {}, None
        session.flush()
        return
    typed = _typed({f"smtp_{k}": form.get(k, "") for k in ("host", "port", "security", "user")},
                   SMTP_FIELDS)
    checked = _checked({**typed, "user_email": form.get("from_address", "").strip() or None})
    if not checked.get("user_email"):
        raise Invalid("from_address: the relay needs the address it sends from")
    relay: dict[str, Any] = {k.removeprefix("smtp_"): v for k, v in checked.items()
                             if k.startswith("smtp_")}
    relay["from_address"] = checked["user_email"]
    relay["from_name"] = form.get("from_name", "").strip()[:200] or org.name
    relay["members_as_from"] = form.get("members_as_from") == "on"
    _checked({"user_name": relay["from_name"]})
    password = _password(form, "password")
    org.relay = relay
    if password:
        org.relay_secret = box.seal(password)
    elif not relay.get("user"):
        org.relay_secret = None
    session.flush()


def route_for(session: Session, owner_id: int, settings: Settings,
              box: secrets.Vault | None = None) -> Route:
    """How account `owner_id` sends: its own server, else its organisation's relay.

    `settings`: the account's settings in force (thresholds, identity); only the mail fields
    are replaced. Raises Invalid when the account has no way to send.
    """
    user = session.get(User, owner_id)
    if user is None:
        raise Invalid(f"account {owner_id} is not there")
    box = box or secrets.vault()
    mine = {k: user.settings[k] for k in MAIL_FIELDS if user.settings.get(k) is not None}
    # the account's own identity, whatever settings the caller passed (never the server's)
    identity = {"user_name": user.settings.get("user_name") or user.name or None,
                "user_email": user.settings.get("user_email") or user.email}
    stored = secrets.open_mail(box, user.mail_secrets)
    imap = {k: mine.get(k) for k in IMAP_FIELDS if k in mine}
    if mine.get("smtp_host"):
        own = settings.model_copy(update={**_cleared(), **mine, **identity})
        return Route(own, stored.smtp, stored.imap if imap else None)
    org = session.get(Organisation, user.organisation_id)
    relay = dict(org.relay or {}) if org is not None else {}
    if not relay.get("host") or org is None:
        raise Invalid("no way to send mail: enter your own SMTP server in the mail settings "
                      "(/settings/mail), or ask your centre to set up its relay")
    as_member = bool(relay.get("members_as_from"))
    name = identity["user_name"] or relay.get("from_name")
    via = settings.model_copy(update={
        **_cleared(), **imap,
        "smtp_host": relay["host"], "smtp_port": relay.get("port", 587),
        "smtp_security": relay.get("security", "starttls"), "smtp_user": relay.get("user"),
        "user_name": name,
        "user_email": identity["user_email"] if as_member else relay.get("from_address")})
    password = box.open(org.relay_secret) if org.relay_secret else None
    return Route(via, password, stored.imap if imap else None,
                 reply_to=identity["user_email"], via=RELAY)


def _cleared() -> dict[str, Any]:
    """The mail fields as a fresh Settings has them (nothing of the server's own mail)."""
    fresh = _Given()
    return {k: getattr(fresh, k) for k in MAIL_FIELDS}
