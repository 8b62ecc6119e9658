"""Accounts in server mode: organisations, invitations, signing in and out, API tokens and
password resets. The web, the API and `afterword server init` call these; nothing else
touches passwords, sessions or tokens.

Passwords are argon2id hashes (argon2-cffi's defaults); every token (session cookie, API
token, emailed link) is kept only as its digest. Signing in is rate-limited per address and
per client, counted in `login_attempts` so that every web process shares the count, and an
account locks after repeated failures (a password reset unlocks it).

These steps run before anyone is signed in, or reach rows outside the caller's scope on
purpose (a new account, a digest lookup): they do so in `as_system` steps here, never in
a route. Invitation and reset mails are due work ("account_mail") that the worker sends.
Which account a request comes from, and its scope, is `services.signed_in`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import CursorResult, delete, func, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from afterword import limits
from afterword.server.settings import ServerEnv, server_env
from afterword.server.tokens import digest, new_token
from afterword.services import audit
from afterword.store import due
from afterword.store.accounts import (
    ApiToken,
    AuthSession,
    LoginAttempt,
    OneTimeLink,
    Organisation,
    User,
)
from afterword.store.repo import Invalid
from afterword.store.scope import as_system
from afterword.vocab import AccountRole

ACCOUNT_MAIL = "account_mail"
API_TOKEN_PREFIX = "awt_"
INVITE, RESET = "invite", "reset"
PRODUCT_HASHER = PasswordHasher()  # argon2id, the library's default cost
_hasher = PRODUCT_HASHER
_DUMMY_HASH = _hasher.hash("an account that does not exist")
_LOCK_SPACE = 17_001  # advisory lock class of sign-in keys (+1 for the client address)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class AccountError(Invalid):
    """An account step that cannot be done; the message says why, in one line."""


class SignInRefused(AccountError):
    """Wrong address or password (the message never says which)."""


class TooManyAttempts(AccountError):
    """Rate-limited or locked: the message says when to try again."""


class LinkInvalid(AccountError):
    """An emailed link that is unknown, used or expired."""


@dataclass(frozen=True)
class SignedIn:
    """A new sign-in: the account and the cookie's token (shown to the browser once)."""

    user: User
    token: str


@dataclass(frozen=True)
class NewApiToken:
    """A new API token: its row and the secret, shown once."""

    row: ApiToken
    secret: str


# -- values ---------------------------------------------------------------------------------

def normal_email(email: str) -> str:
    """The address as accounts store it (validated, lower-case), or AccountError."""
    try:
        found = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise AccountError(f"{_shown(email)} is not an email address") from None
    return found.normalized.lower()


def _shown(value: str) -> str:
    return repr(_CONTROL.sub(" ", value)[:80])


def clean_text(name: str, what: str = "the name") -> str:
    """`name` on one line (control characters and runs of spaces become one space)."""
    clean = " ".join(_CONTROL.sub(" ", name).split())
    if len(clean) > limits.MAX_ACCOUNT_NAME_CHARS:
        raise AccountError(f"{what} is over {limits.MAX_ACCOUNT_NAME_CHARS} characters")
    return clean


def check_password(password: str, email: str = "") -> None:
    """AccountError unless `password` is long enough, not absurdly long, not the address."""
    if len(password) < limits.MIN_PASSWORD_CHARS:
        raise AccountError(f"the password needs at least {limits.MIN_PASSWORD_CHARS} "
                           "characters (a few words make a good one)")
    if len(password) > limits.MAX_PASSWORD_CHARS:
        raise AccountError(f"the password is over {limits.MAX_PASSWORD_CHARS} characters")
    if email and password.strip().lower() == email.lower():
        raise AccountError("the password cannot be the email address")


