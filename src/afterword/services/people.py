"""People of an application: add, update, merge, remove, and find them by what users type.

One use case per function, each taking the session; every interface (CLI, web pages, JSON
API) calls these and only translates. Bad input raises `Invalid` (or `NotFound` /
`Ambiguous`) with a one-line message, before anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import update
from sqlalchemy.orm import Session

from afterword.services.names import fold, parse_name
from afterword.store import repo
from afterword.store.repo import Invalid, NotFound
from afterword.store.tables import Application, Note, Person
from afterword.vocab import PersonRole, choices

__all__ = [
    "Ambiguous",
    "PersonChanges",
    "add_person",
    "find_person",
    "get_person",
    "merge_people",
    "normalise_email",
    "parse_person",
    "remove_person",
    "update_person",
]

MAX_NAME = 300


class Ambiguous(NotFound):
    """More than one person matches what was typed; the message lists them."""


@dataclass(frozen=True)
class PersonChanges:
    """What to set on a person; None leaves a field as it is, "" clears a text field."""

    name: str | None = None
    email: str | None = None
    role: str | None = None
    honorific: str | None = None
    title: str | None = None
    mailing_address: str | None = None
    spelling_confirmed: bool | None = None
    first_name_terms: bool | None = None


def normalise_email(text: str | None) -> str | None:
    """A valid address, normalised and lower-cased; None for blank; Invalid otherwise."""
    if text is None or not text.strip():
        return None
    typed = " ".join(text.split())
    try:
        valid = validate_email(typed, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(f"'{typed[:80]}' is not an email address: {exc}") from None
    return valid.normalized.lower()


def parse_person(text: str) -> tuple[str, str | None]:
    """'Name <email>' (or just a name, or just an address) → (name, email or None)."""
    if "@" not in text:
        return " ".join(text.split()), None
    name, address = parseaddr(" ".join(text.split()))
    email = normalise_email(address or text)
    assert email is not None
    return (name or email.partition("@")[0]).strip(), email


def _role(role: str) -> PersonRole:
    try:
        return PersonRole(role.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        raise Invalid(f"a person's role is {choices(PersonRole)}, not '{role}'") from None


def _text(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value is not None else None


def _name_fields(typed: str, honorific: str | None) -> dict[str, str | None]:
    parsed = parse_name(typed)
    if not parsed.name:
        raise Invalid("the person's name is empty")
    if len(parsed.name) > MAX_NAME:
        raise Invalid(f"the person's name is over {MAX_NAME} characters")
    return {"name": parsed.name, "suffix": parsed.suffix, "given_name": parsed.given_name,
            "family_name": parsed.family_name,
            "honorific": _text(honorific) or parsed.honorific}


def add_person(session: Session, app: Application, *, name: str, email: str | None = None,
               role: str = PersonRole.INTERVIEWER, honorific: str | None = None,
               title: str | None = None, mailing_address: str | None = None,
               spelling_confirmed: bool = False, first_name_terms: bool = False) -> Person:
    """Someone met at `app`'s employer; the honorific or suffix typed with the name is parsed."""
    parts = _name_fields(name, honorific)
    address = normalise_email(email)
    if address and any(p.email == address for p in app.people):
        raise Invalid(f"{address} is already on application {app.id}")
    return repo.add_person(session, app, role=_role(role), email=address, title=_text(title),
                           mailing_address=(mailing_address or "").strip() or None,
                           spelling_confirmed=spelling_confirmed,
                           first_name_terms=first_name_terms, **parts)  # type: ignore[arg-type]


def update_person(session: Session, person: Person, changes: PersonChanges) -> Person:
    """Correct or complete what is known about a person (all checked before any is set)."""
    values: dict[str, object] = {}
    if changes.name is not None:
        values.update(_name_fields(changes.name, changes.honorific or person.honorific))
    if changes.email is not None:
        values["email"] = normalise_email(changes.email)
        if values["email"] and any(p.email == values["email"] and p.id != person.id
                                   for p in person.application.people):
            raise Invalid(f"{values['email']} is already someone else's on this application")
    if changes.role is not None:
        values["role"] = _role(changes.role)
    for field in ("honorific", "title"):
        if getattr(changes, field) is not None:
            values[field] = _text(getattr(changes, field))
    if changes.mailing_address is not None:
        values["mailing_address"] = changes.mailing_address.strip() or None
    for flag in ("spelling_confirmed", "first_name_terms"):
        if getattr(changes, flag) is not None:
            values[flag] = bool(getattr(changes, flag))
    for key, value in values.items():
        setattr(person, key, value)
    session.flush()
    return person


_KEPT = ("email", "given_name", "family_name", "honorific", "suffix", "title",
         "mailing_address")


def merge_people(session: Session, source: Person, into: Person) -> Person:
    """One person from two: `source`'s moments and notes move to `into`, gaps are filled."""
    if source.id == into.id:
        raise Invalid(f"{source.name} cannot be merged into themselves")
    if source.application_id != into.application_id:
        raise Invalid("only people of the same application can be merged")
    for key in _KEPT:
        if not getattr(into, key) and getattr(source, key):
            setattr(into, key, getattr(source, key))
    into.spelling_confirmed = into.spelling_confirmed or source.spelling_confirmed
    into.first_name_terms = into.first_name_terms or source.first_name_terms
    known = {fold(m.text) for m in into.moments}
    for moment in list(source.moments):
        if fold(moment.text) not in known:
            repo.add_moment(session, into, moment.text)
    session.execute(update(Note).where(Note.person_id == source.id).values(person_id=into.id))
    session.delete(source)
    session.flush()
    session.expire(into.application, ["people", "notes"])
    return into


def remove_person(session: Session, person: Person) -> None:
    """Forget a person and their moments; notes written to them stay, addressed to no one."""
    session.execute(update(Note).where(Note.person_id == person.id).values(person_id=None))
    application = person.application
    session.delete(person)
    session.flush()
    session.expire(application, ["people", "notes"])


def get_person(session: Session, person_id: int) -> Person:
    """The person with this id."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person {person_id}")
    return person


def _label(person: Person) -> str:
    return f"{person.id}: {person.name}" + (f" <{person.email}>" if person.email else "")


def _keys(person: Person) -> set[str]:
    parsed = parse_name(person.name)
    tokens = parsed.name.split()
    keys = {fold(person.name), fold(parsed.name), fold(person.email or "")}
    if tokens:
        keys |= {fold(person.given_name or tokens[0]), fold(person.family_name or tokens[-1])}
    if person.honorific and tokens:
        keys.add(fold(f"{person.honorific} {person.family_name or tokens[-1]}"))
    keys.discard("")
    return keys


def find_person(app: Application, ref: str) -> Person:
    """A person of `app` by id, email, full, given or family name (case and accents ignored)."""
    typed = " ".join(ref.split())
    if typed.isdigit():
        by_id = [p for p in app.people if p.id == int(typed)]
        if by_id:
            return by_id[0]
    wanted = fold(parse_name(typed).name or typed)
    exact = [p for p in app.people if wanted in {fold(p.name), fold(p.email or "")}]
    matches = exact or [p for p in app.people if wanted in _keys(p) or fold(typed) in _keys(p)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(_label(p) for p in matches)
        raise Ambiguous(f"'{typed}' matches {len(matches)} people in application {app.id} "
                        f"({listed}): give the id or the email")
    listed = "; ".join(_label(p) for p in app.people) or "nobody yet"
    raise NotFound(f"no one called '{typed}' in application {app.id} ({listed})")

