"""Use cases over stored applications: context for the checker, drafts, checks, invites."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.store import repo
from afterword.store.tables import Application, Interview, Note, Person


def database_url(settings: Settings) -> str:
    """The database in force: the setting, else SQLite in the user data dir."""
    from afterword.store.db import default_url

    return settings.database_url or default_url()


def latest_interview(app: Application) -> Interview | None:
    """The most recent interview that was not cancelled."""
    live = [i for i in app.interviews if not i.cancelled]
    return max(live, key=lambda i: i.start) if live else None


def _person_dict(person: Person) -> dict[str, Any]:
    return {
        "name": person.name, "given_name": person.given_name,
        "family_name": person.family_name, "honorific": person.honorific,
        "email": person.email, "title": person.title,
        "mailing_address": person.mailing_address,
        "first_name_terms": person.first_name_terms,
        "moments": [m.text for m in person.moments],
    }


def context_for(app: Application, *, person: Person | None = None, kind: str = "thank_you",
                medium: str = "email", send_at: datetime | None = None,
                candidate: dict[str, str | None] | None = None) -> dict[str, Any]:
    """The check/draft context (docs/check-contract.md) of an application, for one addressee."""
    interview = latest_interview(app)
    interviewers = [p for p in app.people if p.role == "interviewer"]
    scheduler = next((p for p in app.people if p.role in {"scheduler", "recruiter"}), None)
    context: dict[str, Any] = {
        "kind": kind, "medium": medium, "company": app.company,
        "company_aliases": list(app.aliases), "role": app.role, "industry": app.industry,
        "interviewers": [_person_dict(p) for p in interviewers],
        "other_companies": list(app.other_companies), "other_roles": list(app.other_roles),
        "drop_off": app.drop_off,
        "previous_notes": [
            {"recipient": _recipient_key(app, n), "text": n.body, "sent_at": _iso(n.sent_at),
             "kind": n.kind}
            for n in app.notes if n.status in {"sent", "mailed", "uncertain"}],
    }
    if candidate or app.strengths:
        context["candidate"] = {**(candidate or {}),
                                **({"strengths": app.strengths} if app.strengths else {})}
    if interview is not None:
        context["interview"] = {"start": interview.start.isoformat(),
                                "end": interview.end.isoformat()}
    if app.expected_reply_by:
        context["expected_reply_by"] = app.expected_reply_by.isoformat()
    if scheduler is not None:
        context["scheduler"] = _person_dict(scheduler)
    if person is not None:
        context["recipient"] = person.email or person.name
        if person.email and medium == "email":
            context["to"] = [person.email]
    if send_at is not None:
        context["send_at"] = send_at.isoformat()
    return context


def _recipient_key(app: Application, note: Note) -> str | None:
    person = next((p for p in app.people if p.id == note.person_id), None)
    return (person.email or person.name) if person else None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def candidate_of(settings: Settings) -> dict[str, str | None] | None:
    """The user, as the settings know them."""
    if settings.user_name or settings.user_email:
        return {"name": settings.user_name, "email": settings.user_email}
    return None


def draft_and_save(session: Session, app: Application, settings: Settings, *, now: datetime,
                   kind: str | None = None, medium: str | None = None,
                   news: str | None = None, person: Person | None = None) -> list[Note]:
    """Draft from the record, check each, and save them (see services.drafting)."""
    from afterword.services.drafting import draft_for_record

    return [d.note for d in draft_for_record(session, app, settings, now=now, kind=kind,
                                             medium=medium, news=news, person=person)]


def check_saved(session: Session, note: Note, settings: Settings, *, now: datetime) -> Any:
    """Check a stored note against its application's record (and keep the report)."""
    from afterword.services.checking import check

    app = repo.get_application(session, note.application_id)
    person = next((p for p in app.people if p.id == note.person_id), None)
    ctx = context_for(app, person=person, kind=note.kind, medium=note.medium,
                      send_at=note.sent_at or max(now, _earliest_send(app, now)),
                      candidate=candidate_of(settings))
    text = note.body
    if note.medium == "email":
        ctx["subject"] = note.subject
    report = check(text, ctx, settings=settings)
    note.report = report.to_dict()
    return report


def _earliest_send(app: Application, now: datetime) -> datetime:
    interview = latest_interview(app)
    return interview.end + timedelta(hours=1, minutes=1) if interview else now
