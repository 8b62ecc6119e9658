"""afterword's vocabulary: every word it stores, accepts or prints, in one place.

Each is a `StrEnum` whose values are the strings stored in the database and printed in
the JSON contracts, so a member compares (and serialises) equal to its string:
`Kind.THANK_YOU == "thank_you"`. The model, the store, the CLI's typed options (so
`--help` lists the choices) and the JSON schemas (`schemas.py`, `web/schemas.py`) all use
these.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ARRANGING_ROLES",
    "CLOSED_STATUSES",
    "SENT_STATES",
    "THANKED_ROLES",
    "ApplicationStatus",
    "Dialect",
    "InterviewFormat",
    "Kind",
    "Medium",
    "NoteState",
    "PersonRole",
    "choices",
]


class Kind(StrEnum):
    """What a note is for."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    REQUEST_EMAIL = "request_email"
    AFTER_REJECTION = "after_rejection"


class Medium(StrEnum):
    """How a note reaches its reader."""

    EMAIL = "email"
    HANDWRITTEN = "handwritten"


class Dialect(StrEnum):
    """The spelling variant of English a note is written in."""

    AMERICAN = "american"
    BRITISH = "british"


class ApplicationStatus(StrEnum):
    """Where an application stands; every status but `active` stops the follow-ups."""

    ACTIVE = "active"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class PersonRole(StrEnum):
    """What a person is to the application."""

    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    SCHEDULER = "scheduler"
    COORDINATOR = "coordinator"
    CONTACT = "contact"


class NoteState(StrEnum):
    """Where a note is in its life: draft → approved → (scheduled →) sending → sent."""

    DRAFT = "draft"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    UNCERTAIN = "uncertain"
    FAILED = "failed"
    MAILED = "mailed"


class InterviewFormat(StrEnum):
    """Where an interview took place."""

    ONSITE = "onsite"
    VIDEO = "video"
    PHONE = "phone"


# Who gets a thank-you of their own: the people met in the interview.
class AccountRole(StrEnum):
    """What a signed-in person is in server mode: they run the centre, coach, or are coached."""

    ADMIN = "admin"
    COACH = "coach"
    CANDIDATE = "candidate"


class ReviewState(StrEnum):
    """A review request: asked, answered by the coach, or closed by the candidate."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


THANKED_ROLES = frozenset({PersonRole.INTERVIEWER, PersonRole.HIRING_MANAGER})
# Who arranges the interviews (asked for an interviewer's address, written check-ins).
ARRANGING_ROLES = frozenset({PersonRole.SCHEDULER, PersonRole.RECRUITER, PersonRole.COORDINATOR})
CLOSED_STATUSES = frozenset(s for s in ApplicationStatus if s is not ApplicationStatus.ACTIVE)
# A note in one of these states may have reached its reader (a follow-up counts from it).
SENT_STATES = frozenset({NoteState.SENT, NoteState.MAILED, NoteState.UNCERTAIN})


def choices(vocabulary: type[StrEnum]) -> str:
    """The values of a vocabulary, for a one-line error: "a, b or c"."""
    values = [str(v) for v in vocabulary]
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"
