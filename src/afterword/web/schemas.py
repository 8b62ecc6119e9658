"""What a form or an API call sends: the schemas that create and update.

What the API prints is in `afterword.schemas`, the same models as the CLI's `--json`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from afterword.limits import check_date
from afterword.vocab import ApplicationStatus

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
