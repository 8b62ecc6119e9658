"""View helpers: findings marked in the text, the timeline's drawing, outcomes explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from afterword.config import Settings
from afterword.store.tables import Application
from afterword.web.timeline import STEP_LABELS, Mark, timeline

__all__ = ["STEP_LABELS", "Mark", "Segment", "outcome_view", "segments", "timeline"]

SEVERITIES = ("error", "warning", "suggestion")


@dataclass(frozen=True)
class Segment:
    """A run of the note's text, marked with a finding (its index) or not."""

    text: str
    finding: int | None = None
    severity: str = ""


def segments(body: str, findings: list[dict[str, Any]]) -> list[Segment]:
    """The body cut into plain and marked runs (overlapping findings: the first wins)."""
    spans = sorted(
        (f["start"], f["end"], i) for i, f in enumerate(findings)
        if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)
        and 0 <= f["start"] < f["end"] <= len(body))
    out: list[Segment] = []
    at = 0
    for start, end, index in spans:
        if start < at:
            continue
        if start > at:
            out.append(Segment(body[at:start]))
        out.append(Segment(body[start:end], index, findings[index].get("severity", "")))
        at = end
    if at < len(body):
        out.append(Segment(body[at:]))
    return out


OUTCOMES = {
    "sent": ("Sent", "The mail server accepted the note."),
    "uncertain": ("Uncertain", "The connection broke after the note was handed over, so it may "
                  "or may not have gone. It will not be resent by itself: look in your Sent "
                  "folder, then say below whether it went."),
    "failed": ("Failed", "The mail server refused the note; nothing was delivered."),
    "blocked": ("Not sent", "The check found errors: fix them (click a suggestion), then send."),
    "retry-later": ("Not sent yet", "The mail server asked to try later; nothing was "
                    "delivered and the note is kept. Try again in a few minutes."),
    "busy": ("Busy", "This note is being sent from another window."),
    "error": ("Not sent", "afterword could not send it as things stand."),
}


def outcome_view(status: str, detail: str) -> dict[str, str]:
    """Title, explanation and detail of a send outcome, for the page."""
    title, why = OUTCOMES.get(status, ("Not sent", ""))
    return {"status": status, "title": title, "why": why, "detail": detail}


def application_page(request: Request, app: Application, settings: Settings, now: datetime,
                     *, status_code: int = 200, **extra: Any) -> HTMLResponse:
    """The application page (its people forms may come back with `person_errors`)."""
    from afterword.services.agenda import advice_for
    from afterword.services.tracker import latest_interview
    from afterword.vocab import ApplicationStatus, PersonRole
    from afterword.web.deps import render

    return render(request, "application.html", status_code=status_code, title=f"{app.company}",
                  app=app, interview=latest_interview(app), marks=timeline(app, settings, now),
                  advice=advice_for(app, None, settings, now),
                  statuses=tuple(ApplicationStatus), roles=tuple(PersonRole),
                  people={p.id: p for p in app.people}, notes=list(reversed(app.notes)),
                  person_errors=extra.pop("person_errors", {}), **extra)
