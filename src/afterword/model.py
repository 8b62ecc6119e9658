"""The interview a note follows: people, dates and what was said, as plain frozen data.

This is the context schema of docs/check-contract.md. Every key is optional;
unknown keys are kept aside and reported as warnings, never as errors.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from afterword.limits import LimitError, check_date, check_structure
from afterword.vocab import Dialect, Kind, Medium

__all__ = ["Candidate", "Context", "ContextError", "Dialect", "Interview", "Kind", "Medium",
           "Person", "PreviousNote", "parse_context", "unknown_keys"]


class ContextError(ValueError):
    """The context is malformed; the message names the key."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=False)


class Person(_Frozen):
    """Someone the writer met or wrote to: an interviewer or the scheduler."""

    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    honorific: str | None = None
    email: str | None = None
    title: str | None = None
    mailing_address: str | None = None
    first_name_terms: bool = False
    moments: tuple[str, ...] = ()
    role: str | None = None  # interviewer, hiring_manager, recruiter, … (who to check in with)

    @field_validator("moments", mode="before")
    @classmethod
    def _moments_list(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return value


class Candidate(_Frozen):
    """The writer of the note."""

    name: str | None = None
    email: str | None = None
    strengths: str | None = None  # "what I bring", as the user recorded it: the only claim
    # about the writer a draft may make


class Interview(_Frozen):
    """When the interview took place (aware datetimes; naive ones are read as UTC)."""

    start: datetime | None = None
    end: datetime | None = None

    @field_validator("start", "end")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return _aware(value)


class PreviousNote(_Frozen):
    """A note already written in this application (to this or another person)."""

    recipient: str | None = None
    text: str = ""
    sent_at: datetime | None = None
    kind: Kind | None = None

    @field_validator("sent_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return _aware(value)


class Context(_Frozen):
    """Everything the checker may know about the interview a note follows."""

    kind: Kind = Kind.THANK_YOU
    medium: Medium = Medium.EMAIL
    candidate: Candidate = Field(default_factory=Candidate)
    company: str | None = None
    company_aliases: tuple[str, ...] = ()
    role: str | None = None
    industry: str | None = None
    interview: Interview = Field(default_factory=Interview)
    interviewers: tuple[Person, ...] = ()
    recipient: str | None = None
    to: tuple[str, ...] | None = None
    cc: tuple[str, ...] | None = None
    bcc: tuple[str, ...] | None = None
    scheduler: Person | None = None
    expected_reply_by: date | None = None
    send_at: datetime | None = None
    other_companies: tuple[str, ...] = ()
    other_roles: tuple[str, ...] = ()
    previous_notes: tuple[PreviousNote, ...] = ()
    subject: str | None = None
    drop_off: bool = False
    dialect: Dialect | None = None
    contact: str | None = None  # who gave the timeline (email or name): check-ins go to them

    @field_validator(
        "company_aliases", "other_companies", "other_roles", "interviewers", "previous_notes",
        mode="before",
    )
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @field_validator("to", "cc", "bcc", mode="before")
    @classmethod
    def _address_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("send_at")
    @classmethod
    def _aware_send(cls, value: datetime | None) -> datetime | None:
        return _aware(value)

    @field_validator("expected_reply_by")
    @classmethod
    def _sane_day(cls, value: date | None) -> date | None:
        return None if value is None else check_date(value, "the date")

    @field_validator("dialect", mode="before")
    @classmethod
    def _dialect(cls, value: Any) -> Any:
        if isinstance(value, str):
            lowered = value.strip().lower()
            return {"us": "american", "en-us": "american", "uk": "british", "en-gb": "british",
                    "gb": "british"}.get(lowered, lowered)
        return value

    @property
    def addressee(self) -> Person | None:
        """The person this note is for: the scheduler for a request_email, else `recipient`."""
        if self.kind == "request_email":
            return self.scheduler
        return self.find_person(self.recipient) if self.recipient else (
            self.interviewers[0] if len(self.interviewers) == 1 else None
        )

    def find_person(self, key: str | None) -> Person | None:
        """The interviewer (or scheduler) whose email or name is `key`."""
        if not key:
            return None
        wanted = key.strip().casefold()
        people = [*self.interviewers, *([self.scheduler] if self.scheduler else [])]
        for person in people:
            if person.email and person.email.strip().casefold() == wanted:
                return person
        for person in people:
            if person.name and person.name.strip().casefold() == wanted:
                return person
        return None

    @property
    def people(self) -> tuple[Person, ...]:
        """Every person on record: interviewers, then the scheduler."""
        return (*self.interviewers, *((self.scheduler,) if self.scheduler else ()))


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return None if value is None else check_date(value, "the date")


def parse_context(data: Context | dict[str, Any] | None) -> tuple[Context, list[str]]:
    """Validate a context mapping; returns it with warnings for unknown keys.

    Raises ContextError naming the first bad key.
    """
    if data is None:
        return Context(), []
    if isinstance(data, Context):
        return data, []
    if not isinstance(data, dict):
        raise ContextError(f"context must be an object, not {type(data).__name__}")
    try:
        check_structure(data, "the context")
    except LimitError as exc:
        raise ContextError(str(exc)) from None
    try:
        context = Context.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _location(first["loc"]) or "context"
        raise ContextError(f"context key '{where}': {first['msg']}") from None
    return context, unknown_keys(data, Context)


def unknown_keys(data: dict[str, Any], model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted paths of the keys in `data` that `model`'s schema does not know, at any depth."""
    found: list[str] = []
    fields, nested = _schema(model)
    for key, value in data.items():
        if key not in fields:
            found.append(f"{prefix}{key}")
            continue
        inner = nested.get(key)
        if inner is None:
            continue
        if isinstance(value, dict):
            found += unknown_keys(value, inner, f"{prefix}{key}.")
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    found += unknown_keys(item, inner, f"{prefix}{key}[{index}].")
    return found


@lru_cache(maxsize=32)
def _schema(model: type[BaseModel]) -> tuple[frozenset[str], dict[str, type[BaseModel]]]:
    """A model's field names, and for fields holding models, the model of their values."""
    nested: dict[str, type[BaseModel]] = {}
    for name, info in model.model_fields.items():
        for candidate in (info.annotation, *get_args(info.annotation)):
            for inner in (candidate, *get_args(candidate)):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    nested[name] = inner
    return frozenset(model.model_fields), nested


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