def hash_password(password: str) -> str:
    """The argon2id hash kept for `password`."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches `password_hash` (None: no password set; the same work is
    done, so a missing account takes as long to refuse as a wrong password)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


# -- organisations and invitations -------------------------------------------------------

def create_organisation(session: Session, *, name: str, admin_email: str, admin_name: str,
                        password: str, now: datetime) -> User:
    """A new organisation and its first admin, who can sign in at once."""
    title = clean_text(name, "the organisation's name")
    if not title:
        raise AccountError("the organisation needs a name")
    email = normal_email(admin_email)
    check_password(password, email)
    with as_system(session, "creating an organisation"):
        _refuse_taken(session, email)
        org = Organisation(name=title, house_style={}, relay={}, created_at=now)
        session.add(org)
        session.flush()
        admin = User(organisation_id=org.id, email=email, name=clean_text(admin_name),
                     role=AccountRole.ADMIN.value, password_hash=hash_password(password),
                     settings={}, created_at=now, updated_at=now)
        session.add(admin)
        session.flush()
        audit.record(session, "organisation.create", now=now, actor_id=admin.id,
                     subject_id=admin.id, organisation_id=org.id)
    return admin


def _refuse_taken(session: Session, email: str) -> None:
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"{email} already has an afterword account")


def invite(session: Session, *, by: User, email: str, name: str = "",
           role: str = AccountRole.CANDIDATE.value, now: datetime,
           coach_id: int | None = None, cohort: str = "", env: ServerEnv | None = None,
           ip: str = "") -> User:
    """Invite someone into `by`'s organisation (admins only): the account waits for its
    password, and the worker mails a one-time link (a repeat invitation replaces it)."""
    if by.role != AccountRole.ADMIN or by.disabled:
        raise AccountError("only the organisation's admin can invite people")
    if role not in {r.value for r in AccountRole}:
        raise AccountError(f"{_shown(role)} is not a role (admin, coach or candidate)")
    address = normal_email(email)
    with as_system(session, "inviting someone"):
        user = session.scalar(select(User).where(User.email == address))
        if user is not None and (user.password_hash or user.organisation_id
                                 != by.organisation_id):
            raise AccountError(f"{address} already has an afterword account")
        if coach_id is not None and session.scalar(select(User.id).where(
                User.id == coach_id, User.organisation_id == by.organisation_id,
                User.role == AccountRole.COACH.value)) is None:
            raise AccountError("that coach is not one of the organisation's coaches")
        if user is None:
            user = User(organisation_id=by.organisation_id, email=address, settings={},
                        created_at=now)
            session.add(user)
        user.name, user.role, user.coach_id = clean_text(name), role, coach_id
        user.cohort = clean_text(cohort, "the cohort")[:limits.MAX_COHORT_CHARS]
        user.updated_at = now
        session.flush()
        org = session.get_one(Organisation, by.organisation_id)
        token = new_link(session, user, INVITE, now, by=by.id)
        link = (env or server_env()).link(f"/invite/{token}")
        mail_account(session, user, now, purpose=INVITE,
                     subject=f"Your invitation to {org.name} on afterword",
                     body=(f"{by.name or by.email} invited you to {org.name} on afterword, "
                           "where you can check and send your interview thank-you notes."
                           "\n\nChoose your password here (the link works once, for "
                           f"{limits.INVITE_SECONDS // 86400} days):\n{link}\n"))
        audit.record(session, "invite", now=now, actor_id=by.id, subject_id=user.id,
                     organisation_id=by.organisation_id, detail={"role": role}, ip=ip)
    return user


def new_link(session: Session, user: User, purpose: str, now: datetime,
             by: int | None = None) -> str:
    """A fresh one-time link for `user` (earlier unused ones for the same purpose end)."""
    session.execute(delete(OneTimeLink).where(OneTimeLink.user_id == user.id,
                                              OneTimeLink.purpose == purpose,
                                              OneTimeLink.used_at.is_(None)))
    token = new_token()
    seconds = limits.INVITE_SECONDS if purpose == INVITE else limits.RESET_SECONDS
    session.add(OneTimeLink(user_id=user.id, purpose=purpose, token_hash=digest(token),
                            created_by=by, created_at=now,
                            expires_at=now.timestamp() + seconds))
    session.flush()
    return token


def mail_account(session: Session, user: User, now: datetime, *, purpose: str, subject: str,
                 body: str) -> None:
    """Arm the worker's "account_mail" to `user` (one pending mail per account and purpose:
    a newer invitation or reset replaces the one not sent yet)."""
    due.arm(session, key=f"{ACCOUNT_MAIL}:{user.id}:{purpose}", kind=ACCOUNT_MAIL,
            due_at=now, now=now, user_id=user.id, attempts=0,
            payload=seal_account_mail(user.email, subject, body))


def seal_account_mail(to: str, subject: str, body: str) -> dict[str, Any]:
    """The "account_mail" payload: the subject and the body (which holds the one-time link)
    sealed with the server's key (AFTERWORD_SECRET_KEYS), so the database never holds a
    usable link; only the worker opens it, to send. Without a configured key (a test, a
    server not set up yet) the text stays readable until the worker sends it."""
    from afterword.server.secrets import KEYS_ENV, parse_keys, vault

    if not parse_keys(os.environ.get(KEYS_ENV)):
        return {"to": to, "subject": subject, "body": body}
    return {"to": to, "sealed": vault().seal(json.dumps({"subject": subject, "body": body}))}


def open_account_mail(payload: dict[str, Any] | None) -> tuple[str, str, str]:
    """(to, subject, body) of an "account_mail" payload, opened with the server's key
    (UnreadableSecret or SecretsUnavailable when it cannot be; ('', '', '') when cleared)."""
    from afterword.server.secrets import vault

    values = dict(payload or {})
    if values.get("sealed"):
        opened = json.loads(vault().open(str(values["sealed"])))
        values.update(opened if isinstance(opened, dict) else {})
    to, subject, body = (str(values.get(k) or "") for k in ("to", "subject", "body"))
    return to, subject, body


def link_user(session: Session, token: str, purpose: str, now: datetime) -> User | None:
    """Whose valid (unused, unexpired) link `token` is, or None; changes nothing."""
    with as_system(session, "reading a one-time link"):
        return valid_link(session, token, purpose, now)[1]


def valid_link(session: Session, token: str, purpose: str,
               now: datetime) -> tuple[OneTimeLink | None, User | None]:
    """The unused, unexpired link `token` for `purpose` and its enabled account, or Nones."""
    link = session.scalar(select(OneTimeLink).where(
        OneTimeLink.token_hash == digest(token), OneTimeLink.purpose == purpose))
    if link is None or link.used_at is not None or link.expires_at <= now.timestamp():
        return None, None
    user = session.get(User, link.user_id)
    if user is None or user.disabled:
        return None, None
    return link, user


def use_link(session: Session, link: OneTimeLink, now: datetime, gone: LinkInvalid) -> None:
    """Mark `link` used, in one conditional update: when two requests (any processes) use
    the same link at once, one does and the other gets `gone`."""
    changed = cast(CursorResult[Any], session.execute(
        update(OneTimeLink).where(OneTimeLink.id == link.id, OneTimeLink.used_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False)))
    if changed.rowcount != 1:
        raise gone
    set_committed_value(link, "used_at", now)


def accept(session: Session, token: str, *, password: str, name: str | None = None,
           now: datetime, ip: str = "", user_agent: str = "") -> SignedIn:
    """Take up an invitation: set the password (and name), and sign in."""
    with as_system(session, "accepting an invitation"):
        link, user = valid_link(session, token, INVITE, now)
        gone = LinkInvalid("this invitation link is unknown, used or expired; ask your "
                           "centre for a new one")
        if link is None or user is None:
            raise gone
        check_password(password, user.email)
        use_link(session, link, now, gone)
        if name is not None and clean_text(name):
            user.name = clean_text(name)
        user.password_hash, user.updated_at = hash_password(password), now
        audit.record(session, "invite.accept", now=now, actor_id=user.id,
                     subject_id=user.id, organisation_id=user.organisation_id, ip=ip)
        signed = open_session(session, user, now, user_agent)
    return signed


# -- signing in and out ------------------------------------------------------------------

def open_session(session: Session, user: User, now: datetime, user_agent: str) -> SignedIn:
    """A new sign-in session for `user` (the token goes into the cookie, its digest here)."""
    session.execute(delete(AuthSession).where(AuthSession.user_id == user.id,
                                              AuthSession.expires_at <= now.timestamp()))
    token = new_token()
    session.add(AuthSession(user_id=user.id, token_hash=digest(token), created_at=now,
                            last_seen_at=now, user_agent=clean_text(user_agent)[:300],
                            expires_at=now.timestamp() + limits.SESSION_SECONDS))
    session.flush()
    return SignedIn(user, token)


def sign_in(session: Session, *, email: str, password: str, now: datetime, ip: str = "",
            user_agent: str = "") -> SignedIn:
    """Check the address and password and open a session; SignInRefused or
    TooManyAttempts otherwise (the failure is recorded either way)."""
    address = email.strip().lower()[:320]
    with as_system(session, "signing in"):
        _limit(session, address, ip, now)
        user = session.scalar(select(User).where(User.email == address))
        if user is not None and (user.locked_until or 0) > now.timestamp():
            raise TooManyAttempts(_wait(user.locked_until or 0, now, "this account is locked "
                                        "after repeated failed sign-ins"))
        good = verify_password(user.password_hash if user else None, password[:10_000])
        if user is None or not good or user.disabled:
            _failed(session, user, address, ip, now)
            refusal = ("this account is disabled; ask your centre" if good and user
                       else "the email address or the password is not right")
        else:
            refusal = None
            signed = _signed_in(session, user, address, password, ip, now, user_agent)
    if refusal is not None:
        raise SignInRefused(refusal)
    return signed


def _limit(session: Session, address: str, ip: str, now: datetime) -> None:
    since = now.timestamp() - limits.LOGIN_WINDOW_SECONDS
    checks = [(key, most) for key, most in ((f"email:{address}", limits.MAX_FAILED_PER_EMAIL),
                                            (f"ip:{ip}", limits.MAX_FAILED_PER_IP))
              if key != "ip:"]
    one_at_a_time(session, [key for key, _ in checks], now)
    for key, most in checks:
        count, oldest = session.execute(
            select(func.count(), func.min(LoginAttempt.at)).where(
                LoginAttempt.key == key, LoginAttempt.ok.is_(False),
                LoginAttempt.at > since)).one()
        if count >= most:
            raise TooManyAttempts(_wait(oldest + limits.LOGIN_WINDOW_SECONDS, now,
                                        "too many failed sign-ins"))


def one_at_a_time(session: Session, keys: list[str], now: datetime) -> None:
    """Sign-ins for the same address or client wait for each other until the transaction
    ends, so the count read here and the attempt written after the password check are one
    step: however many processes try at once, only the limit's number get a password check.
    PostgreSQL: a transaction-level advisory lock per key (always address before client, so
    two sign-ins never wait on each other crosswise). SQLite: the first write of the
    transaction takes its single writer lock, which other writers wait for until commit."""
    if session.get_bind().dialect.name == "postgresql":
        for space, key in enumerate(keys, start=_LOCK_SPACE):
            session.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))"),
                            {"space": space, "key": key})
    _prune_attempts(session, now.timestamp())


def _wait(until: float, now: datetime, what: str) -> str:
    minutes = max(1, int((until - now.timestamp() + 59) // 60))
    return f"{what}; try again in {minutes} minute{'s' if minutes != 1 else ''}"


def _failed(session: Session, user: User | None, address: str, ip: str,
            now: datetime) -> None:
    at = now.timestamp()
    _prune_attempts(session, at)
    session.add(LoginAttempt(key=f"email:{address}", at=at, ok=False))
    if ip:
        session.add(LoginAttempt(key=f"ip:{ip}", at=at, ok=False))
    if user is not None:
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= limits.LOCKOUT_AFTER:
            user.failed_logins, user.locked_until = 0, at + limits.LOCKOUT_SECONDS
    audit.record(session, "sign_in.failed", now=now, actor_id=None,
                 subject_id=user.id if user else None,
                 organisation_id=user.organisation_id if user else None, ip=ip)


def _prune_attempts(session: Session, at: float) -> None:
    """Forget attempts long past every window (the reset limit's hour is the longest)."""
    longest = max(limits.LOGIN_WINDOW_SECONDS, 3600)
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < at - 2 * longest))


