"""The calendar feed: the plan of every application, at a secret URL to subscribe to.

Server mode: each account has its own feed (`services.calendar_feed`): the address is shown
once when it is made, works without a cookie (calendar programs have none), and is revoked
here or replaced by a new one."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword.calendar.export import events_to_ics
from afterword.services import calendar_feed
from afterword.services.agenda import calendar_for
from afterword.web import data
from afterword.web.deps import (
    NowDep,
    SessionDep,
    SettingsDep,
    StateDep,
    client_ip,
    current_account,
    render,
)
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])


def _server_page(request: Request, session: SessionDep, secret: str | None = None,
                 notice: str | None = None) -> HTMLResponse:
    row = calendar_feed.feed_of(session, current_account(request, session))
    feed = str(request.url_for("calendar_feed", token=secret)) if secret else None
    return render(request, "calendar.html", title="Calendar feed", feed=feed, server=True,
                  made=row.created_at if row else None, notice=notice)


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, session: SessionDep, state: StateDep) -> HTMLResponse:
    """The feed's address, to paste into a calendar program (made by a button, not here)."""
    if state.server:
        return _server_page(request, session)
    token = data.existing_feed_token(session)
    feed = str(request.url_for("calendar_feed", token=token)) if token else None
    return render(request, "calendar.html", title="Calendar feed", feed=feed)


@router.post("/calendar/renew", response_model=None)
def renew(request: Request, session: SessionDep, state: StateDep,
          now: NowDep) -> RedirectResponse | HTMLResponse:
    """A secret address (a new one: the old one, if any, stops working)."""
    if state.server:
        secret = calendar_feed.new_feed(session, current_account(request, session), now=now,
                                        ip=client_ip(request))
        return _server_page(request, session, secret)
    data.feed_token(session, now, renew=True)
    return RedirectResponse("/calendar", status_code=303)


@router.post("/calendar/revoke", response_model=None)
def revoke(request: Request, session: SessionDep, state: StateDep,
           now: NowDep) -> RedirectResponse | HTMLResponse:
    """The secret address stops working (no feed until a new one is made)."""
    if state.server:
        calendar_feed.revoke_feed(session, current_account(request, session), now=now,
                                  ip=client_ip(request))
        return _server_page(request, session, notice="The feed address no longer works.")
    data.forget_feed_token(session)
    return RedirectResponse("/calendar", status_code=303)


@router.get("/calendar/{token}.ics", name="calendar_feed")
def calendar_feed_ics(token: str, request: Request, session: SessionDep,
                      settings: SettingsDep, state: StateDep, now: NowDep) -> Response:
    """Every planned follow-up as iCalendar (404 unless the token is the feed's)."""
    if state.server:
        events = calendar_feed.feed_events(session, token[:200], state.settings(), now)
        if events is None:
            raise HTTPException(404, "there is no calendar at this address")
    else:
        if not data.feed_token_matches(session, token):
            raise HTTPException(404, "there is no calendar at this address")
        events = calendar_for(session, settings, now)
    return Response(events_to_ics(events), media_type="text/calendar; charset=utf-8")
