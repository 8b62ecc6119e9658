"""Drafting from the record: one call per panel (so no two panelists share a sentence),
one check-in to one person, and stored drafts whose time words are kept right.

The drafter is pure; this module reads the application, passes `now` and the one policy
object, checks each draft and stores it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.store import repo
from afterword.store.tables import Application, Note, Person
from afterword.vocab import THANKED_ROLES


@dataclass(frozen=True)
class Drafted:
    """A stored draft and what the drafter said about it (shown by the CLI and the web)."""

    note: Note
    remarks: tuple[str, ...]
    hint: str | None


def _people_for(app: Application, drafts: Sequence[Any]) -> list[Person | None]:
    """The stored person each draft is addressed to (by email, else by name)."""
    out: list[Person | None] = []
    for made in drafts:
        key = (made.email or made.name or "").casefold()
        out.append(next((p for p in app.people if key and key in {
            (p.email or "").casefold(), (p.name or "").casefold()}), None))
    return out


def _written(app: Application, kind: str, person: Person | None) -> tuple[str, ...]:
    """Notes of this kind already written to someone else: a new draft shares no sentence
    with them (a panel drafted one person at a time still reads differently)."""
    return tuple(n.body for n in app.notes if n.kind == kind and n.person_id is not None
                 and ((person is None and n.status in {"sent", "mailed"})
                      or (person is not None and n.person_id != person.id)))


def draft_for_record(session: Session, app: Application, settings: Settings, *,
                     now: datetime, kind: str | None = None, medium: str | None = None,
                     news: str | None = None, person: Person | None = None,
                     to: Sequence[str] = (),
                     templates: Mapping[str, str] | None = None) -> list[Drafted]:
    """Draft from the record, check each draft, and save them as drafts (`templates`:
    the drafter's templates to use instead of the shipped ones, e.g. a centre's shared one).

    A thank-you goes to each interviewer (drafted together, so each reads differently);
    a check-in or a rejection reply to one person (the contact, else the recruiter or
    scheduler, else the hiring manager) unless `person` or `to` says otherwise.
    """
    from afterword.compose import Options, draft
    from afterword.services.checking import check
    from afterword.services.tracker import candidate_of, context_for

    wanted = kind or "thank_you"
    if wanted == "request_email" and person is None:
        person = next((p for p in app.people if p.role in THANKED_ROLES and not p.email), None)
    ctx = context_for(app, person=person, kind=wanted, medium=medium or "email",
                      candidate=candidate_of(settings))
    options = Options(kind=kind, medium=medium, news=news,  # type: ignore[arg-type]
                      dialect=settings.dialect, country=settings.holidays_country, now=now,
                      panel_single_note=settings.panel_single_note, to=tuple(to),
                      thresholds=settings.thresholds, avoid=_written(app, wanted, person),
                      templates=dict(templates or {}))
    made = draft(ctx, options)
    out: list[Drafted] = []
    for drafted, addressee in zip(made, _people_for(app, made), strict=True):
        one = signed(drafted, settings)
        own = context_for(app, person=addressee, kind=one.kind, medium=one.medium,
                          candidate=candidate_of(settings), send_at=one.send_at or now)
        report = check(one.note, own, settings=settings)
        note = repo.save_note(session, app, person=addressee, body=one.body,
                              subject=one.subject or "", kind=one.kind, medium=one.medium,
                              report=report.to_dict(), now=now)
        out.append(Drafted(note, one.remarks, one.hint))
    return out


def signature_lines(settings: Settings) -> str:
    """The user's signature lines that go under their name (a first line that is only
    their name is already the sign-off's)."""
    lines = [line.rstrip() for line in (settings.signature or "").strip().splitlines()]
    name = (settings.user_name or "").strip().casefold()
    if lines and name and lines[0].strip().casefold() == name:
        lines = lines[1:]
    return "\n".join(lines).strip()


def signed(one: Any, settings: Settings) -> Any:
    """An email draft with the user's signature lines under the name; cards stay as they
    are (a hand does not copy a web address)."""
    extra = signature_lines(settings)
    if not extra or one.medium != "email":
        return one
    return replace(one, body=f"{one.body.rstrip()}\n{extra}\n")


def fresh_text(app: Application, note: Note, settings: Settings, *,
               send_at: datetime) -> str:
    """The note's body with its time words made right for `send_at` (pure read)."""
    from afterword.compose.timewords import refresh
    from afterword.model import parse_context
    from afterword.services.tracker import context_for

    ctx, _ = parse_context(context_for(app, kind=note.kind, medium=note.medium))
    dialect = ctx.dialect or settings.dialect
    return refresh(note.body, ctx, send_at, dialect, handwritten=note.medium == "handwritten")


def refresh_time_words(session: Session, note: Note, settings: Settings, *,
                       now: datetime) -> bool:
    """Make a stored draft's time words right for when it will go (its scheduled time, else
    now); True when the text changed. Only unsent drafts are touched: a POST or CLI step."""
    if note.status not in {"draft", "approved", "scheduled"}:
        return False
    from afterword.services.schedule import scheduled_for

    app = repo.get_application(session, note.application_id)
    when = scheduled_for(session, note.id) or now
    text = fresh_text(app, note, settings, send_at=when)
    if text == note.body:
        return False
    note.body = text
    session.flush()
    return True


def notices(app: Application, note: Note, settings: Settings, *, now: datetime,
            scheduled: datetime | None = None) -> list[str]:
    """What to tell the user about a stored draft: the honorific hint, stale time words."""
    from afterword.compose.greeting import honorific_hint
    from afterword.model import Person as ContextPerson
    from afterword.model import parse_context
    from afterword.services.tracker import context_for

    out: list[str] = []
    ctx, _ = parse_context(context_for(app, kind=note.kind, medium=note.medium))
    person = note.person
    if person is not None:
        hint = honorific_hint(ctx, ContextPerson(
            name=person.name, given_name=person.given_name, honorific=person.honorific,
            first_name_terms=person.first_name_terms, title=person.title))
        if hint:
            out.append(hint)
    if note.status in {"draft", "approved", "scheduled"} and fresh_text(
            app, note, settings, send_at=scheduled or now) != note.body:
        out.append("the time words ('this afternoon', 'yesterday', a weekday) are out of "
                   "date for when this note will go: refresh them")
    return out
