"""Who may see and change which rows, enforced on the session itself (server mode).

A session bound to a `Scope` (the signed-in account and what it may reach) has every ORM
query filtered (`with_loader_criteria` on each table, lazy loads included) and every flush
checked: a row outside the scope is simply not there when read, and writing one raises
`OutOfScope`. So the services, which take the session, are scoped for every interface at
once, and a route cannot forget: in server mode a session is `strict` from the start, and
any ORM statement on it before a scope (or `system`) is bound raises `Unscoped`.

The single-user app binds nothing and sees everything, as before. Workers and the account
service (sign-in, invitations: before anyone is signed in) bind `system`, on purpose.

Reading and writing differ for coaches: a coach reads the applications of the candidates
assigned to them, and writes only their own review comments on them (`readable` vs
`writable` owners).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, event, false, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from afterword.store.accounts import (
    ApiToken,
    AuditEntry,
    AuthSession,
    LoginAttempt,
    OneTimeLink,
    Organisation,
    ReviewComment,
    ReviewRequest,
    SharedTemplate,
    User,
)
from afterword.store.repo import NotFound
from afterword.store.tables import (
    Application,
    DueWork,
    FollowUp,
    Interview,
    Moment,
    Note,
    Person,
)
from afterword.vocab import AccountRole

SCOPE_KEY = "afterword.scope"
STRICT_KEY = "afterword.strict"
SYSTEM_KEY = "afterword.system"


class OutOfScope(NotFound):
    """A row the signed-in account may not see or change: answered like a missing one."""


class Unscoped(RuntimeError):
    """A server-mode session used before anyone's scope was bound (a programming error)."""


@dataclass(frozen=True)
class Scope:
    """What one signed-in account may reach.

    `readable`/`writable`: the owners (account ids) whose applications, and everything
    under them, may be read / changed. `users`: the accounts whose rows in `users` may be
    read (oneself, one's coach or candidates, the organisation for an admin).
    """

    user_id: int | None
    organisation_id: int | None = None
    role: str | None = None
    readable: frozenset[int] = field(default_factory=frozenset)
    writable: frozenset[int] = field(default_factory=frozenset)
    users: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def signed_out(cls) -> Scope:
        """Nobody: nothing is readable or writable."""
        return cls(user_id=None)

    @property
    def is_admin(self) -> bool:
        """Whether this is the organisation's admin."""
        return self.role == AccountRole.ADMIN and self.user_id is not None

    @property
    def is_coach(self) -> bool:
        """Whether this is a coach."""
        return self.role == AccountRole.COACH and self.user_id is not None


def strict(session: Session) -> Session:
    """Mark a server-mode session: it refuses every ORM statement until a scope is bound."""
    session.info[STRICT_KEY] = True
    return session


def bind(session: Session, scope: Scope) -> Session:
    """Scope every later query and flush of `session` to `scope`."""
    session.info[SCOPE_KEY] = scope
    session.info.pop(SYSTEM_KEY, None)
    return session


def system(session: Session, why: str) -> Session:
    """Let `session` reach every row on purpose (`why`: the worker, signing in …)."""
    session.info[SYSTEM_KEY] = why
    session.info.pop(SCOPE_KEY, None)
    return session


@dataclass
class Acting:
    """The scope a worker's job or a server-mode request acts for, for the sessions the
    services open themselves (`session_scope`) that bind none. A box, not the variable's
    value: a request learns its account in a dependency that runs in a copy of the
    request's context, and a box shared by the copies carries what it learnt."""

    scope: Scope | None = None


_ACTING: ContextVar[Acting | None] = ContextVar("afterword.acting", default=None)


@contextmanager
def acting_as(scope: Scope | None = None) -> Iterator[Acting]:
    """Every session used inside this block (in this thread or task, and the threads it
    hands work to) that has neither a scope nor `system` of its own is bound to `scope`
    (or to what `act` later puts in the box)."""
    token = _ACTING.set(Acting(scope))
    try:
        yield _ACTING.get() or Acting(scope)
    finally:
        _ACTING.reset(token)


