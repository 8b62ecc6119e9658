"""Who the user is: their name, their addresses (personal, school …) and their signature.

Pure: built from the settings.  An address is the user's when it is one of theirs up to
case, a "+tag" in the local part, and — for Gmail, which ignores them — dots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normal_address(email: str) -> str:
    """One mailbox's form: 'Sam.Ortiz+jobs@GMail.com' → 'samortiz@gmail.com'."""
    text = email.strip().strip("<>").casefold()
    if text.startswith("mailto:"):
        text = text[7:]
    local, at, domain = text.rpartition("@")
    if not at:
        return text
    local = local.partition("+")[0] or local
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), _DOTLESS[domain]
    return f"{local}@{domain}"


@dataclass(frozen=True)
class Identity:
    """The user, as the settings know them."""

    name: str | None
    emails: tuple[str, ...]
    signature: str | None

    @property
    def email(self) -> str | None:
        """The address notes are sent from (the first one)."""
        return self.emails[0] if self.emails else None

    @property
    def complete(self) -> bool:
        """Whether the first run has been done: a name and at least one address."""
        return bool(self.name and self.emails)

    def owns(self, email: str | None) -> bool:
        """Whether `email` is one of the user's addresses."""
        return bool(email) and normal_address(email or "") in {normal_address(e)
                                                               for e in self.emails}

    def normal_addresses(self) -> frozenset[str]:
        """Every address of the user, normalised."""
        return frozenset(normal_address(e) for e in self.emails)


def unique_emails(emails: Iterable[str | None]) -> tuple[str, ...]:
    """Addresses in order, each mailbox once, blanks dropped."""
    seen: dict[str, str] = {}
    for email in emails:
        text = (email or "").strip()
        if text and normal_address(text) not in seen:
            seen[normal_address(text)] = text
    return tuple(seen.values())


def identity_of(settings: object) -> Identity:
    """The Identity in `settings` (user_name, user_email, user_emails, signature)."""
    emails = unique_emails([getattr(settings, "user_email", None),
                            *(getattr(settings, "user_emails", None) or [])])
    return Identity(getattr(settings, "user_name", None) or None, emails,
                    getattr(settings, "signature", None) or None)


def read_person(text: str, me: Identity) -> tuple[str, str | None]:
    """'Name <email>', 'email' or 'Name' (ValueError when unusable, or the user's own)."""
    from email.utils import parseaddr

    from email_validator import EmailNotValidError, validate_email

    clean = " ".join(text.split())
    if not clean:
        raise ValueError("the name is empty")
    if "@" not in clean:
        return clean, None
    name, address = parseaddr(clean)
    try:
        email = validate_email(address, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(f"'{clean[:80]}': {exc}") from None
    if me.owns(email):
        raise ValueError(f"{email} is your own address: give the interviewer's")
    return (name or email.partition("@")[0].replace(".", " ").title()).strip(), email
