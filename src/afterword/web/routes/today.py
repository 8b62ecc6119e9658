"""Today (the same agenda as `afterword today`) and the first-run screen."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from afterword.plan.today import describe_when
from afterword.services.agenda import steps_for, today
from afterword.store import repo
from afterword.web import data
from afterword.web.deps import NowDep, SessionDep, SettingsDep, render
from afterword.web.security import verify_csrf
from afterword.web.views import STEP_LABELS

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
URGENCY = {"overdue": "Overdue", "closing": "Closing soon", "due": "Due", "upcoming": "Upcoming"}


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, session: SessionDep, settings: SettingsDep,
               now: NowDep) -> HTMLResponse:
    """What to do now, most urgent first; the first-run screen when nothing is stored."""
    apps = repo.list_applications(session)
    if not apps:
        return render(request, "first_run.html", title="Welcome")
    items = [{"item": item, "when": describe_when(item.due, now),
              "urgency": URGENCY.get(item.urgency, item.urgency)}
             for item in today(apps, settings, now)]
    coming = [(app, step, describe_when(step.due, now)) for app in apps
              for step in steps_for(app, settings, now)[:1] if app.status == "active"]
    return render(request, "today.html", title="Today", items=items, now=now,
                  coming=sorted(coming, key=lambda c: c[1].due), labels=STEP_LABELS)


@router.post("/example")
def load_example(session: SessionDep, now: NowDep) -> RedirectResponse:
    """Load the example interview, to see afterword working at once."""
    app = data.load_example(session, now)
    return RedirectResponse(f"/applications/{app.id}", status_code=303)