def act(scope: Scope) -> None:
    """Put `scope` in the current `acting_as` box (a request that just learnt its account);
    nothing outside one."""
    box = _ACTING.get()
    if box is not None:
        box.scope = scope


@contextmanager
def as_system(session: Session, why: str) -> Iterator[Session]:
    """Reach every row for one step (`why`: signing in, sending an invitation …), flushed
    before the session's own scope (or strictness) comes back."""
    saved = {key: session.info[key] for key in (SCOPE_KEY, SYSTEM_KEY) if key in session.info}
    system(session, why)
    try:
        yield session
        session.flush()
    finally:
        session.info.pop(SYSTEM_KEY, None)
        session.info.update(saved)


def scope_of(session: Session) -> Scope | None:
    """The scope bound to `session`, or the one acted for (None: single-user or system)."""
    value = session.info.get(SCOPE_KEY)
    if isinstance(value, Scope):
        return value
    if session.info.get(SYSTEM_KEY) or session.info.get(STRICT_KEY):
        return None  # on purpose, or to be bound by its owner (and refused until then)
    box = _ACTING.get()
    return box.scope if box is not None else None


# -- reading -------------------------------------------------------------------------------

def _ids(values: frozenset[int]) -> list[int]:
    return sorted(values) or [-1]  # IN () is not valid SQL everywhere; no row has id -1


def _criteria(scope: Scope, owners: frozenset[int]) -> list[Any]:
    """One `with_loader_criteria` per table, for rows of `owners` (and the account's own)."""
    mine = _ids(owners)
    apps = select(Application.id).where(Application.owner_id.in_(mine))
    people = select(Person.id).where(Person.application_id.in_(apps))
    notes = select(Note.id).where(Note.application_id.in_(apps))
    reviews = select(ReviewRequest.id).where(ReviewRequest.note_id.in_(notes))
    me = scope.user_id if scope.user_id is not None else -1
    org = scope.organisation_id if scope.organisation_id is not None else -1
    rules: dict[type, ColumnElement[bool]] = {
        Application: Application.owner_id.in_(mine),
        Interview: Interview.application_id.in_(apps),
        Person: Person.application_id.in_(apps),
        Note: Note.application_id.in_(apps),
        FollowUp: FollowUp.application_id.in_(apps),
        Moment: Moment.person_id.in_(people),
        DueWork: or_(DueWork.note_id.in_(notes), DueWork.user_id == me),
        ReviewRequest: ReviewRequest.note_id.in_(notes),
        ReviewComment: ReviewComment.review_id.in_(reviews),
        User: User.id.in_(_ids(scope.users | {me})),
        Organisation: Organisation.id == org,
        AuthSession: AuthSession.user_id == me,
        ApiToken: ApiToken.user_id == me,
        OneTimeLink: (OneTimeLink.user_id.in_(_ids(scope.users)) if scope.is_admin
                      else OneTimeLink.user_id == me),
        SharedTemplate: SharedTemplate.organisation_id == org,
        AuditEntry: (AuditEntry.organisation_id == org if scope.is_admin
                     else or_(AuditEntry.actor_id == me, AuditEntry.subject_id == me)),
        LoginAttempt: false(),
    }
    # tables registered outside the store (dismissals, the web's own): by their
    # application when they hang off one, hidden otherwise
    for mapper in Application.registry.mappers:
        entity = mapper.class_
        if entity not in rules:
            column = mapper.columns.get("application_id")
            rules[entity] = column.in_(apps) if column is not None else false()
    return [with_loader_criteria(entity, clause, include_aliases=True)
            for entity, clause in rules.items()]


@event.listens_for(Session, "do_orm_execute")
def _filter(state: ORMExecuteState) -> None:
    session = state.session
    if session.info.get(SYSTEM_KEY):
        return
    scope = scope_of(session)
    if scope is None:
        if session.info.get(STRICT_KEY):
            raise Unscoped("a server-mode session was used before a scope was bound")
        return
    if not (state.is_select or state.is_update or state.is_delete):
        return
    owners = scope.readable if state.is_select else scope.writable
    state.statement = state.statement.options(*_criteria(scope, owners))


