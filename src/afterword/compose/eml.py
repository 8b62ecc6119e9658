"""A draft as an RFC 5322 message: built by the standard library, no header injection.

Display names and subjects are collapsed to one line (any whitespace, CR/LF included,
becomes a space) and addresses go through `email.headerregistry.Address`, so nothing a
user typed can add a header.
"""

from __future__ import annotations

from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage

from afterword.compose.common import one_line

_CONTROL = dict.fromkeys(range(0x20), " ") | {0x7F: " ", 0x85: " ", 0x2028: " ", 0x2029: " "}


def _decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words ('=?utf-8?q?...?='), as a mail reader would."""
    try:
        return str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
        return value


def sanitise_header(value: str | None) -> str:
    """One line: control characters and line breaks of any kind become single spaces.

    Encoded words are decoded first (the library would decode them when writing the
    header, line breaks and all); any that survive several rounds are defused.
    """
    text = value or ""
    for _ in range(4):
        text = one_line(text.translate(_CONTROL))
        if "=?" not in text:
            return text
        decoded = _decode_words(text)
        if decoded == text:
            break
        text = decoded
    return one_line(text.translate(_CONTROL)).replace("=?", "= ?")


def address(name: str | None, email: str | None) -> Address | None:
    """An Address with a safe display name, or None when `email` is not a plain address."""
    addr = sanitise_header(email)
    if not addr or any(c in addr for c in ' <>,;"()[]\\') or addr.count("@") != 1:
        return None
    local, _, domain = addr.partition("@")
    if not local or not domain:
        return None
    try:
        return Address(display_name=sanitise_header(name), username=local, domain=domain)
    except (ValueError, IndexError):
        return None


def build_message(
    *, to_name: str | None, to_email: str | None, from_name: str | None,
    from_email: str | None, subject: str | None, body: str,
) -> EmailMessage:
    """An EmailMessage (policy.SMTP) for a draft; To/From only when the address is valid."""
    message = EmailMessage(policy=policy.SMTP)
    to = address(to_name, to_email)
    sender = address(from_name, from_email)
    if to is not None:
        message["To"] = to
    if sender is not None:
        message["From"] = sender
    message["Subject"] = sanitise_header(subject)
    message.set_content(body)
    return message
