"""Security on every response: CSP and friends, and the CSRF double-submit cookie.

Every unsafe request (POST, PUT, PATCH, DELETE) must carry the token of the `aw_csrf`
cookie, as the `csrf_token` form field or the `X-CSRF-Token` header; otherwise 403.
A page on another site can neither read the cookie nor set the header, so it cannot forge one.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "aw_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def _cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == CSRF_COOKIE and len(token) >= 20:
                    return str(token)
    return None


class SecurityHeaders:
    """Pure ASGI middleware: security headers, and a CSRF cookie for every new visitor."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers (and the cookie when missing) to HTTP responses."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        existing = _cookie(scope)
        token = existing or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = token

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()
                            if k.encode() not in present]
                if existing is None:
                    cookie = (f"{CSRF_COOKIE}={token}; Path=/; SameSite=Strict; HttpOnly")
                    headers.append((b"set-cookie", cookie.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


def csrf_token(request: Request) -> str:
    """The visitor's CSRF token (for forms and the page's meta tag)."""
    return str(request.state.csrf)


async def verify_csrf(request: Request) -> None:
    """A dependency: refuse an unsafe request whose token does not match the cookie (403)."""
    if request.method not in UNSAFE:
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and _is_form(request):
        form: Any = await request.form()
        value = form.get(CSRF_FIELD, "")
        sent = value if isinstance(value, str) else ""
    if not cookie or not sent or not secrets.compare_digest(cookie.encode(), sent.encode()):
        raise HTTPException(403, "the form's security token is missing or stale: reload the "
                                 "page and try again")


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
