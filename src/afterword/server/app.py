"""The server's web app as each uvicorn worker process builds it (`afterword server serve`
runs `uvicorn afterword.server.app:create --factory --workers N`).

Every process reads the same environment: AFTERWORD_DATABASE_URL (the PostgreSQL all of
them share: sessions, rate limits and due work live there, so any process answers any
request), and AFTERWORD_SERVER_PORT (the port the Host names are answered on; `serve` sets
it). The rest is the server's settings (docs/server.md).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

DATABASE_ENV = "AFTERWORD_DATABASE_URL"
PORT_ENV = "AFTERWORD_SERVER_PORT"


def create() -> FastAPI:
    """The multi-user app over AFTERWORD_DATABASE_URL (uvicorn's app factory)."""
    from afterword.web import create_app

    url = os.environ.get(DATABASE_ENV)
    if not url:
        raise RuntimeError(f"{DATABASE_ENV} is not set: the server needs its PostgreSQL")
    port = int(os.environ.get(PORT_ENV) or 8000)
    return create_app(url, server=True, port=port)
