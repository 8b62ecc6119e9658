"""Deleting an application and everything under it: interviews, people and their moments,
notes, planned follow-ups, scheduled sends and dismissals.

Deleting cannot be undone, so the interfaces first show `describe`'s summary, suggest a
backup (`BACKUP_HINT`) and ask. A note being sent at this very moment blocks the deletion:
its outcome must be recorded first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from afterword.store import repo

BACKUP_HINT = "afterword export -o afterword-backup.json"


class DeletionRefused(ValueError):
    """The application cannot be deleted now; the message says why."""


@dataclass(frozen=True)
class Deletion:
    """What deleting one application removes (or removed)."""

    application_id: int
    company: str
    role: str
    interviews: int
    people: int
    moments: int
    notes: int
    follow_ups: int

    @property
    def text(self) -> str:
        """One line: the application and what goes with it."""
        counts = [(self.interviews, "interview"), (self.people, "person"),
                  (self.moments, "moment"), (self.notes, "note"),
                  (self.follow_ups, "planned follow-up")]
        parts = [f"{n} {_plural(word, n)}" for n, word in counts if n]
        what = f"{self.company}" + (f", {self.role}" if self.role else "")
        return f"application {self.application_id} ({what})" + (
            f" with {', '.join(parts)}" if parts else "")


def _plural(word: str, count: int) -> str:
    if count == 1:
        return word
    return "people" if word == "person" else f"{word}s"


def describe(session: Session, app_id: int) -> Deletion:
    """What deleting application `app_id` would remove (NotFound when there is none)."""
    app = repo.get_application(session, app_id)
    return Deletion(app.id, app.company, app.role, len(app.interviews), len(app.people),
                    sum(len(p.moments) for p in app.people), len(app.notes),
                    len(app.follow_ups))


def delete_application(session: Session, app_id: int) -> Deletion:
    """Delete application `app_id` and everything under it; what was removed."""
    summary = describe(session, app_id)
    app = repo.get_application(session, app_id)
    sending = [n.id for n in app.notes if n.status == "sending"]
    if sending:
        raise DeletionRefused(f"note {sending[0]} of application {app_id} is being sent right "
                              "now; delete the application once it is sent or failed")
    session.delete(app)  # the ORM cascades; scheduled sends and dismissals cascade in SQL
    session.flush()
    return summary
