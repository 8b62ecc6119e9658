"""The JSON afterword prints: one set of schemas for the CLI's `--json` and the HTTP API.

Each model is one thing a script reads, printed alike wherever it is asked for:

| model | the CLI | the HTTP API |
|---|---|---|
| `CheckReport` | `check --format json` | `POST /api/check` |
| `ApplicationRow` | `list --json` | `GET /api/applications` |
| `ApplicationDetail` | `show ID --json` | `/api/applications/{id}` (GET, PATCH); `POST` made |
| `TodayItem` | `today --json` | `GET /api/today` |
| `PlanStep` | `plan ID --json` | `GET /api/applications/{id}/plan` |
| `AdvicePublic` | `advise ID --json` | — |
| `NotePublic` | — | `GET /api/notes/{id}` (the note's text and delivery state) |

Times are ISO 8601 with their UTC offset as Python writes them (`+00:00`, never `Z`), days
`YYYY-MM-DD`; words of the vocabulary are their `afterword.vocab` strings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, PlainSerializer, TypeAdapter

from afterword.vocab import ApplicationStatus, Kind, Medium, NoteState, PersonRole

if TYPE_CHECKING:
    from afterword.plan.advise import Advice
    from afterword.plan.policy import PlannedStep
    from afterword.plan.today import AgendaItem
    from afterword.store.tables import Application, Interview, Note, Person

__all__ = ["AdvicePublic", "ApplicationDetail", "ApplicationRow", "CheckReport",
           "FindingPublic", "InterviewPublic", "NotePublic", "NoteSummary", "PersonPublic",
           "PlanStep", "SkippedPublic", "TodayItem", "dumps"]

# A moment as `datetime.isoformat` writes it (pydantic alone would write UTC as `Z`).
Moment = Annotated[datetime, PlainSerializer(lambda v: v.isoformat(), return_type=str,
                                             when_used="json")]


def dumps(value: BaseModel | Sequence[BaseModel]) -> str:
    """The JSON the CLI prints for a model or a list of them (indented, UTF-8 as it is)."""
    data = TypeAdapter(Any).dump_python(value, mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2)


# ----------------------------------------------------------------------------- the check


class FindingPublic(BaseModel):
    """One finding, as `afterword check --format json` prints it."""

    code: str
    name: str
    severity: str
    message: str
    start: int | None
    end: int | None
    excerpt: str | None
    suggestions: list[str]


class SkippedPublic(BaseModel):
    """A rule that could not run, and why."""

    code: str
    reason: str


class CheckReport(BaseModel):
    """The check's JSON contract (docs/check-contract.md; `Report.to_dict()` writes it)."""

    findings: list[FindingPublic]
    counts: dict[str, int]
    skipped: list[SkippedPublic]
    proofreading: bool


# ----------------------------------------------------------------------------- the record


class ApplicationRow(BaseModel):
    """An application as listed: the latest interview in words, how many people and notes."""

    id: int
    company: str
    role: str
    status: ApplicationStatus
    interview: str | None  # "2026-11-20 14:00 (America/New_York)", its local time and zone
    people: int
    notes: int

    @classmethod
    def of(cls, app: Application) -> ApplicationRow:
        """The row of one stored application."""
        from afterword.services.tracker import latest_interview

        last = latest_interview(app)
        when = f"{last.start:%Y-%m-%d %H:%M} ({last.timezone})" if last else None
        return cls(id=app.id, company=app.company, role=app.role, status=app.status,
                   interview=when, people=len(app.people), notes=len(app.notes))


class InterviewPublic(BaseModel):
    """One interview."""

    id: int
    start: Moment
    end: Moment
    timezone: str
    format: str
    round: int
    cancelled: bool

    @classmethod
    def of(cls, interview: Interview) -> InterviewPublic:
        """One stored interview."""
        return cls(id=interview.id, start=interview.start, end=interview.end,
                   timezone=interview.timezone, format=interview.format,
                   round=interview.round, cancelled=interview.cancelled)


