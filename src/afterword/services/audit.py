"""The audit log: who did what, when (sends, reviews, role changes, sign-ins, exports,
deletions). Entries keep ids and codes, never a note's content, and outlive the accounts
they name. Written in the caller's session, so an entry lands with the change it records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.accounts import AuditEntry


def record(session: Session, action: str, *, now: datetime, actor_id: int | None,
           subject_id: int | None = None, organisation_id: int | None = None,
           detail: dict[str, Any] | None = None, ip: str = "") -> AuditEntry:
    """Append one entry (`action`: "sign_in", "send", "review.comment", "role.change" …)."""
    entry = AuditEntry(action=action[:60], actor_id=actor_id, subject_id=subject_id,
                       organisation_id=organisation_id, detail=dict(detail or {}),
                       ip=ip[:64], at=now)
    session.add(entry)
    session.flush()
    return entry


def entries(session: Session, *, limit: int = 200) -> list[AuditEntry]:
    """The newest entries the session's scope may read (an admin: the organisation's)."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())
                                .limit(limit)))
