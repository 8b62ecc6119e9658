"""CORS for the LanguageTool endpoint: browser extensions may read it, web pages may not.

A page on any site could otherwise post a guess to http://localhost:8000/v2/check and
read back which interviewers the user has. So under `/v2/` a request that carries an
`Origin` is answered only for a browser extension's origin (`chrome-extension://`,
`moz-extension://`, `safari-web-extension://`), with the CORS headers (and the preflight)
it needs; any other origin gets a one-line 403 before any work is done. Programs that are
not browsers (LTeX, LibreOffice, Emacs, Obsidian's requestUrl) send no Origin and pass.
The rest of the app sends no CORS headers at all.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

EXTENSION_ORIGIN = re.compile(
    r"(?:chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9._\-]{1,200}")
_SAFE_HEADER = re.compile(r"[A-Za-z0-9\-]{1,64}")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class ExtensionCors:
    """Pure ASGI middleware guarding `prefix` (default `/v2/`) as described above."""

    def __init__(self, app: ASGIApp, prefix: str = "/v2/") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse web pages, answer preflights, and add CORS headers for extensions."""
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        if not EXTENSION_ORIGIN.fullmatch(origin):
            await _plain(send, 403, f"Error: afterword answers browser extensions and "
                                    f"programs on this computer, not web pages "
                                    f"(origin {origin[:80]!r})")
            return
        allow = [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")]
        if scope["method"] == "OPTIONS" and _header(scope, b"access-control-request-method"):
            await _preflight(scope, send, allow)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *allow]
            await send(message)

        await self.app(scope, receive, wrapped)


async def _preflight(scope: Scope, send: Send, allow: list[tuple[bytes, bytes]]) -> None:
    asked = _header(scope, b"access-control-request-headers") or ""
    names = [h.strip() for h in asked.split(",") if _SAFE_HEADER.fullmatch(h.strip())]
    headers = [*allow, (b"access-control-allow-methods", b"GET, POST, OPTIONS"),
               (b"access-control-allow-headers", ", ".join(names or ["Content-Type"]).encode()),
               (b"access-control-max-age", b"600"), (b"content-length", b"0")]
    if _header(scope, b"access-control-request-private-network") == "true":
        headers.append((b"access-control-allow-private-network", b"true"))
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
