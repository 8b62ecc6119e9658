"""The admin's audit log: the organisation's entries, newest first, with the people named
(an account deleted since shows as its number), filtered by kind of action, page by page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.accounts import AuditEntry, User
from afterword.store.repo import Invalid

PAGE = 100
# what the page can filter by: the first word of an action ("review" → review.comment …)
KINDS = ("sign_in", "sign_out", "invite", "password", "api_token", "role", "coach", "cohort",
         "account", "send", "review", "template", "house_style", "export", "key")


@dataclass(frozen=True)
class AuditRow:
    """One entry as the page shows it."""

    id: int
    at: datetime
    action: str
    actor: str
    subject: str
    detail: dict[str, Any]
    ip: str


@dataclass(frozen=True)
class AuditPage:
    """A page of entries, and where the next (older) page starts."""

    rows: list[AuditRow]
    older: int | None


def _who(names: dict[int, str], user_id: int | None) -> str:
    if user_id is None:
        return "the system"
    return names.get(user_id, f"account {user_id} (deleted or elsewhere)")


def audit_page(session: Session, *, kind: str = "", before: int | None = None,
               limit: int = PAGE) -> AuditPage:
    """The entries the session's scope may read (an admin: the organisation's), newest
    first; `kind` one of KINDS (or "" for all), `before` an entry id to page from."""
    if kind and kind not in KINDS:
        raise Invalid(f"kind: '{kind[:30]}' is not one of {', '.join(KINDS)}")
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit + 1)
    if kind:
        query = query.where((AuditEntry.action == kind) | AuditEntry.action.startswith(
            f"{kind}.", autoescape=True) | AuditEntry.action.startswith(f"{kind}_",
                                                                      autoescape=True))
    if before is not None:
        query = query.where(AuditEntry.id < before)
    entries = list(session.scalars(query))
    ids = {i for e in entries for i in (e.actor_id, e.subject_id) if i is not None}
    names = {u.id: f"{u.name or u.email} ({u.role})" for u in session.scalars(
        select(User).where(User.id.in_(sorted(ids) or [-1])))}
    rows = [AuditRow(e.id, e.at, e.action, _who(names, e.actor_id),
                     "" if e.subject_id is None else _who(names, e.subject_id),
                     dict(e.detail or {}), e.ip) for e in entries[:limit]]
    return AuditPage(rows, entries[limit - 1].id if len(entries) > limit else None)
