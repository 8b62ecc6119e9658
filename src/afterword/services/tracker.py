"""Use cases over stored applications: context for the checker, drafts, checks, invites."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from afterword.config import Settings
from afterword.services.names import fold
from afterword.store import repo
from afterword.store.tables import Application, Interview, Note, Person
from afterword.vocab import ARRANGING_ROLES, SENT_STATES, THANKED_ROLES, PersonRole


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


def other_applications(app: Application) -> tuple[list[str], list[str]]:
    """The companies and roles of the user's other applications (and those stored on `app`),
    leaving out this application's own company, aliases and role."""
    session = object_session(app)
    rows = [] if session is None else session.execute(
        select(Application.company, Application.role).where(Application.id != app.id)).all()
    own = {fold(name) for name in (app.company, *app.aliases)}
    companies = _unique([*app.other_companies, *(company for company, _ in rows)], own)
    roles = _unique([*app.other_roles, *(role for _, role in rows)], {fold(app.role or "")})
    return companies, roles


def _unique(names: list[str], leave_out: set[str]) -> list[str]:
    seen = set(leave_out) | {""}
    kept: list[str] = []
    for name in names:
        if fold(name or "") not in seen:
            seen.add(fold(name))
            kept.append(name)
    return kept


def context_for(app: Application, *, person: Person | None = None, kind: str = "thank_you",
                medium: str = "email", send_at: datetime | None = None,
                candidate: dict[str, str | None] | None = None) -> dict[str, Any]:
    """The check/draft context (docs/check-contract.md) of an application, for one addressee."""
    interview = latest_interview(app)
    interviewers = [p for p in app.people if p.role in THANKED_ROLES]
    arranging = [p for p in app.people if p.role in ARRANGING_ROLES]
    contact = next((p for p in app.people if p.role == PersonRole.CONTACT), None)
    scheduler = next(iter(arranging), contact)
    companies, roles = other_applications(app)
    context: dict[str, Any] = {
        "kind": kind, "medium": medium, "company": app.company,
        "company_aliases": list(app.aliases), "role": app.role, "industry": app.industry,
        "interviewers": [_person_dict(p) for p in interviewers],
        "other_companies": companies, "other_roles": roles,
        "drop_off": app.drop_off,
        "previous_notes": [
            {"recipient": _recipient_key(app, n), "text": n.body, "sent_at": _iso(n.sent_at),
             "kind": n.kind}
            for n in app.notes if n.status in SENT_STATES],
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
    if contact is not None and contact in (*interviewers, scheduler):
        context["contact"] = contact.email or contact.name
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
                   news: str | None = None, person: Person | None = None,
                   templates: Mapping[str, str] | None = None) -> list[Note]:
    """Draft from the record, check each, and save them (see services.drafting;
    `templates`: the drafter's templates to use instead of the shipped ones)."""
    from afterword.services.drafting import draft_for_record

    return [d.note for d in draft_for_record(session, app, settings, now=now, kind=kind,
                                             medium=medium, news=news, person=person,
                                             templates=templates)]


def note_context(app: Application, note: Note, settings: Settings,
                 now: datetime, *, planned: datetime | None = None) -> dict[str, Any]:
    """The check context of a stored note: its addressee, kind, medium, subject, send time
    (when it went; else its `planned` time, when scheduled; else now), in the user's zone."""
    from afterword.services.clock import user_zone

    person = next((p for p in app.people if p.id == note.person_id), None)
    send_at = note.sent_at or planned or max(now, _earliest_send(app, now))
    # On the user's clock: the check states its times (the window, the first hour) in it.
    ctx = context_for(app, person=person, kind=note.kind, medium=note.medium,
                      send_at=send_at.astimezone(user_zone()),
                      candidate=candidate_of(settings))
    if note.medium == "email":
        ctx["subject"] = note.subject
    return ctx


def check_saved(session: Session, note: Note, settings: Settings, *, now: datetime) -> Any:
    """Check a stored note against its application's record (and keep the report)."""
    from afterword.services.checking import check

    app = repo.get_application(session, note.application_id)
    report = check(note.body, note_context(app, note, settings, now), settings=settings)
    note.report = report.to_dict()
    return report


def _earliest_send(app: Application, now: datetime) -> datetime:
    interview = latest_interview(app)
    return interview.end + timedelta(hours=1, minutes=1) if interview else now
