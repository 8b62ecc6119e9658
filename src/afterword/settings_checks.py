"""What a setting may hold, checked when it is set (file, environment or Settings page).

A bad value is refused at once, naming the key, so it never reaches a page or command that
would trip on it later: a holidays country the `holidays` library does not know, a port
outside 1–65535, an address that is not an email address, a control character (DEL
included) that would make the TOML file unreadable or a header unsafe.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

MULTI_LINE = frozenset({"signature"})  # settings whose value may hold line breaks


@lru_cache(maxsize=1)
def supported_countries() -> frozenset[str]:
    """The ISO codes the `holidays` library has calendars for."""
    import holidays

    return frozenset(holidays.list_supported_countries())


def country(value: str | None) -> str | None:
    """An upper-case country code `holidays` knows, or None for no holidays."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if code not in supported_countries():
        raise ValueError(f"'{value}' is not a country the holidays library knows "
                         "(use an ISO code like US, GB or DE, or leave it empty)")
    return code


def port(value: int) -> int:
    """A TCP port number."""
    if not 1 <= value <= 65535:
        raise ValueError(f"{value} is not a port (1–65535)")
    return value


def email(value: str | None) -> str | None:
    """An email address (normalised), or None."""
    if value is None or not value.strip():
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"'{value}' is not an email address ({exc})") from None


def control_character(key: str, value: Any) -> str | None:
    """The first control character in a setting's text (any depth), described; or None."""
    if isinstance(value, str):
        allowed = "\n\t" if key in MULTI_LINE else ""
        for ch in value:
            bad = unicodedata.category(ch) in {"Cc", "Cs"} or ch in "\u2028\u2029"
            if bad and ch not in allowed:
                return f"U+{ord(ch):04X}"
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(
        value, list | tuple) else ()
    for _, item in items:
        found = control_character(key, item)
        if found:
            return found
    return None
