"""A `mailto:` link (RFC 6068): the note opens in the user's own mail program, ready to send."""

from __future__ import annotations

from email.headerregistry import Address
from urllib.parse import quote

from afterword.compose.eml import sanitise_header


def mailto(to: Address, subject: str | None, body: str) -> str:
    """`mailto:addr?subject=…&body=…`, everything percent-encoded as UTF-8.

    Line breaks in the body become %0D%0A as RFC 6068 asks; the subject is one line.
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    fields = [("subject", sanitise_header(subject)), ("body", text)]
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields if value)
    link = f"mailto:{quote(to.addr_spec, safe='@')}"
    return f"{link}?{query}" if query else link
