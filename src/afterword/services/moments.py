"""Moments: what the user talked about with one person, recalled in the note to them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from afterword.services.names import fold
from afterword.store import repo
from afterword.store.repo import Invalid, NotFound
from afterword.store.tables import Moment, Person

__all__ = ["add_moment", "find_moment", "remove_moment"]

MAX_MOMENT = 500


def add_moment(session: Session, person: Person, text: str) -> Moment:
    """Record something discussed with `person` (the same moment twice is kept once)."""
    clean = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if not clean:
        raise Invalid("the moment is empty")
    if len(clean) > MAX_MOMENT:
        raise Invalid(f"a moment is a phrase, not over {MAX_MOMENT} characters")
    same = next((m for m in person.moments if fold(m.text) == fold(clean)), None)
    return same or repo.add_moment(session, person, clean)


def remove_moment(session: Session, moment_id: int, *, person: Person | None = None) -> Person:
    """Forget a moment (of `person`, when given); returns whose it was."""
    moment = session.get(Moment, moment_id)
    if moment is None or (person is not None and moment.person_id != person.id):
        raise NotFound(f"no moment {moment_id}" + (f" of {person.name}" if person else ""))
    owner = moment.person
    session.delete(moment)
    session.flush()
    session.expire(owner, ["moments"])
    return owner


def find_moment(person: Person, which: str) -> Moment:
    """One of `person`'s moments by its 1-based number or its text (case and accents ignored)."""
    typed = which.strip()
    if typed.isdigit() and 1 <= int(typed) <= len(person.moments):
        return person.moments[int(typed) - 1]
    found = next((m for m in person.moments if fold(m.text) == fold(typed)), None)
    if found is None:
        listed = "; ".join(f"{i}: {m.text}" for i, m in enumerate(person.moments, 1))
        raise NotFound(f"{person.name} has no moment '{typed[:60]}' ({listed or 'none yet'})")
    return found
