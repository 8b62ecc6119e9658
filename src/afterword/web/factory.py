"""The server's web app as each uvicorn worker process builds it (`afterword server serve`
runs `uvicorn afterword.web.factory:server --factory --workers N`).

Every process reads the same environment: AFTERWORD_DATABASE_URL (the PostgreSQL all of
them share: sessions, rate limits and due work live there, so any process answers any
request), and AFTERWORD_SERVER_PORT (the port the Host names are answered on; `serve` sets
it). The rest is the server's settings (docs/server.md).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from afterword.server import DATABASE_ENV, PORT_ENV
from afterword.web.app import create_app


def server() -> FastAPI:
    """The multi-user app over AFTERWORD_DATABASE_URL (uvicorn's app factory)."""
    url = os.environ.get(DATABASE_ENV)
    if not url:
        raise RuntimeError(f"{DATABASE_ENV} is not set: the server needs its PostgreSQL")
    return create_app(url, server=True, port=int(os.environ.get(PORT_ENV) or 8000))
