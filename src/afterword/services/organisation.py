"""Running a centre (server mode): its people (coach assignments, roles, cohorts, disabled
accounts), its house style (the thresholds and dialect every member's settings start from)
and its shared draft templates.

People and house style are the admin's; shared templates are the admin's and the coaches'.
Every change is checked before anything is stored (Invalid, one line) and audited. The
session's scope already keeps each admin inside their own organisation; the role rules of
the centre (no admin demotes or disables themselves, a coach must be one of the centre's
coaches) are decided here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from importlib import resources
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.limits import MAX_COHORT_CHARS, MAX_TEMPLATE_CHARS, MAX_TEMPLATE_NAME_CHARS
from afterword.services import audit
from afterword.services.reviews import clean_text
from afterword.store.accounts import Organisation, SharedTemplate, User
from afterword.store.repo import Invalid, NotFound
from afterword.thresholds import Thresholds
from afterword.vocab import AccountRole, Dialect, Kind, choices

if TYPE_CHECKING:
    from afterword.server.settings import ServerEnv


@dataclass(frozen=True)
class HouseStyle:
    """The centre's style as the form shows it: the thresholds in force and the dialect."""

    thresholds: Thresholds
    dialect: Dialect | None
    changed: frozenset[str]  # the thresholds the centre set (the others are defaults)


def _admin(by: User) -> None:
    if by.role != AccountRole.ADMIN or by.disabled:
        raise Invalid("only the centre's admin can do that")


