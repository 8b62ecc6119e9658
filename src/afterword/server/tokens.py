"""Secret tokens (session cookies, API tokens, one-time links): random, shown once, and kept
only as their SHA-256 digest, so a copy of the database signs nobody in."""

from __future__ import annotations

import hashlib
import secrets

SESSION_COOKIE = "aw_session"
TOKEN_BYTES = 32


def new_token(prefix: str = "") -> str:
    """A fresh unguessable token (URL-safe), optionally with a readable prefix ("awt_")."""
    return prefix + secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    """What the database keeps of `token`: its SHA-256, hex (64 characters)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
