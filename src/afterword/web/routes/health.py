"""GET /healthz: whether this process can answer (a reverse proxy's or systemd's check).

Public in server mode, and it says nothing about anyone: the database answered, or not."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from afterword.store.db import engine_for
from afterword.web.deps import web_state

router = APIRouter()


@router.get("/healthz", response_model=None)
def healthz(request: Request) -> JSONResponse:
    """200 {"ok": true} when the database answers, 503 otherwise."""
    try:
        with engine_for(web_state(request).url).connect() as connection:
            connection.execute(text("select 1"))
    except SQLAlchemyError:
        return JSONResponse({"ok": False, "database": "not answering"}, status_code=503)
    return JSONResponse({"ok": True})
