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

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        # server mode behind TLS: the CSRF cookie is Secure too, and browsers are told to
        # come back over https only
        self.extra = {"strict-transport-security": "max-age=31536000"} if https else {}
        self.secure = "; Secure" if https else ""

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
                headers += [(k.encode(), v.encode()) for k, v in {**HEADERS, **self.extra}.items()
                            if k.encode() not in present]
                if existing is None:
                    cookie = (f"{CSRF_COOKIE}={token}; Path=/; SameSite=Strict; HttpOnly"
                              f"{self.secure}")
                    headers.append((b"set-cookie", cookie.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


class BindRefused(ValueError):
    """Serving on an address other computers can reach, without accounts to protect it."""


def check_bind(host: str) -> None:
    """Refuse any address but loopback: the local app has no login (server mode will)."""
    if host.strip("[]") not in LOOPBACK:
        raise BindRefused(f"refusing to listen on {host}: the local app has no login, so only "
                          "127.0.0.1, localhost or ::1 are allowed (server mode, with "
                          "accounts, does not exist yet)")


def allowed_hosts(port: int) -> frozenset[str]:
    """The Host headers a loopback server on `port` answers: its bound names, with the port
    (and without it on port 80, where browsers leave it out)."""
    names = ("127.0.0.1", "localhost", "[::1]")
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:
        hosts.update(names)
    return frozenset(hosts)


def server_hosts(env: Any, port: int) -> frozenset[str]:
    """The Host headers the server answers: AFTERWORD_ALLOWED_HOSTS (as given, and with the
    port), the base URL's host, and the loopback names on `port`."""
    from urllib.parse import urlsplit

    named = set(env.allowed_hosts)
    base = urlsplit(env.base_url)
    if base.netloc:
        named.add(base.netloc.lower())
    hosts = set(allowed_hosts(port)) | named | {f"{name}:{port}" for name in named
                                                if ":" not in name.strip("[]")}
    return frozenset(hosts)


class HostGuard:
    """Pure ASGI middleware: a request whose Host is not one of `hosts` gets a 400 (DNS
    rebinding: a page on evil.example that resolves to 127.0.0.1 reads nothing)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass allowed hosts through; answer others with a one-line 400."""
        if scope["type"] in ("http", "websocket"):
            host = next((v.decode("latin-1") for k, v in scope.get("headers", [])
                         if k == b"host"), "")
            if host.lower() not in self.hosts:
                await _refuse(send, host)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, host: str) -> None:
    body = f"Invalid host header: {host[:100]!r} is not this app's address\n".encode()
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """The visitor's CSRF token (for forms and the page's meta tag)."""
    return str(request.state.csrf)


async def verify_csrf(request: Request) -> None:
    """A dependency: refuse an unsafe request whose token does not match the cookie (403)."""
    if request.method not in UNSAFE:
        return
    if _bearer_only(request):
        return  # no cookie to ride on: a page elsewhere cannot set this header
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and _is_form(request):
        form: Any = await request.form()
        value = form.get(CSRF_FIELD, "")
        sent = value if isinstance(value, str) else ""
    if not cookie or not sent or not secrets.compare_digest(cookie.encode(), sent.encode()):
        raise HTTPException(403, "the form's security token is missing or stale: reload the "
                                 "page and try again")


def _bearer_only(request: Request) -> bool:
    """An API call signed by its `Authorization: Bearer` token alone (server mode; the token
    is checked by the session dependency, which then ignores any cookie)."""
    scheme = request.headers.get("authorization", "").partition(" ")[0]
    return scheme.lower() == "bearer" and request.app.state.web.server


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