class PersonPublic(BaseModel):
    """Someone at the employer, with the moments recorded with them."""

    id: int
    name: str
    role: PersonRole
    email: str | None
    honorific: str | None
    suffix: str | None
    title: str | None
    spelling_confirmed: bool
    moments: list[str]

    @classmethod
    def of(cls, person: Person) -> PersonPublic:
        """One stored person."""
        return cls(id=person.id, name=person.name, role=person.role,
                   email=person.email, honorific=person.honorific, suffix=person.suffix,
                   title=person.title, spelling_confirmed=person.spelling_confirmed,
                   moments=[m.text for m in person.moments])


class NoteSummary(BaseModel):
    """A note as an application lists it: its state and its last check's counts."""

    id: int
    person_id: int | None
    kind: Kind
    medium: Medium
    status: NoteState
    subject: str
    counts: dict[str, int] | None

    @classmethod
    def of(cls, note: Note) -> NoteSummary:
        """One stored note, without its text."""
        return cls(id=note.id, person_id=note.person_id, kind=note.kind,
                   medium=note.medium, status=note.status,
                   subject=note.subject, counts=(note.report or {}).get("counts"))


class ApplicationDetail(BaseModel):
    """An application with its interviews, people and notes."""

    id: int
    company: str
    aliases: list[str]
    role: str
    industry: str | None
    status: ApplicationStatus
    timezone: str
    expected_reply_by: date | None
    interviews: list[InterviewPublic]
    people: list[PersonPublic]
    notes: list[NoteSummary]

    @classmethod
    def of(cls, app: Application) -> ApplicationDetail:
        """One stored application, whole."""
        return cls(id=app.id, company=app.company, aliases=list(app.aliases), role=app.role,
                   industry=app.industry, status=app.status,
                   timezone=app.timezone, expected_reply_by=app.expected_reply_by,
                   interviews=[InterviewPublic.of(i) for i in app.interviews],
                   people=[PersonPublic.of(p) for p in app.people],
                   notes=[NoteSummary.of(n) for n in app.notes])


class NotePublic(BaseModel):
    """A note whole: its text and where its delivery stands."""

    id: int
    application_id: int
    person_id: int | None
    kind: Kind
    medium: Medium
    subject: str
    body: str
    status: NoteState
    sent_at: Moment | None
    last_error: str | None

    @classmethod
    def of(cls, note: Note) -> NotePublic:
        """One stored note."""
        return cls(id=note.id, application_id=note.application_id, person_id=note.person_id,
                   kind=note.kind, medium=note.medium,
                   subject=note.subject, body=note.body,
                   status=note.status,
                   sent_at=note.sent_at, last_error=note.last_error)


# ----------------------------------------------------------------------------- what to do


class TodayItem(BaseModel):
    """One line of today's agenda."""

    application_id: int
    kind: str  # a step kind, or "post_card"
    title: str
    due: Moment
    urgency: str  # overdue | closing | due | upcoming
    hours_left: float | None
    detail: str

    @classmethod
    def of(cls, item: AgendaItem) -> TodayItem:
        """One agenda item."""
        return cls(application_id=item.application_id, kind=item.kind, title=item.title,
                   due=item.due, urgency=item.urgency, hours_left=item.hours_left,
                   detail=item.detail)


class PlanStep(BaseModel):
    """One step of an application's follow-up plan."""

    kind: str  # thank_you | check_in | ask_continue | after_rejection
    number: int
    due: Moment
    latest: Moment | None
    reason: str

    @classmethod
    def of(cls, step: PlannedStep) -> PlanStep:
        """One planned step."""
        return cls(kind=step.kind, number=step.number, due=step.due, latest=step.latest,
                   reason=step.reason)


class AdvicePublic(BaseModel):
    """Email, a handwritten card or both, with the reasons and the card's checklist."""

    medium: str
    reasons: list[str]
    checklist: list[str]
    post_by: date | None

    @classmethod
    def of(cls, advice: Advice) -> AdvicePublic:
        """The advice for one application."""
        return cls(medium=advice.medium, reasons=list(advice.reasons),
                   checklist=list(advice.checklist), post_by=advice.post_by)
