"""Secrets at rest (server mode): candidates' SMTP/IMAP passwords and the organisation's relay
password are stored encrypted with the server's key, never in the clear.

The keys come from `AFTERWORD_SECRET_KEYS`: comma-separated Fernet keys, newest first.
Everything is encrypted with the first key and can be read with any of them, so a key is
rotated in three steps (docs/server-secrets.md, "Rotating the key"): put a new key in front,
run `afterword server rotate-key` (every stored secret is re-encrypted with it), then drop
the old key. A copy of the database without the key reveals no password.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.accounts import Organisation, User

KEYS_ENV = "AFTERWORD_SECRET_KEYS"


class SecretsUnavailable(RuntimeError):
    """No usable key: AFTERWORD_SECRET_KEYS is unset or holds something that is no key."""


class UnreadableSecret(ValueError):
    """A stored secret no configured key can open (the key it was sealed with was dropped)."""


@dataclass(frozen=True)
class MailSecrets:
    """One account's mail passwords (None: none stored)."""

    smtp: str | None = None
    imap: str | None = None


@dataclass(frozen=True)
class Rotation:
    """What `rotate_all` re-encrypted."""

    users: int
    organisations: int


class Vault:
    """Seals and opens secrets with the server's keys (the first key seals)."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise SecretsUnavailable(f"{KEYS_ENV} is not set: server mode needs a key to keep "
                                     "mail passwords encrypted (make one with `afterword "
                                     "server rotate-key --new-key`)")
        fernets = []
        for number, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key.encode("ascii")))
            except (ValueError, UnicodeEncodeError):
                raise SecretsUnavailable(f"{KEYS_ENV}: key {number} is not a Fernet key (32 "
                                         "url-safe base64-encoded bytes)") from None
        self._fernet = MultiFernet(fernets)

    def seal(self, text: str) -> str:
        """`text` encrypted with the newest key (a Fernet token, ASCII)."""
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        """The text sealed in `token`; UnreadableSecret when no configured key opens it."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise UnreadableSecret("a stored password cannot be decrypted with the configured "
                                   f"{KEYS_ENV} (was its key removed before `afterword server "
                                   "rotate-key` ran?); enter the password again") from None

    def reseal(self, token: str) -> str:
        """`token` re-encrypted with the newest key (the same secret inside)."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            raise UnreadableSecret("a stored secret cannot be decrypted with any configured "
                                   "key; keep the old key in " + KEYS_ENV + " until it is "
                                   "rotated") from None


def parse_keys(value: str | None) -> list[str]:
    """The keys of an AFTERWORD_SECRET_KEYS value (comma-separated, blanks ignored)."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def vault(environ: Mapping[str, str] | None = None) -> Vault:
    """The server's vault, from AFTERWORD_SECRET_KEYS (SecretsUnavailable when unusable)."""
    env = os.environ if environ is None else environ
    return Vault(parse_keys(env.get(KEYS_ENV)))


def new_key() -> str:
    """A fresh Fernet key, to put in front of AFTERWORD_SECRET_KEYS."""
    return Fernet.generate_key().decode("ascii")


def seal_mail(box: Vault, secrets: MailSecrets) -> str | None:
    """What `users.mail_secrets` keeps of `secrets` (None when there is no password)."""
    values = {k: v for k, v in (("smtp", secrets.smtp), ("imap", secrets.imap)) if v}
    return box.seal(json.dumps(values)) if values else None


def open_mail(box: Vault, stored: str | None) -> MailSecrets:
    """The passwords in a `users.mail_secrets` value (empty when nothing is stored)."""
    if not stored:
        return MailSecrets()
    try:
        values = json.loads(box.open(stored))
    except json.JSONDecodeError:
        raise UnreadableSecret("the stored mail passwords are damaged; enter them again") \
            from None
    if not isinstance(values, dict):
        raise UnreadableSecret("the stored mail passwords are damaged; enter them again")
    smtp, imap = values.get("smtp"), values.get("imap")
    return MailSecrets(smtp if isinstance(smtp, str) else None,
                       imap if isinstance(imap, str) else None)


def rotate_all(session: Session, box: Vault, *, now: datetime) -> Rotation:
    """Re-encrypt every stored secret with the newest key, in the caller's transaction (a
    `system` session: it reaches every account); audited without content."""
    from afterword.services.audit import record

    users = organisations = 0
    for user in session.scalars(select(User).where(User.mail_secrets.is_not(None))):
        if user.mail_secrets:
            user.mail_secrets = box.reseal(user.mail_secrets)
            users += 1
    for org in session.scalars(select(Organisation).where(
            Organisation.relay_secret.is_not(None))):
        if org.relay_secret:
            org.relay_secret = box.reseal(org.relay_secret)
            organisations += 1
    session.flush()
    record(session, "key.rotate", now=now, actor_id=None,
           detail={"users": users, "organisations": organisations})
    return Rotation(users, organisations)