def _member(session: Session, by: User, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.organisation_id != by.organisation_id:
        raise NotFound(f"no member {user_id} in this organisation")
    return user


def members(session: Session) -> list[User]:
    """The accounts the session may read (an admin: the whole centre), admins first, then
    coaches, then candidates, each by name."""
    order = {AccountRole.ADMIN: 0, AccountRole.COACH: 1, AccountRole.CANDIDATE: 2}
    return sorted(session.scalars(select(User)), key=lambda u: (
        order.get(AccountRole(u.role), 3) if u.role in set(AccountRole) else 3,
        (u.name or u.email).casefold(), u.id))


def coaches(session: Session) -> list[User]:
    """The centre's coaches who can take candidates (enabled ones), by name."""
    return [u for u in members(session) if u.role == AccountRole.COACH and not u.disabled]


def _record(session: Session, by: User, action: str, user: User, now: datetime,
            **detail: Any) -> None:
    user.updated_at = now
    session.flush()
    audit.record(session, action, now=now, actor_id=by.id, subject_id=user.id,
                 organisation_id=by.organisation_id, detail=detail)


def assign_coach(session: Session, *, by: User, user_id: int, coach_id: int | None,
                 now: datetime) -> User:
    """Give a candidate a coach of the centre (None: no coach)."""
    _admin(by)
    user = _member(session, by, user_id)
    if user.role != AccountRole.CANDIDATE:
        raise Invalid(f"{user.name or user.email} is not a candidate: only candidates have "
                      "a coach")
    if coach_id is not None:
        coach = _member(session, by, coach_id)
        if coach.role != AccountRole.COACH or coach.disabled:
            raise Invalid(f"{coach.name or coach.email} is not one of the centre's coaches")
    if user.coach_id != coach_id:
        before, user.coach_id = user.coach_id, coach_id
        _record(session, by, "coach.assign", user, now, before=before, after=coach_id)
    return user


def change_role(session: Session, *, by: User, user_id: int, role: str,
                now: datetime) -> User:
    """Make a member an admin, a coach or a candidate. A coach who stops being one leaves
    their candidates without a coach; a candidate who becomes staff has none."""
    _admin(by)
    if role not in set(AccountRole):
        raise Invalid(f"role is {choices(AccountRole)}, not {role[:40]!r}")
    user = _member(session, by, user_id)
    if user.id == by.id and role != AccountRole.ADMIN:
        raise Invalid("you cannot take away your own admin role: ask another admin")
    if user.role == role:
        return user
    before, user.role = user.role, role
    if role != AccountRole.CANDIDATE:
        user.coach_id = None
    if before == AccountRole.COACH:
        for candidate in session.scalars(select(User).where(User.coach_id == user.id)):
            candidate.coach_id, candidate.updated_at = None, now
    _record(session, by, "role.change", user, now, before=before, after=role)
    return user


def set_disabled(session: Session, *, by: User, user_id: int, disabled: bool,
                 now: datetime) -> User:
    """Disable an account (it can no longer sign in, and sees nothing) or enable it again."""
    _admin(by)
    user = _member(session, by, user_id)
    if user.id == by.id and disabled:
        raise Invalid("you cannot disable your own account")
    if user.disabled != disabled:
        user.disabled = disabled
        _record(session, by, "account.disable" if disabled else "account.enable", user, now)
    return user


def set_cohort(session: Session, *, by: User, user_id: int, cohort: str,
               now: datetime) -> User:
    """Put a member in a cohort ("Class of 2027"; empty: none)."""
    _admin(by)
    user = _member(session, by, user_id)
    name = " ".join(clean_text(cohort, "the cohort", MAX_COHORT_CHARS, required=False).split())
    if user.cohort != name:
        user.cohort = name
        _record(session, by, "cohort.change", user, now)
    return user


@dataclass(frozen=True)
class MemberChanges:
    """What the people page may change about one member (None: leave it)."""

    role: str | None = None
    coach_id: int | None = None
    no_coach: bool = False  # take the candidate's coach away
    cohort: str | None = None
    disabled: bool | None = None


def update_member(session: Session, *, by: User, user_id: int, changes: MemberChanges,
                  now: datetime) -> User:
    """Apply the people page's changes to one member, each checked and audited."""
    user = _member(session, by, user_id)
    if changes.role is not None:
        change_role(session, by=by, user_id=user.id, role=changes.role, now=now)
    if user.role == AccountRole.CANDIDATE and (changes.no_coach or changes.coach_id):
        assign_coach(session, by=by, user_id=user.id,
                     coach_id=None if changes.no_coach else changes.coach_id, now=now)
    if changes.cohort is not None:
        set_cohort(session, by=by, user_id=user.id, cohort=changes.cohort, now=now)
    if changes.disabled is not None:
        set_disabled(session, by=by, user_id=user.id, disabled=changes.disabled, now=now)
    return user


def invite(session: Session, *, by: User, email: str, name: str, role: str, now: datetime,
           coach_id: int | None = None, cohort: str = "", env: ServerEnv | None = None,
           ip: str = "") -> User:
    """Invite someone into the centre (the account service makes the account and arms the
    emailed link); a candidate may get their coach at once."""
    from afterword.services import accounts

    _admin(by)
    if coach_id is not None and role != AccountRole.CANDIDATE:
        raise Invalid("only candidates have a coach: leave the coach empty for staff")
    return accounts.invite(session, by=by, email=email, name=name, role=role, now=now,
                           coach_id=coach_id, cohort=cohort, env=env, ip=ip)


# -- house style ---------------------------------------------------------------------------

def organisation(session: Session, by: User) -> Organisation:
    """`by`'s organisation."""
    org = session.get(Organisation, by.organisation_id)
    if org is None:
        raise NotFound("no organisation")
    return org


def house_style(org: Organisation) -> HouseStyle:
    """The centre's thresholds (over the defaults) and dialect, as stored."""
    style = dict(org.house_style or {})
    stored = dict(style.get("thresholds") or {})
    try:
        thresholds = Thresholds(**stored)
    except ValidationError:
        thresholds, stored = Thresholds(), {}  # a hand-edited row never breaks the page
    dialect = style.get("dialect")
    return HouseStyle(thresholds, Dialect(dialect) if dialect in set(Dialect) else None,
                      frozenset(stored))


def _parse(name: str, text: str) -> Any:
    """A form's text as the threshold's type (the model validates the value itself)."""
    default = getattr(Thresholds(), name)
    if isinstance(default, tuple):
        return tuple(int(part) for part in text.replace(";", ",").split(",") if part.strip())
    if isinstance(default, time):
        return time.fromisoformat(text)
    if isinstance(default, bool):
        return text.lower() in {"1", "true", "yes", "on"}
    return type(default)(text)


def _one_line(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def parse_thresholds(form: Mapping[str, str]) -> dict[str, Any]:
    """The thresholds a form sets (blank fields: the default), validated together."""
    values: dict[str, Any] = {}
    for name in Thresholds.model_fields:
        text = (form.get(name) or "").strip()
        if not text:
            continue
        try:
            values[name] = _parse(name, text)
        except ValueError:
            raise Invalid(f"{name}: {text[:40]!r} is not a valid value") from None
    try:
        checked = Thresholds(**values)
    except ValidationError as exc:
        raise Invalid(_one_line(exc)) from None
    dumped = checked.model_dump(mode="json")
    return {name: dumped[name] for name in values}


def update_house_style(session: Session, *, by: User, form: Mapping[str, str],
                       now: datetime) -> HouseStyle:
    """Set the centre's thresholds (fields of `form` named like the thresholds) and its
    dialect (`form["dialect"]`: american, british, or empty for each member's own)."""
    _admin(by)
    thresholds = parse_thresholds(form)
    dialect = (form.get("dialect") or "").strip().lower()
    if dialect and dialect not in set(Dialect):
        raise Invalid(f"dialect is {choices(Dialect)}, not {dialect[:40]!r}")
    org = organisation(session, by)
    style = {k: v for k, v in dict(org.house_style or {}).items()
             if k not in {"thresholds", "dialect"}}
    style["thresholds"] = thresholds
    if dialect:
        style["dialect"] = dialect
    org.house_style = style
    session.flush()
    audit.record(session, "house_style.change", now=now, actor_id=by.id,
                 organisation_id=org.id, detail={"thresholds": sorted(thresholds),
                                                 "dialect": dialect or None})
    return house_style(org)


# -- shared templates ----------------------------------------------------------------------

def _staff(by: User) -> None:
    if by.role not in {AccountRole.ADMIN, AccountRole.COACH} or by.disabled:
        raise Invalid("only the centre's coaches and admins can change its templates")


def template_name(kind: str) -> str:
    """The drafter's template a shared template of `kind` stands in for."""
    return f"{kind}.txt.j2"


def check_template(kind: str, body: str) -> None:
    """Invalid unless `body` drafts a note of `kind` from the example interview (so a
    template that names a variable the drafter does not give is refused when saved)."""
    from afterword.compose import Options, draft
    from afterword.compose.drafts import DraftError
    from afterword.compose.render import TemplateProblem
    from afterword.limits import load_json

    example = resources.files("afterword").joinpath("examples", "interview.json")
    context = load_json(example.read_text(encoding="utf-8"), "the example")
    try:
        draft(context, Options(kind=Kind(kind), templates={template_name(kind): body}))
    except TemplateProblem as exc:
        raise Invalid(" ".join(str(exc).split())[:300]) from None
    except DraftError:
        return  # the example lacks what this kind needs; the template itself parsed


def _template_fields(name: str, kind: str, body: str) -> tuple[str, str, str]:
    name = " ".join(clean_text(name, "the template's name", MAX_TEMPLATE_NAME_CHARS,
                               required=True).split())
    if kind not in set(Kind):
        raise Invalid(f"kind is {choices(Kind)}, not {kind[:40]!r}")
    body = clean_text(body, "the template", MAX_TEMPLATE_CHARS, required=True) + "\n"
    check_template(kind, body)
    return name, kind, body


def templates(session: Session, *, kind: str | None = None) -> list[SharedTemplate]:
    """The centre's shared templates (of one kind), by name."""
    query = select(SharedTemplate)
    if kind is not None:
        query = query.where(SharedTemplate.kind == kind)
    return sorted(session.scalars(query), key=lambda t: (t.name.casefold(), t.id))


def get_template(session: Session, template_id: int) -> SharedTemplate:
    """One shared template of the centre."""
    found = session.get(SharedTemplate, template_id)
    if found is None:
        raise NotFound(f"no shared template {template_id}")
    return found


def create_template(session: Session, *, by: User, name: str, kind: str, body: str,
                    now: datetime) -> SharedTemplate:
    """Add a shared template (checked by drafting the example with it)."""
    _staff(by)
    name, kind, body = _template_fields(name, kind, body)
    made = SharedTemplate(organisation_id=by.organisation_id, name=name, kind=kind,
                          body=body, created_by=by.id, updated_at=now)
    session.add(made)
    session.flush()
    audit.record(session, "template.create", now=now, actor_id=by.id,
                 organisation_id=by.organisation_id, detail={"template_id": made.id})
    return made


def update_template(session: Session, *, by: User, template_id: int, name: str, kind: str,
                    body: str, now: datetime) -> SharedTemplate:
    """Change a shared template."""
    _staff(by)
    found = get_template(session, template_id)
    found.name, found.kind, found.body = _template_fields(name, kind, body)
    found.updated_at = now
    session.flush()
    audit.record(session, "template.update", now=now, actor_id=by.id,
                 organisation_id=by.organisation_id, detail={"template_id": found.id})
    return found


def delete_template(session: Session, *, by: User, template_id: int, now: datetime) -> None:
    """Remove a shared template (drafts made with it stay as they are)."""
    _staff(by)
    found = get_template(session, template_id)
    session.delete(found)
    session.flush()
    audit.record(session, "template.delete", now=now, actor_id=by.id,
                 organisation_id=by.organisation_id, detail={"template_id": template_id})


def overrides(session: Session, template_id: int | None, kind: str) -> dict[str, str]:
    """The drafter's template overrides for drafting a note of `kind` with shared template
    `template_id` (none: the shipped templates)."""
    if template_id is None:
        return {}
    found = get_template(session, template_id)
    if found.kind != kind:
        raise Invalid(f"the template {found.name!r} is for {found.kind} notes, not {kind}")
    return {template_name(kind): found.body}
