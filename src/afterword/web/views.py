"""View helpers: findings marked in the text, the timeline's drawing, outcomes explained,
and the pages that more than one route shows (an application, the compose page of a note)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.mail.links import mailto
from afterword.services import drafting
from afterword.services.agenda import advice_for
from afterword.services.notes import EDITABLE, SCHEDULED
from afterword.services.schedule import scheduled_for
from afterword.services.tracker import check_saved, note_context
from afterword.store import repo
from afterword.store.tables import Application, Note
from afterword.web import data
from afterword.web.timeline import STEP_LABELS, Mark, timeline
from afterword.web.when import moment_text, user_zone, zone_label

if TYPE_CHECKING:
    from afterword.services.reviews import ReviewView
    from afterword.store.accounts import User

__all__ = ["STEP_LABELS", "Mark", "Segment", "application_page", "compose_page", "outcome_view",
           "segments", "timeline"]

SEVERITIES = ("error", "warning", "suggestion")
SEVERITY_ICONS = {"error": "\u2716", "warning": "\u25b2", "suggestion": "\u25cf"}  # ✖ ▲ ●


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
    from afterword.services.tracker import latest_interview
    from afterword.vocab import ApplicationStatus, PersonRole
    from afterword.web.deps import render

    return render(request, "application.html", status_code=status_code, title=f"{app.company}",
                  app=app, interview=latest_interview(app), marks=timeline(app, settings, now),
                  advice=advice_for(app, None, settings, now),
                  statuses=tuple(ApplicationStatus), roles=tuple(PersonRole),
                  people={p.id: p for p in app.people}, notes=list(reversed(app.notes)),
                  person_errors=extra.pop("person_errors", {}), **extra)


def _mailto(note: Note) -> str | None:
    from email.headerregistry import Address

    person = note.person
    if person is None or not person.email:
        return None
    try:
        return mailto(Address(display_name=person.name, addr_spec=person.email), note.subject,
                      note.body)
    except (ValueError, IndexError):
        return None


def compose_page(request: Request, session: Session, note: Note, settings: Settings,
                 now: datetime, *, status_code: int = 200, **extra: Any) -> HTMLResponse:
    """The compose page of one note (re-checked against the record), as the notes and the
    delivery routes show it."""
    from afterword.web.deps import render

    app = repo.get_application(session, note.application_id)
    if note.status in EDITABLE:
        check_saved(session, note, settings, now=now)
    report = note.report or {}
    findings = report.get("findings", [])
    tabs = data.current_notes(app)
    return render(
        request, "compose.html", status_code=status_code, title=f"Note to "
        f"{note.person.name if note.person else app.company}", app=app, note=note,
        tabs=[(p, tabs.get(p.id)) for p in data.interviewers(app)], report=report,
        findings=findings, segments=segments(note.body, findings),
        errors=report.get("counts", {}).get("error", 0), editable=note.status in EDITABLE,
        advice=advice_for(app, note.person, settings, now), mailto=_mailto(note),
        context=note_context(app, note, settings, now,
                             planned=scheduled_for(session, note.id)),
        smtp=bool(settings.smtp_host), imap=bool(settings.imap_host),
        icons=SEVERITY_ICONS,
        draft_notices=drafting.notices(app, note, settings, now=now,
                                       scheduled=scheduled_for(session, note.id)),
        **_timing(session, note, settings, now), **_reviews(request, session, note),
        **extra)


def coach_note_page(request: Request, session: Session, shown: ReviewView,
                    settings: Settings, now: datetime, user: User) -> HTMLResponse:
    """A candidate's note as a coach or admin reads it (`shown`: a reviews.ReviewView):
    the text, its stored check, its timeline, its review; the coach asked may comment."""
    from afterword.services.agenda import plan_for
    from afterword.web.deps import render

    plan = plan_for(session, shown.note.application_id, settings, now)
    may_comment = (shown.review is not None and shown.review.coach_id == user.id
                   and shown.is_live)
    return render(request, "review.html", title=f"{shown.candidate}: note to {shown.to}",
                  shown=shown, plan=plan, labels=STEP_LABELS, user=user,
                  may_comment=may_comment)


def _reviews(request: Request, session: Session, note: Note) -> dict[str, Any]:
    """Server mode: the note's review request and its comments, placed on the text."""
    from afterword.services import reviews
    from afterword.web.deps import web_state

    if not web_state(request).server:
        return {}
    review, placed = reviews.for_compose(session, note)
    return {"review": review, "review_comments": placed,
            "ask_refusal": reviews.ask_refusal(getattr(request.state, "account", None), note)}


def _timing(session: Session, note: Note, settings: Settings, now: datetime) -> dict[str, Any]:
    """When the note went or goes (the user's clock, with the recipient's when it differs),
    or the moment offered to send it later."""
    from afterword.services import schedule

    app = repo.get_application(session, note.application_id)
    zone, theirs = user_zone(), schedule.recipient_zone(app)
    out: dict[str, Any] = {"zone_text": zone_label(now, zone)}
    if note.sent_at is not None:
        out["sent_text"] = moment_text(note.sent_at, now, zone, theirs)
    if note.status == SCHEDULED:
        at = schedule.scheduled_for(session, note.id)
        out["scheduled_text"] = moment_text(at, now, zone, theirs) if at else None
        return out
    if note.status not in EDITABLE or note.medium != "email":
        return out
    later = schedule.offer(session, note, settings, now=now)
    if later is not None:
        out["send_later"] = later
        out["send_later_label"] = "Send " + moment_text(later, now, zone, theirs)
    return out