def _signed_in(session: Session, user: User, address: str, password: str, ip: str,
               now: datetime, user_agent: str) -> SignedIn:
    _prune_attempts(session, now.timestamp())
    session.add(LoginAttempt(key=f"email:{address}", at=now.timestamp(), ok=True))
    user.failed_logins, user.locked_until = 0, None
    if user.password_hash and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(session, "sign_in", now=now, actor_id=user.id, subject_id=user.id,
                 organisation_id=user.organisation_id, ip=ip)
    return open_session(session, user, now, user_agent)


def sign_out(session: Session, token: str, *, now: datetime, ip: str = "") -> None:
    """End the session whose cookie holds `token` (nothing when it is unknown)."""
    with as_system(session, "signing out"):
        row = session.scalar(select(AuthSession).where(AuthSession.token_hash
                                                       == digest(token)))
        if row is not None:
            user = session.get(User, row.user_id)
            session.delete(row)
            audit.record(session, "sign_out", now=now, actor_id=row.user_id,
                         subject_id=row.user_id,
                         organisation_id=user.organisation_id if user else None, ip=ip)


def sign_out_everywhere(session: Session, user: User, *, now: datetime,
                        ip: str = "") -> int:
    """End every session of `user` (each browser must sign in again); how many ended."""
    with as_system(session, "signing out everywhere"):
        ended = len(list(session.scalars(select(AuthSession.id).where(
            AuthSession.user_id == user.id))))
        session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
        audit.record(session, "sign_out.everywhere", now=now, actor_id=user.id,
                     subject_id=user.id, organisation_id=user.organisation_id,
                     detail={"sessions": ended}, ip=ip)
    return ended


def sessions_of(session: Session, user: User) -> list[AuthSession]:
    """The account's open sessions, newest first."""
    return list(session.scalars(select(AuthSession).where(AuthSession.user_id == user.id)
                                .order_by(AuthSession.id.desc())))
