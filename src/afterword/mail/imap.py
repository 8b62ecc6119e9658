"""The mailbox over IMAP: put a draft in the Drafts folder; look for a sent Message-ID.

Folders are found by their special-use flag (RFC 6154: `\\Drafts`, `\\Sent`), falling back
to the usual names when the server does not flag them.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from email import policy
from email.message import EmailMessage
from typing import Any

from afterword.config import Settings
from afterword.mail import ConfigurationMissing, PermanentFailure, TemporaryFailure

DRAFTS = (b"\\Drafts", ("Drafts", "INBOX.Drafts", "INBOX/Drafts"))
SENT = (b"\\Sent", ("Sent", "INBOX.Sent", "INBOX/Sent", "Sent Items", "Sent Messages",
                    "INBOX.Sent Items"))
TIMEOUT_SECONDS = 30.0
Folder = tuple[Sequence[bytes], Any, str]


def pick_folder(folders: Sequence[Folder], flag: bytes, names: Sequence[str]) -> str | None:
    """The folder flagged `flag`, else the first of `names` that exists (case-insensitive)."""
    for flags, _delimiter, name in folders:
        if any(f.lower() == flag.lower() for f in flags):
            return name
    existing = {name.lower(): name for _flags, _delimiter, name in folders}
    return next((existing[n.lower()] for n in names if n.lower() in existing), None)


@contextmanager
def session(settings: Settings, password: str | None) -> Iterator[Any]:
    """A logged-in IMAPClient; every failure a DeliveryError that says if a retry helps."""
    from imapclient import IMAPClient  # type: ignore[import-untyped]
    from imapclient.exceptions import IMAPClientError, LoginError  # type: ignore[import-untyped]

    if not settings.imap_host or not settings.imap_user:
        raise ConfigurationMissing("IMAP is not configured: set AFTERWORD_IMAP_HOST and "
                                   "AFTERWORD_IMAP_USER (and imap_port, imap_security)")
    if not password:
        raise ConfigurationMissing(
            f"no IMAP password for {settings.imap_user}: set AFTERWORD_IMAP_PASSWORD or store "
            f"it with `keyring set afterword-imap {settings.imap_user}`")
    where = f"{settings.imap_host}:{settings.imap_port}"
    try:
        client = IMAPClient(settings.imap_host, port=settings.imap_port,
                            ssl=settings.imap_security == "tls", timeout=TIMEOUT_SECONDS,
                            ssl_context=ssl.create_default_context())
        if settings.imap_security == "starttls":
            client.starttls(ssl.create_default_context())
        client.login(settings.imap_user, password)
    except LoginError as exc:
        raise PermanentFailure(f"{where} refused the login for {settings.imap_user}: "
                               f"{exc}") from None
    except ssl.SSLError as exc:
        raise PermanentFailure(f"cannot secure the connection to {where}: {exc}") from None
    except (OSError, IMAPClientError) as exc:
        raise TemporaryFailure(f"cannot reach {where}: {exc}") from None
    try:
        yield client
    except (OSError, IMAPClientError) as exc:
        raise TemporaryFailure(f"IMAP at {where} failed: {exc}") from None
    finally:
        with suppress(OSError, IMAPClientError):
            client.logout()


def append_draft(message: EmailMessage, settings: Settings, password: str | None) -> str:
    """Put `message` in the Drafts folder (flagged \\Draft); the folder's name."""
    with session(settings, password) as client:
        folder = pick_folder(client.list_folders(), *DRAFTS)
        if folder is None:
            raise PermanentFailure("the mailbox has no Drafts folder (none flagged \\Drafts, "
                                   "none named Drafts or INBOX.Drafts)")
        client.append(folder, message.as_bytes(policy=policy.SMTP), flags=(b"\\Draft",),
                      msg_time=None)
        return str(folder)


def find_sent(message_id: str, settings: Settings, password: str | None) -> bool:
    """Whether a message with this Message-ID is in the Sent folder."""
    with session(settings, password) as client:
        folder = pick_folder(client.list_folders(), *SENT)
        if folder is None:
            raise PermanentFailure("the mailbox has no Sent folder (none flagged \\Sent, "
                                   "none named Sent)")
        client.select_folder(folder, readonly=True)
        return bool(client.search(["HEADER", "Message-ID", message_id]))

