"""What an invite says, as typed records: the invite, and each person on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\\[nNrRtT]")


def one_line(text: str, limit: int) -> str:
    """Text as one line of at most `limit` characters (control characters gone)."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class InviteError(ValueError):
    """An invite that cannot be used; the message is always one short line."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message, 200))


@dataclass(frozen=True)
class Attendee:
    """Someone on the invite: an ORGANIZER/ATTENDEE line, or a person its description names.

    `role` and `cutype` are the iCalendar parameters as sent; `kind` is afterword's reading of
    all the evidence (interviewer, hiring_manager, recruiter, scheduler, coordinator).
    """

    name: str | None
    email: str | None
    role: str | None  # CHAIR / REQ-PARTICIPANT / OPT-PARTICIPANT / NON-PARTICIPANT
    cutype: str | None  # INDIVIDUAL / GROUP / RESOURCE / ROOM / UNKNOWN
    organizer: bool
    title: str | None = None
    kind: str = "interviewer"
    source: str = "attendee"  # attendee | organizer | description


@dataclass(frozen=True)
class Invite:
    """One interview event of an .ics file."""

    uid: str
    sequence: int
    method: str | None
    cancelled: bool
    summary: str
    description: str
    location: str
    start: datetime
    end: datetime
    timezone: str
    organizer: Attendee | None
    people: tuple[Attendee, ...]
    format: str
    video_url: str | None
    company: str | None
    role: str | None
    candidate: Attendee | None = None  # who seems to be the user, when no address said so

    def interviewers(self) -> tuple[Attendee, ...]:
        """The people a thank-you goes to."""
        return tuple(p for p in self.people if p.kind in {"interviewer", "hiring_manager"})
