"""Data rights in server mode: an account downloads all its data, and deletes its account.

The download is the same lossless JSON backup as the single-user app's (`store.backup`),
of this account's applications only (a coach's session may read their candidates': those
stay out), with an `account` section: the profile, the settings without any secret, and the
review requests on its notes with their comments. It loads into an empty afterword as is.

Deleting removes the account row; the database cascades to everything that hangs off it
(applications and all under them, sessions, tokens, links, review requests, due work). The
audit log keeps one entry, with counts and no content, and the entries that named it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterword.services import audit
from afterword.store.accounts import ReviewComment, ReviewRequest, User
from afterword.store.backup import export_all
from afterword.store.repo import Invalid
from afterword.store.scope import OutOfScope, scope_of
from afterword.store.tables import Application, Note
from afterword.vocab import AccountRole

SECRET_SETTINGS = frozenset({"smtp_password", "imap_password"})  # never in settings; belt


class AccountDeletionRefused(ValueError):
    """The account cannot be deleted now; the message says why."""


@dataclass(frozen=True)
class Removed:
    """What deleting an account took with it."""

    user_id: int
    applications: int
    notes: int


def _account(session: Session, user_id: int) -> User:
    """The account itself: a signed-in session acts on its own account only (a coach or an
    admin who can read someone's profile still cannot take their data or delete them)."""
    scope = scope_of(session)
    user = session.get(User, user_id)
    if user is None or (scope is not None and scope.user_id != user_id):
        raise OutOfScope(f"no account {user_id}")
    return user


def export_account(session: Session, user_id: int, *, now: datetime, ip: str = "") -> dict[str,
                                                                                         Any]:
    """Everything of account `user_id`, as one JSON-ready backup (audited: "export")."""
    user = _account(session, user_id)
    document = export_all(session, owner_id=user.id)
    for app in document["applications"]:
        app["owner_id"] = None  # the file stands alone: it loads into any afterword
        for interview in app.get("interviews", []):
            interview["owner_key"] = 0  # derived from the owner: the single user's
    document["account"] = {
        "email": user.email, "name": user.name, "role": user.role, "cohort": user.cohort,
        "created_at": user.created_at.isoformat(),
        "settings": {k: v for k, v in sorted(user.settings.items())
                     if k not in SECRET_SETTINGS},
        "reviews": _reviews(session, user.id),
    }
    audit.record(session, "export", now=now, actor_id=user.id, subject_id=user.id,
                 organisation_id=user.organisation_id,
                 detail={"applications": len(document["applications"])}, ip=ip)
    return document


def _reviews(session: Session, user_id: int) -> list[dict[str, Any]]:
    """The review requests on the account's own notes, each with its comments."""
    owned = select(Note.id).join(Application).where(Application.owner_id == user_id)
    found = []
    for review in session.scalars(select(ReviewRequest).where(ReviewRequest.note_id.in_(owned))
                                  .order_by(ReviewRequest.id)):
        comments = session.scalars(select(ReviewComment).where(
            ReviewComment.review_id == review.id).order_by(ReviewComment.id))
        found.append({
            "note_id": review.note_id, "state": review.state, "message": review.message,
            "created_at": review.created_at.isoformat(),
            "comments": [{"start": c.start, "end": c.end, "quote": c.quote, "body": c.body,
                          "resolved": c.resolved, "by_you": c.author_id == user_id,
                          "created_at": c.created_at.isoformat()} for c in comments]})
    return found


def delete_account(session: Session, user_id: int, *, confirm: str, now: datetime,
                   ip: str = "") -> Removed:
    """Delete account `user_id` and everything it owns, once `confirm` is its email address.

    Refused while one of its notes is being sent (its outcome must be recorded first), and
    for an organisation's only admin (someone must be left to run it).
    """
    user = _account(session, user_id)
    if confirm.strip().lower() != user.email.lower():
        raise Invalid("confirm: type your email address exactly as shown to delete the account")
    mine = select(Application.id).where(Application.owner_id == user.id)
    sending = session.scalar(select(Note.id).where(Note.application_id.in_(mine),
                                                   Note.status == "sending").limit(1))
    if sending is not None:
        raise AccountDeletionRefused(f"note {sending} is being sent right now; delete the "
                                     "account once it is sent or failed")
    if user.role == AccountRole.ADMIN and not _other_admins(session, user):
        raise AccountDeletionRefused("you are the organisation's only admin: make someone "
                                     "else an admin first")
    removed = Removed(user.id, session.scalar(select(func.count()).select_from(Application)
                                              .where(Application.owner_id == user.id)) or 0,
                      session.scalar(select(func.count()).select_from(Note)
                                     .where(Note.application_id.in_(mine))) or 0)
    audit.record(session, "account.delete", now=now, actor_id=user.id, subject_id=user.id,
                 organisation_id=user.organisation_id,
                 detail={"applications": removed.applications, "notes": removed.notes}, ip=ip)
    session.delete(user)  # the database cascades to everything the account owns
    session.flush()
    session.expunge_all()  # rows loaded before are gone: nothing may write them back
    return removed


def _other_admins(session: Session, user: User) -> bool:
    return session.scalar(select(func.count()).select_from(User).where(
        User.organisation_id == user.organisation_id, User.role == AccountRole.ADMIN,
        User.id != user.id, User.disabled.is_(False))) != 0
