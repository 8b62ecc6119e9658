"""Applications and their interviews: create, update, status, as every interface does them.

The one default for an interview typed without an end time lives here (the policy's
`interview_minutes`), so the CLI, the web form and the JSON API record the same interview.
Bad input raises `Invalid` with a one-line message before anything is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from afterword.limits import date_problem
from afterword.services.people import add_person, normalise_email
from afterword.store import repo
from afterword.store.repo import Invalid
from afterword.store.tables import Application, Interview
from afterword.thresholds import Thresholds
from afterword.vocab import ApplicationStatus, InterviewFormat, choices

__all__ = [
    "ApplicationChanges",
    "InterviewInput",
    "add_interview",
    "create_application",
    "parse_day",
    "parse_when",
    "parse_zone",
    "set_status",
    "update_application",
]


@dataclass(frozen=True)
class InterviewInput:
    """An interview as typed: a naive start or end is in `timezone`; no end, the default."""

    start: datetime
    end: datetime | None = None
    timezone: str = "UTC"
    format: str = InterviewFormat.ONSITE
    location: str = ""


@dataclass(frozen=True)
class ApplicationChanges:
    """What to change on an application; None leaves a field as it is."""

    company: str | None = None
    role: str | None = None
    industry: str | None = None  # "" clears it
    timezone: str | None = None
    expected_reply_by: date | None = None
    clear_reply_by: bool = False
    status: str | None = None
    aliases: Sequence[str] | None = field(default=None)


def parse_zone(name: str | None) -> ZoneInfo:
    """An IANA time zone ('' is UTC); Invalid for an unknown name."""
    try:
        return ZoneInfo((name or "").strip() or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"unknown time zone '{name}' (use a name like America/New_York)") from None


def parse_when(text: str | None, zone: ZoneInfo, what: str) -> datetime | None:
    """An ISO date-time as typed ('' is None); a naive one is in `zone`."""
    if text is None or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise Invalid(f"{what} must look like 2026-11-20T14:00, not '{text[:60]}'") from None
    problem = date_problem(moment, what)
    if problem:
        raise Invalid(problem)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def parse_day(text: str | None, what: str) -> date | None:
    """A YYYY-MM-DD date as typed ('' is None)."""
    if text is None or not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(f"{what} must look like 2026-12-04, not '{text[:60]}'") from None
    if date_problem(day, what):
        raise Invalid(str(date_problem(day, what)))
    return day


def _format(value: str) -> str:
    try:
        return InterviewFormat(value.strip().lower())
    except ValueError:
        raise Invalid(f"an interview is {choices(InterviewFormat)}, not '{value}'") from None


def add_interview(session: Session, app: Application, interview: InterviewInput,
                  thresholds: Thresholds) -> Interview:
    """An interview of `app`; with no end time it lasts the policy's `interview_minutes`."""
    zone = parse_zone(interview.timezone)
    start = _aware(interview.start, zone)
    end = (_aware(interview.end, zone) if interview.end is not None
           else start + timedelta(minutes=thresholds.interview_minutes))
    return repo.add_interview(session, app, start=start, end=end, timezone=zone.key,
                              format=_format(interview.format),
                              location=" ".join(interview.location.split()),
                              round=len(app.interviews) + 1)


def _aware(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def create_application(
    session: Session, *, now: datetime, thresholds: Thresholds, company: str, role: str = "",
    industry: str | None = None, timezone: str = "UTC", expected_reply_by: date | None = None,
    aliases: Sequence[str] = (), interview: InterviewInput | None = None,
    people: Sequence[tuple[str, str | None, str]] = (),
) -> Application:
    """A new application, with its interview and its people: (name, email or None, role)."""
    zone = parse_zone(timezone)
    parsed = [((name, normalise_email(email)), role_name) for name, email, role_name in people]
    app = repo.add_application(session, company=company, role=role, now=now,
                               aliases=list(aliases), industry=(industry or "").strip() or None,
                               timezone=zone.key, expected_reply_by=expected_reply_by)
    if interview is not None:
        add_interview(session, app, interview, thresholds)
    for (name, email), role_name in parsed:
        add_person(session, app, name=name, email=email, role=role_name)
    return app


def update_application(session: Session, app: Application, changes: ApplicationChanges, *,
                       now: datetime) -> Application:
    """Change what describes an application (everything checked before anything is set)."""
    values: dict[str, object] = {}
    if changes.company is not None:
        if not " ".join(changes.company.split()):
            raise Invalid("the company's name is empty")
        values["company"] = " ".join(changes.company.split())
    if changes.role is not None:
        values["role"] = " ".join(changes.role.split())
    if changes.industry is not None:
        values["industry"] = changes.industry.strip() or None
    if changes.timezone is not None:
        values["timezone"] = parse_zone(changes.timezone).key
    if changes.expected_reply_by is not None or changes.clear_reply_by:
        values["expected_reply_by"] = changes.expected_reply_by
    if changes.aliases is not None:
        values["aliases"] = [" ".join(a.split()) for a in changes.aliases if a.strip()]
    if changes.status is not None:
        set_status(session, app, changes.status, now=now)
    for key, value in values.items():
        setattr(app, key, value)
    app.updated_at = now
    session.flush()
    return app


def set_status(session: Session, app: Application, status: str, *, now: datetime) -> None:
    """Change an application's status; any status but active stops its follow-ups."""
    try:
        chosen = ApplicationStatus(status.strip().lower())
    except ValueError:
        raise Invalid(f"status is {choices(ApplicationStatus)}, not '{status}'") from None
    repo.set_status(app, chosen, now)
    session.flush()
