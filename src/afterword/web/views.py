"""View helpers: findings marked in the text, the timeline's drawing, outcomes explained."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from afterword.config import Settings
from afterword.services.agenda import steps_for
from afterword.services.tracker import latest_interview
from afterword.store.tables import Application
from afterword.vocab import SENT_STATES

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


@dataclass(frozen=True)
class Mark:
    """One point on the follow-up timeline."""

    label: str
    when: datetime
    kind: str  # interview | sent | reply | step | today
    x: float = 0.0
    above: bool = True


def _reply_moment(app: Application) -> datetime | None:
    if app.expected_reply_by is None:
        return None
    try:
        zone = ZoneInfo(app.timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return datetime.combine(app.expected_reply_by, time(12, 0), tzinfo=zone)


STEP_LABELS = {"thank_you": "Thank-you due", "check_in": "Check-in",
               "ask_continue": "Keep going?", "after_rejection": "Gracious reply"}


def timeline(app: Application, settings: Settings, now: datetime,
             width: float = 760.0) -> list[Mark]:
    """The points of the follow-up timeline, placed along `width` (left margin 20)."""
    marks: list[Mark] = []
    interview = latest_interview(app)
    if interview is not None:
        marks.append(Mark("Interview", interview.end, "interview"))
    for note in app.notes:
        if note.status in SENT_STATES and note.sent_at is not None:
            label = "Thank-you sent" if note.kind == "thank_you" else "Check-in sent"
            marks.append(Mark(label, note.sent_at, "sent"))
    reply = _reply_moment(app)
    if reply is not None:
        marks.append(Mark("Their date", reply, "reply"))
    for step in steps_for(app, settings, now):
        name = STEP_LABELS.get(step.kind, step.kind)
        label = f"{name} {step.number}" if step.kind == "check_in" else name
        marks.append(Mark(label, step.due, "step"))
    marks.append(Mark("Today", now, "today"))
    return _placed(sorted(marks, key=lambda m: m.when), width)


def _placed(marks: list[Mark], width: float) -> list[Mark]:
    """x positions; marks of the same day share one label, labels alternate above/below."""
    first, last = marks[0].when, marks[-1].when
    span = max((last - first).total_seconds(), 1.0)
    placed: list[Mark] = []
    side = True
    for m in marks:
        x = round(20 + (width - 40) * (m.when - first).total_seconds() / span, 1)
        before = placed[-1] if placed else None
        if before is not None and before.when.date() == m.when.date() and before.label:
            placed[-1] = replace(before, label=f"{before.label} · {m.label}")
            placed.append(Mark("", m.when, m.kind, x, before.above))
            continue
        placed.append(Mark(m.label, m.when, m.kind, x, side))
        side = not side
    return placed


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
