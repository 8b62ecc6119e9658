"""Today (the same agenda as `afterword today`), its past-due actions, and the first run."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterword.identity import identity_of
from afterword.plan.today import AgendaItem
from afterword.services import agenda, applications, dismissals, schedule
from afterword.store import repo
from afterword.vocab import AccountRole
from afterword.web import data
from afterword.web.deps import NowDep, RowId, SessionDep, SettingsDep, render
from afterword.web.security import verify_csrf
from afterword.web.views import STEP_LABELS
from afterword.web.when import hours_text, long_day, relative, user_zone, zone_label

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
URGENCY = {"overdue": "Overdue", "closing": "Closing soon", "due": "Due today",
           "upcoming": "Upcoming"}
PAST_LABELS = {"thank_you": "Thank-you notes", "check_in": "Check-in",
               "ask_continue": "Deciding whether to keep going",
               "after_rejection": "A gracious reply", "post_card": "Posting the card"}
STAFF_HOME = frozenset({AccountRole.COACH, AccountRole.ADMIN})  # their own Today is empty
ORDER = {"closing": 0, "overdue": 1, "due": 2, "upcoming": 3}  # a deadline beats a lapse


def _when(item: AgendaItem, now: datetime, zone: tzinfo) -> str:
    """When, in words that match what happened, in the user's zone."""
    if item.urgency == "closing" and item.hours_left is not None:
        until = now + timedelta(hours=item.hours_left)
        return f"{hours_text(item.hours_left)} left, until {relative(until, now, zone)}"
    if item.urgency == "overdue":
        return f"Was due {relative(item.due, now, zone)}"
    return f"Due {relative(item.due, now, zone)}"


def _row(item: AgendaItem, now: datetime, zone: tzinfo) -> dict[str, Any]:
    card = item.kind == "post_card"
    return {"item": item, "when": _when(item, now, zone), "why": item.detail if card
            else item.reason, "urgency": URGENCY.get(item.urgency, item.urgency)}


def _rank(item: AgendaItem) -> tuple[int, float]:
    if item.urgency == "closing" and item.hours_left is not None:
        return ORDER["closing"], item.hours_left
    if item.urgency == "overdue":
        return ORDER["overdue"], -item.due.timestamp()  # the most recent lapse first
    return ORDER.get(item.urgency, 4), item.due.timestamp()


def _groups(apps: list[Any], rows: list[dict[str, Any]], now: datetime,
            zone: tzinfo) -> list[dict[str, Any]]:
    """Past-due rows by application (the most recent lapse first), each saying what was
    sent so far: one close button each."""
    by_id = {a.id: a for a in apps}
    groups: dict[int, dict[str, Any]] = {}
    for row in rows:
        app_id = row["item"].application_id
        app = by_id.get(app_id)
        if app_id not in groups:
            name = (f"{app.role} at {app.company}" if app.role else app.company) if app else ""
            groups[app_id] = {"id": app_id, "name": name, "rows": [],
                              "sent": _sent_text(agenda.sent_so_far(app), now, zone)
                              if app else ""}
        groups[app_id]["rows"].append(row)
    return list(groups.values())


def _sent_text(sent: agenda.SentSoFar, now: datetime, zone: tzinfo) -> str:
    """What happened so far: "Thank-you sent on Tue 20 Oct; no check-in sent yet."."""
    def when(moment: datetime | None) -> str:
        return f" {relative(moment, now, zone)}" if moment else ""

    if not sent.thank_yous and not sent.check_ins:
        return "Nothing sent yet: no thank-you, no check-in."
    thanks = (f"Thank-you sent{when(sent.last_thank_you)}" if sent.thank_yous
              else "No thank-you sent")
    if not sent.check_ins:
        return f"{thanks}; no check-in sent yet."
    noun = "check-in" if sent.check_ins == 1 else "check-ins"
    return f"{thanks}; {sent.check_ins} {noun} sent, the last{when(sent.last_check_in)}."


@router.get("/", response_class=HTMLResponse, response_model=None)
def today_page(request: Request, session: SessionDep, settings: SettingsDep,
               now: NowDep) -> Response:
    """What to do now, most urgent first, long-past items apart; the first run when empty.
    A coach or an admin (server mode) starts on the caseload instead."""
    if getattr(request.state, "account_role", None) in STAFF_HOME:
        return RedirectResponse("/caseload", status_code=303)
    apps = repo.list_applications(session)
    if not apps and not identity_of(settings).complete:
        return RedirectResponse("/welcome", status_code=303)  # who you are, before anything
    if not apps:
        return render(request, "first_run.html", title="Welcome")
    zone = user_zone()
    items = agenda.agenda_for(session, settings, now)
    past = [i for i in items if dismissals.is_past_due(i, now, settings.thresholds)]
    current = sorted((i for i in items if i not in past), key=_rank)
    coming = [(app, step, relative(step.due, now, zone))
              for app, step in agenda.coming_up(session, settings, now, items)]
    late = [(n, relative(at, now, zone), why) for n, at, why in schedule.late_sends(session)]
    scheduled = [(n, relative(at, now, zone)) for n, at in schedule.upcoming_sends(session)]
    return render(request, "today.html", title="Today", now=now, late=late,
                  scheduled=scheduled,
                  items=[_row(i, now, zone) for i in current],
                  past=_groups(apps, [_row(i, now, zone) for i in sorted(past, key=_rank)],
                               now, zone),
                  today_text=long_day(now.astimezone(zone).date()),
                  zone=zone_label(now, zone), coming=coming,
                  labels=STEP_LABELS, past_labels=PAST_LABELS)


@router.post("/today/dismiss")
def dismiss(session: SessionDep, now: NowDep, application_id: Annotated[int, Form()],
            kind: Annotated[str, Form()], number: Annotated[int, Form()] = 1
            ) -> RedirectResponse:
    """Stop showing one step on Today."""
    repo.get_application(session, application_id)
    try:
        dismissals.dismiss(session, application_id, kind, number, now)
    except dismissals.DismissError as exc:
        raise repo.Invalid(str(exc)) from None
    return RedirectResponse("/", status_code=303)


@router.post("/today/close/{app_id}")
def close(app_id: RowId, session: SessionDep, now: NowDep) -> RedirectResponse:
    """Close the application: every follow-up stops."""
    applications.set_status(session, repo.get_application(session, app_id), "closed", now=now)
    return RedirectResponse("/", status_code=303)


@router.post("/example")
def load_example(session: SessionDep, now: NowDep) -> RedirectResponse:
    """Load the example interview, to see afterword working at once."""
    app = data.load_example(session, now)
    return RedirectResponse(f"/applications/{app.id}", status_code=303)
