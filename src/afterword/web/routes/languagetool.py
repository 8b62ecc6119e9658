"""LanguageTool's HTTP API v2 at the app root: POST /v2/check and GET /v2/languages.

Only translation happens here: the request's form (or JSON, or a form sent as JSON, as
LTeX does) becomes `services.languagetool.check_text`, the report becomes LanguageTool's
JSON (`languagetool.wire`). Errors are one-line `text/plain` answers, as LanguageTool's own
server gives them. No CSRF token: these requests change no data and come from extensions
and editors that hold no cookie; `web.extension_cors` keeps web pages out.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from afterword.config import Settings
from afterword.languagetool import wire
from afterword.server.settings import settings_for
from afterword.services import clock
from afterword.services.languagetool import LOCAL_ACCOUNT, check_text
from afterword.services.signed_in import account_key, api_key_user, bind_user, organisation_of
from afterword.store.accounts import User
from afterword.store.db import session_scope
from afterword.store.scope import strict
from afterword.web.deps import SettingsDep, StateDep

router = APIRouter(prefix="/v2", tags=["languagetool"])
_ENCODING_ROOM = 4  # a form-encoded body may take up to 3 bytes per byte of text, plus markup


class TooLarge(ValueError):
    """A request over the size limit (413)."""


@router.get("/languages")
def list_languages() -> list[dict[str, str]]:
    """The languages afterword checks, as LanguageTool lists its own."""
    return wire.languages()


@router.api_route("/check", methods=["GET", "POST"], response_model=None)
async def check(request: Request, settings: SettingsDep, state: StateDep) -> Response:
    """Check a text as a LanguageTool server would, against the interview it is about
    (server mode: the account of `username` + `apiKey`, against its own applications)."""
    try:
        params = await _params(request, settings)
    except TooLarge as exc:
        return PlainTextResponse(f"Error: {exc}", status_code=413)
    except (wire.BadRequest, UnicodeDecodeError) as exc:
        return PlainTextResponse(f"Error: {_line(exc)}", status_code=400)

    def work() -> Response:
        with session_scope(state.url) as session:
            mine, account = settings, LOCAL_ACCOUNT
            if state.server:
                user = _api_account(session, params)
                if user is None:
                    return PlainTextResponse(f"Error: {NO_KEY}", status_code=401)
                mine = settings_for(user, organisation_of(session, user), state.settings())
                account = account_key(user)
            return _checked(session, params, mine, account)

    return await run_in_threadpool(work)


NO_KEY = ("this server checks only for an account: give your email address as the "
          "username and one of your API tokens (the account page makes them) as the apiKey")


def _api_account(session: Session, params: dict[str, str]) -> User | None:
    """The account of the request's `username` + `apiKey`, its session scoped to it."""
    strict(session)
    user = api_key_user(session, params.get("username", "")[:320],
                        params.get("apiKey", "")[:200], clock.now())
    return bind_user(session, user)


def _checked(session: Session, params: dict[str, str], settings: Settings,
             account: str) -> Response:
    try:
        text = wire.annotated(params)
        code, dialect = wire.language(params, settings.dialect)
        chosen = wire.selection(params)
    except wire.BadRequest as exc:
        return PlainTextResponse(f"Error: {_line(exc)}", status_code=400)
    if len(text.checked.encode("utf-8")) > settings.max_note_bytes:
        return PlainTextResponse(f"Error: the text is over {settings.max_note_bytes} bytes",
                                 status_code=413)
    done = check_text(session, text.checked, settings, now=clock.now(), dialect=dialect,
                      account=account)
    return JSONResponse(wire.response(done.report, text, code, done.guess.summary, chosen))


def _line(exc: Exception) -> str:
    message = str(exc) if isinstance(exc, wire.BadRequest) else "the request is not UTF-8"
    return " ".join(message.split())[:300]


async def _params(request: Request, settings: Settings) -> dict[str, str]:
    """Query and body parameters; a body is a form, JSON, or a form labelled JSON."""
    limit = _ENCODING_ROOM * settings.max_note_bytes + 65_536
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the request is over {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge(f"the request is over {limit} bytes")
    params = dict(request.query_params)
    raw = bytes(body).decode("utf-8")
    params.update(_parsed(raw, request.headers.get("content-type", "")))
    return params


def _parsed(raw: str, content_type: str) -> dict[str, str]:
    stripped = raw.strip()
    if "json" in content_type and stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            raise wire.BadRequest("the body is not valid JSON") from None
        return {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
    return dict(parse_qsl(raw, keep_blank_values=True))
