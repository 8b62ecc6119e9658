"""What each account may reach, by role (the rule behind `afterword.store.scope.Scope`):

- a candidate reads and changes their own applications (and sees their coach's name);
- a coach reads the applications of the candidates assigned to them and changes only their
  own (they comment on reviews, never send or edit as the candidate);
- an admin reads the organisation (people, reports), and changes its accounts and settings,
  never a candidate's notes. Mail passwords are never decrypted for anyone but their owner.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.accounts import User
from afterword.store.scope import Scope
from afterword.vocab import AccountRole


def scope_for(session: Session, user: User) -> Scope:
    """The scope of `user` (read with a session that may see the organisation's accounts:
    a `system` one, as the sign-in step uses before binding the result)."""
    me = frozenset({user.id})
    if user.disabled:
        return Scope.signed_out()
    if user.role == AccountRole.ADMIN:
        members = frozenset(session.scalars(
            select(User.id).where(User.organisation_id == user.organisation_id)))
        return Scope(user.id, user.organisation_id, user.role, readable=members | me,
                     writable=me, users=members | me)
    if user.role == AccountRole.COACH:
        mine = frozenset(session.scalars(
            select(User.id).where(User.coach_id == user.id,
                                  User.organisation_id == user.organisation_id)))
        admins = frozenset(session.scalars(
            select(User.id).where(User.organisation_id == user.organisation_id,
                                  User.role == AccountRole.ADMIN)))
        return Scope(user.id, user.organisation_id, user.role, readable=mine | me,
                     writable=me, users=mine | admins | me)
    coach = frozenset({user.coach_id}) if user.coach_id is not None else frozenset()
    return Scope(user.id, user.organisation_id, user.role, readable=me, writable=me,
                 users=me | coach)