# -- writing -------------------------------------------------------------------------------

def _owner(session: Session, obj: Any) -> int | None:
    """The account an application-bound row belongs to (None: not found in scope)."""
    if isinstance(obj, Application):
        return obj.owner_id
    if isinstance(obj, Moment):
        person = obj.person or (session.get(Person, obj.person_id) if obj.person_id else None)
        return _owner(session, person) if person is not None else None
    if isinstance(obj, ReviewComment):
        review = session.get(ReviewRequest, obj.review_id) if obj.review_id else None
        return _owner(session, review) if review is not None else None
    if isinstance(obj, ReviewRequest):
        note = session.get(Note, obj.note_id) if obj.note_id else None
        return _owner(session, note) if note is not None else None
    if isinstance(obj, DueWork) and obj.note_id is None:
        return obj.user_id
    if isinstance(obj, DueWork):
        note = session.get(Note, obj.note_id)
        return _owner(session, note) if note is not None else None
    app = getattr(obj, "application", None)
    if app is None and getattr(obj, "application_id", None) is not None:
        app = session.get(Application, obj.application_id)
    return app.owner_id if isinstance(app, Application) else None


def _may_write(session: Session, scope: Scope, obj: Any, *, new: bool) -> bool:
    me = scope.user_id
    if me is None:
        return False
    if isinstance(obj, AuditEntry):
        return new  # append-only
    if isinstance(obj, LoginAttempt):
        return False
    if isinstance(obj, User):
        if scope.is_admin:
            return obj.organisation_id == scope.organisation_id
        return obj.id == me and not new
    if isinstance(obj, Organisation):
        return scope.is_admin and obj.id == scope.organisation_id
    if isinstance(obj, SharedTemplate):
        return (scope.is_admin or scope.is_coach) and obj.organisation_id == \
            scope.organisation_id
    if isinstance(obj, AuthSession | ApiToken):
        return obj.user_id == me
    if isinstance(obj, OneTimeLink):
        return obj.user_id == me or (scope.is_admin and obj.user_id in scope.users)
    if isinstance(obj, ReviewRequest | ReviewComment):
        return _owner(session, obj) in scope.readable  # a coach comments; a candidate asks
    if isinstance(obj, Application) and new and obj.owner_id is None:
        obj.owner_id = me
    if not hasattr(obj, "application_id") and not isinstance(obj, Application | Moment
                                                             | DueWork):
        return False  # a table with no owner (the single-user app's own prefs)
    return _owner(session, obj) in scope.writable


def check_writable(session: Session, obj: Any) -> Any:
    """`obj` itself if the session's scope may change it (always, outside server mode);
    OutOfScope otherwise. For a service that works in its own sessions (the outbox opens
    them by URL): the route asks here first, with the request's scoped session."""
    if session.info.get(SYSTEM_KEY):
        return obj
    scope = scope_of(session)
    if scope is None:
        if session.info.get(STRICT_KEY):
            raise Unscoped("a server-mode session was used before a scope was bound")
        return obj
    if not _may_write(session, scope, obj, new=False):
        raise OutOfScope(f"not yours to change: {type(obj).__name__.lower()}")
    return obj


@event.listens_for(Session, "before_flush")
def _check_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(SYSTEM_KEY):
        return
    scope = scope_of(session)
    if scope is None:
        if session.info.get(STRICT_KEY) and (session.new or session.dirty or session.deleted):
            raise Unscoped("a server-mode session was written before a scope was bound")
        return
    for obj in list(session.new):
        if not _may_write(session, scope, obj, new=True):
            raise OutOfScope(f"not yours to change: {type(obj).__name__.lower()}")
    for obj in [*session.dirty, *session.deleted]:
        changed = session.is_modified(obj) or obj in session.deleted
        if changed and not _may_write(session, scope, obj, new=False):
            raise OutOfScope(f"not yours to change: {type(obj).__name__.lower()}")
