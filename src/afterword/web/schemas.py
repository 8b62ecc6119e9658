"""Schemas split by role: what a form or API call creates, updates, and what is shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from afterword.limits import check_date
from afterword.vocab import ApplicationStatus, Kind, Medium, NoteState, PersonRole

# Dates an API call may set: within afterword's years (limits.py), else a 422 naming the limit.
SaneDate = Annotated[date, AfterValidator(lambda v: check_date(v, "the date"))]
SaneDateTime = Annotated[datetime, AfterValidator(lambda v: check_date(v, "the date"))]

Status = ApplicationStatus


class CheckRequest(BaseModel):
    """A note and its context (docs/check-contract.md), as `afterword check` reads them."""

    model_config = ConfigDict(extra="forbid")
    note: str = Field(max_length=200_000)
    context: dict[str, Any] = Field(default_factory=dict)
    session: str | None = Field(
        default=None, max_length=100,
        description="An editing session's key (the compose page sends its note's): checks "
                    "of one session re-lint only the paragraphs that changed; the report is "
                    "the same as without it.")


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
    """The check's JSON contract (the same object `afterword check --format json` prints)."""

    findings: list[FindingPublic]
    counts: dict[str, int]
    skipped: list[SkippedPublic]
    proofreading: bool


class ApplicationBase(BaseModel):
    """What describes an application."""

    company: str = Field(min_length=1, max_length=300)
    role: str = Field(default="", max_length=300)
    industry: str | None = Field(default=None, max_length=100)
    expected_reply_by: SaneDate | None = None
    timezone: str = Field(default="UTC", max_length=64)


class ApplicationCreate(ApplicationBase):
    """A new application, optionally with its interview."""

    interview_start: SaneDateTime | None = None
    interview_end: SaneDateTime | None = None


class ApplicationUpdate(BaseModel):
    """Fields to change (all optional)."""

    model_config = ConfigDict(extra="forbid")
    company: str | None = Field(default=None, min_length=1, max_length=300)
    role: str | None = Field(default=None, max_length=300)
    industry: str | None = Field(default=None, max_length=100)
    expected_reply_by: SaneDate | None = None
    status: Status | None = None


class PersonPublic(BaseModel):
    """Someone at the employer."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    role: PersonRole
    honorific: str | None
    title: str | None
    email: str | None
    spelling_confirmed: bool
    moments: list[str] = []


class InterviewPublic(BaseModel):
    """One interview."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    start: datetime
    end: datetime
    timezone: str
    format: str
    cancelled: bool


class NotePublic(BaseModel):
    """A note and its state."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    application_id: int
    person_id: int | None
    kind: Kind
    medium: Medium
    subject: str
    body: str
    status: NoteState
    sent_at: datetime | None
    last_error: str | None


class ApplicationPublic(BaseModel):
    """An application as listed."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    company: str
    role: str
    industry: str | None
    expected_reply_by: date | None
    timezone: str
    status: ApplicationStatus


class ApplicationDetail(ApplicationPublic):
    """An application with its interviews, people and notes."""

    interviews: list[InterviewPublic]
    people: list[PersonPublic]
    notes: list[NotePublic]


class TodayItem(BaseModel):
    """One line of today's agenda (as `afterword today --json`)."""

    application_id: int
    kind: str
    title: str
    due: datetime
    urgency: str
    hours_left: float | None
    detail: str


class ApplicationForm(BaseModel):
    """The add/edit form, as typed (validated by the handler so nothing typed is lost)."""

    company: str = ""
    role: str = ""
    industry: str = ""
    expected_reply_by: str = ""
    timezone: str = "UTC"
    interview_start: str = ""
    interview_end: str = ""
    interviewers: str = ""  # one a line: Name <email>


class PersonForm(BaseModel):
    """The add/edit form of a person."""

    name: str = ""
    role: str = "interviewer"
    honorific: str = ""
    title: str = ""
    email: str = ""
    mailing_address: str = ""
    spelling_confirmed: bool = False
    first_name_terms: bool = False
