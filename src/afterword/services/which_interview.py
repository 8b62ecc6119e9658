"""Which interview is this text about? Inferred from the greeting, names and company in it.

Text checked inside another program (a mail client through the LanguageTool endpoint)
carries no headers and no note id. The greeting names the addressee ("Dear Dr. Raman,"),
the body may name the company or other panelists. Each of the user's active applications,
most recent first, is scored on that evidence; one that clearly wins is the interview the
whole catalogue checks against, with the greeted person as addressee. Otherwise there is
no interview, and the caller gets every known name so that the spelling check never
"corrects" a person the user has met.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.etiquette.text.names import closest_form, fold, split_honorific, strip_accents
from afterword.etiquette.text.note import Note, parse_note
from afterword.model import Person as NamedPerson
from afterword.services.tracker import candidate_of, context_for, latest_interview
from afterword.store import repo
from afterword.store.tables import Application, Person
from afterword.vocab import THANKED_ROLES

# Evidence weights: a greeting that names someone of the application is the strongest;
# the company named comes next; another of its people or its role named helps.
_GREETING, _COMPANY, _PERSON, _ROLE = 4.0, 2.0, 1.0, 0.5
_NAME_SIMILARITY = 80.0  # how alike a greeting name must be to a recorded one (0-100)
_CONFIDENT = 2.0  # the least evidence that names an interview
_MARGIN = 1.0  # how far ahead of the runner-up it must be
# A client re-sends the text on every pause: the applications are read from the database
# at most this often (an edit in the app shows in the checks within this many seconds).
DIRECTORY_SECONDS = 2.0


@dataclass(frozen=True)
class Guess:
    """The interview a text is about, or none, and what the user should be told."""

    application_id: int | None
    person_id: int | None
    context: dict[str, Any] | None
    known_names: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class _Who:
    id: int
    name: str
    named: NamedPerson
    role: str


@dataclass(frozen=True)
class _App:
    """What inference needs of one active application, read once (plain data)."""

    id: int
    company: str
    aliases: tuple[str, ...]
    role: str
    people: tuple[_Who, ...]
    contexts: dict[int | None, dict[str, Any]]  # per addressee (None: nobody greeted)


@dataclass(frozen=True)
class _Score:
    app: _App
    person: _Who | None
    points: float
    evidence: tuple[str, ...]


_directories: dict[tuple[str, str], tuple[float, list[_App]]] = {}
_lock = threading.Lock()


def guess(session: Session, text: str, settings: Settings, *, now: datetime,
          dialect: str | None = None, account: str = "local") -> Guess:
    """The interview `text` is most likely about among the active applications."""
    apps = _directory(session, account)
    known = _known_names(apps)
    note = parse_note(text)
    scores = [_score(app, note) for app in apps]
    ranked = sorted(scores, key=lambda s: s.points, reverse=True)  # stable: recency on ties
    if not ranked or ranked[0].points < _CONFIDENT or _rival(ranked):
        return Guess(None, None, None, known, _nothing(ranked))
    best = ranked[0]
    person = best.person or _sole_interviewer(best.app)
    context = dict(best.app.contexts[person.id if person else None])
    context["send_at"] = now.isoformat()
    candidate = candidate_of(settings)
    if candidate:
        context["candidate"] = candidate
    if dialect:
        context["dialect"] = dialect
    return Guess(best.app.id, person.id if person else None, context, known,
                 _assumed(best, person, context["kind"]))


def _rival(ranked: list[_Score]) -> bool:
    """Whether the runner-up, at another employer, fits about as well (a second round or
    another role at the same employer is settled by recency: the most recent wins)."""
    return len(ranked) > 1 and ranked[0].points - ranked[1].points < _MARGIN and (
        fold(ranked[0].app.company) != fold(ranked[1].app.company))


def _directory(session: Session, account: str) -> list[_App]:
    """The active applications, most recent first, as of at most DIRECTORY_SECONDS ago."""
    key = (str(session.get_bind().engine.url), account)
    with _lock:
        kept = _directories.get(key)
    if kept is not None and time.monotonic() - kept[0] < DIRECTORY_SECONDS:
        return kept[1]
    rows = sorted(repo.list_applications(session, include_closed=False), key=_recency,
                  reverse=True)
    apps = [_read(app, rows) for app in rows]
    with _lock:
        _directories[key] = (time.monotonic(), apps)
    return apps


def _read(app: Application, rows: list[Application]) -> _App:
    people = tuple(_Who(p.id, p.name, NamedPerson(name=p.name, given_name=p.given_name,
                                                  family_name=p.family_name), p.role)
                   for p in app.people)
    addressees: list[Person | None] = [None, *app.people]
    contexts = {}
    for person in addressees:
        context = context_for(app, person=person, kind=_kind(app, person))
        _add_others(context, app, rows)
        contexts[person.id if person else None] = context
    return _App(app.id, app.company, tuple(app.aliases), app.role, people, contexts)


def _add_others(context: dict[str, Any], app: Application, apps: list[Application]) -> None:
    """The user's other applications' employers and roles: a copy-paste from one of them
    is a wrong company (AW105) or role (AW106), never a spelling mistake."""
    others = [a for a in apps if a.id != app.id]
    context["other_companies"] = list(dict.fromkeys(
        [*context.get("other_companies", []), *(a.company for a in others
                                                 if fold(a.company) != fold(app.company))]))
    context["other_roles"] = list(dict.fromkeys(
        [*context.get("other_roles", []), *(a.role for a in others
                                             if a.role and fold(a.role) != fold(app.role))]))


def _recency(app: Application) -> datetime:
    interview = latest_interview(app)
    moments = [app.updated_at] + ([interview.start] if interview else [])
    return max(moments)


def _score(app: _App, note: Note) -> _Score:
    greeted = note.text(note.greeting_name).strip()
    greeted = greeted[split_honorific(greeted)[1] :].strip()
    points, evidence, addressee = 0.0, [], None
    if greeted:
        addressee, similarity = _greeted(app, greeted)
        if addressee is not None:
            points += _GREETING * similarity / 100
            evidence.append(f"the greeting names {addressee.name}")
    folded = fold(strip_accents(note.body))
    if any(_mentions(folded, name) for name in (app.company, *app.aliases) if name):
        points += _COMPANY
        evidence.append(f"the note names {app.company}")
    others = [p for p in app.people if p is not addressee and _mentions(folded, p.name)]
    if others:
        points += _PERSON
        evidence.append(f"it mentions {others[0].name}")
    if app.role and _mentions(folded, app.role):
        points += _ROLE
    return _Score(app, addressee, points, tuple(evidence))


def _greeted(app: _App, greeted: str) -> tuple[_Who | None, float]:
    best: tuple[_Who | None, float] = (None, 0.0)
    for person in app.people:
        found = closest_form(greeted, person.named)
        if found is not None and found[1] >= _NAME_SIMILARITY and found[1] > best[1]:
            best = (person, found[1])
    return best


def _mentions(folded_text: str, name: str) -> bool:
    wanted = fold(strip_accents(name)).strip()
    if len(wanted) < 3:
        return False
    return re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", folded_text) is not None


def _sole_interviewer(app: _App) -> _Who | None:
    interviewers = [p for p in app.people if p.role in THANKED_ROLES]
    return interviewers[0] if len(interviewers) == 1 else None


def _kind(app: Application, person: Person | None) -> str:
    """A check-in once a thank-you to this person has gone out, else a thank-you."""
    sent = [n for n in app.notes if n.status in {"sent", "mailed"} and n.kind == "thank_you"
            and (person is None or n.person_id == person.id)]
    return "check_in" if sent else "thank_you"


def _known_names(apps: list[_App]) -> tuple[str, ...]:
    names: list[str] = []
    for app in apps:
        names += [app.company, *app.aliases, *(p.name for p in app.people)]
    return tuple(dict.fromkeys(n for n in names if n))


def _assumed(best: _Score, person: _Who | None, kind: str) -> str:
    who = f" to {person.name}" if person else ""
    what = "check-in" if kind == "check_in" else "thank-you"
    because = " and ".join(best.evidence) or "the text"
    return (f"afterword checked this as your {what}{who} about the {best.app.role} "
            f"interview at {best.app.company} ({because}).")


def _nothing(ranked: list[_Score]) -> str:
    if len(ranked) > 1 and ranked[0].points >= _CONFIDENT:
        return ("afterword could not tell which of your interviews this is about (it fits "
                f"{ranked[0].app.company} and {ranked[1].app.company}): it checked spelling "
                "and grammar only. Greet the interviewer by name to check it against the "
                "interview.")
    return ("afterword found no interview of yours this is about: it checked spelling and "
            "grammar, with the names you know. Greet the interviewer by name, or name the "
            "company, to check it against the interview.")
