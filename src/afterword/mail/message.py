"""The outgoing message: built by the standard library, every header from user data made safe.

Names and subjects go through `compose.eml.sanitise_header` (one line, encoded words that hide
line breaks defused); addresses must be plain `local@domain` and become
`email.headerregistry.Address` objects, so the address a header shows is the address the
envelope uses (`envelope_recipients` reads them back from the headers themselves).
"""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from afterword.compose.eml import address, sanitise_header

NAME_CHARS = 120
_MESSAGE_ID = re.compile(r"<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>")


class InvalidAddress(ValueError):
    """An address that is not a plain local@domain; the message names which one."""


def mailbox(name: str | None, email: str | None, role: str) -> Address:
    """A safe Address for `role` ('recipient', 'sender', …), or InvalidAddress."""
    found = address(_shortened(sanitise_header(name)), email)
    shown = sanitise_header(email)[:80] or "(none)"
    if found is None or not found.addr_spec.isascii() or "@" not in found.addr_spec:
        raise InvalidAddress(f"the {role} address '{shown}' is not a plain email address")
    if not found.domain or "." not in found.domain.strip("."):
        raise InvalidAddress(f"the {role} address '{shown}' has no proper domain")
    return found


def _shortened(name: str) -> str:
    """At most NAME_CHARS characters: a longer unbroken name cannot be folded under the
    998-octet line limit that servers enforce."""
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1].rstrip() + "…"


def new_message_id(sender: Address) -> str:
    """A fresh, globally unique Message-ID in the sender's domain."""
    return make_msgid(domain=sender.domain)


def checked_message_id(value: str) -> str:
    """`value` if it is a well-formed Message-ID (as stored), else ValueError."""
    if not _MESSAGE_ID.fullmatch(value):
        raise ValueError(f"not a usable Message-ID: {sanitise_header(value)[:80]!r}")
    return value


def build(*, to: Address, sender: Address, subject: str | None, body: str,
          message_id: str | None = None, date: datetime | None = None,
          extra: dict[str, str] | None = None) -> EmailMessage:
    """An RFC 5322 message (policy.SMTP) from one sender to one recipient."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = sanitise_header(subject)
    if date is not None:
        message["Date"] = format_datetime(date)
    if message_id is not None:
        message["Message-ID"] = checked_message_id(message_id)
    for name, value in (extra or {}).items():
        message[name] = sanitise_header(value)
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and all(len(line) <= 900 for line in text.splitlines()):
        message.set_content(text)
    else:
        message.set_content(text, cte="quoted-printable")
    return message


def envelope_recipients(message: EmailMessage) -> list[str]:
    """The addresses the envelope must use: exactly those the To and Cc headers show."""
    found: list[str] = []
    for name in ("To", "Cc"):
        for header in message.get_all(name, []):
            found.extend(a.addr_spec for a in header.addresses)
    return found


def envelope_sender(message: EmailMessage) -> str:
    """The From header's address (the envelope sender)."""
    addresses: tuple[Address, ...] = getattr(message["From"], "addresses", ())
    if len(addresses) != 1:
        raise InvalidAddress("a message needs exactly one From address")
    return addresses[0].addr_spec
