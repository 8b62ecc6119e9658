"""The calendar feed: the plan of every application, at a secret URL to subscribe to."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword.calendar.export import events_to_ics
from afterword.services.agenda import calendar_for
from afterword.web import data
from afterword.web.deps import NowDep, SessionDep, SettingsDep, render
from afterword.web.security import verify_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, session: SessionDep) -> HTMLResponse:
    """The feed's address, to paste into a calendar program (made by a button, not here)."""
    token = data.existing_feed_token(session)
    feed = str(request.url_for("calendar_feed", token=token)) if token else None
    return render(request, "calendar.html", title="Calendar feed", feed=feed)


@router.post("/calendar/renew")
def renew(session: SessionDep, now: NowDep) -> RedirectResponse:
    """A secret address (a new one: the old one, if any, stops working)."""
    data.feed_token(session, now, renew=True)
    return RedirectResponse("/calendar", status_code=303)


@router.get("/calendar/{token}.ics", name="calendar_feed")
def calendar_feed(token: str, session: SessionDep, settings: SettingsDep,
                  now: NowDep) -> Response:
    """Every planned follow-up as iCalendar (404 unless the token is the feed's)."""
    if not data.feed_token_matches(session, token):
        raise HTTPException(404, "there is no calendar at this address")
    events = calendar_for(session, settings, now)
    return Response(events_to_ics(events), media_type="text/calendar; charset=utf-8")
