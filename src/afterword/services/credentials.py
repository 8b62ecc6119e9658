"""An account's own credentials in server mode: personal API tokens (for the JSON API and
the LanguageTool endpoint's `apiKey`), changing the password, and resetting a forgotten one
by an emailed one-time link. Signing in and invitations are `services.accounts`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from afterword import limits
from afterword.server.settings import ServerEnv, server_env
from afterword.server.tokens import digest, new_token
from afterword.services import audit
from afterword.services.accounts import (
    API_TOKEN_PREFIX,
    RESET,
    AccountError,
    LinkInvalid,
    NewApiToken,
    SignedIn,
    TooManyAttempts,
    check_password,
    clean_text,
    hash_password,
    mail_account,
    new_link,
    one_at_a_time,
    open_session,
    use_link,
    valid_link,
    verify_password,
)
from afterword.store.accounts import ApiToken, AuthSession, LoginAttempt, User
from afterword.store.repo import NotFound
from afterword.store.scope import as_system

PREFIX_CHARS = 12


# -- API tokens ------------------------------------------------------------------------------

def api_tokens(session: Session, user: User) -> list[ApiToken]:
    """The account's API tokens, newest first (their secrets are not kept; its calendar
    feed's token is `services.calendar_feed`'s)."""
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, _not_feed())
                                .order_by(ApiToken.id.desc())))


def _not_feed() -> ColumnElement[bool]:
    from afterword.services.calendar_feed import FEED_PREFIX

    return ~ApiToken.prefix.startswith(FEED_PREFIX, autoescape=True)


def create_api_token(session: Session, user: User, *, name: str, now: datetime,
                     ip: str = "") -> NewApiToken:
    """A new API token for `user`, named by them ("Thunderbird", "LTeX"); shown once."""
    label = clean_text(name, "the token's name")[:100]
    if not label:
        raise AccountError("give the token a name (where you will use it)")
    count = session.scalar(select(func.count()).select_from(ApiToken)
                           .where(ApiToken.user_id == user.id, _not_feed())) or 0
    if count >= limits.MAX_API_TOKENS:
        raise AccountError(f"an account keeps at most {limits.MAX_API_TOKENS} API tokens; "
                           "revoke one first")
    secret = new_token(API_TOKEN_PREFIX)
    row = ApiToken(user_id=user.id, name=label, prefix=secret[:PREFIX_CHARS],
                   token_hash=digest(secret), created_at=now)
    session.add(row)
    session.flush()
    audit.record(session, "api_token.create", now=now, actor_id=user.id, subject_id=user.id,
                 organisation_id=user.organisation_id, detail={"token": row.id}, ip=ip)
    return NewApiToken(row, secret)


def revoke_api_token(session: Session, user: User, token_id: int, *, now: datetime,
                     ip: str = "") -> None:
    """Revoke one of `user`'s tokens (NotFound for anyone else's)."""
    row = session.scalar(select(ApiToken).where(ApiToken.id == token_id,
                                                ApiToken.user_id == user.id, _not_feed()))
    if row is None:
        raise NotFound(f"no API token {token_id}")
    session.delete(row)
    audit.record(session, "api_token.revoke", now=now, actor_id=user.id, subject_id=user.id,
                 organisation_id=user.organisation_id, detail={"token": token_id}, ip=ip)


# -- passwords -------------------------------------------------------------------------------

def change_password(session: Session, user: User, *, current: str, new: str, now: datetime,
                    keep: str | None = None, ip: str = "") -> None:
    """Change `user`'s password after checking the current one; every other session ends
    (`keep`: the token of the browser doing it, which stays signed in)."""
    if not verify_password(user.password_hash, current[:limits.MAX_PASSWORD_CHARS]):
        raise AccountError("the current password is not right")
    check_password(new, user.email)
    user.password_hash, user.updated_at = hash_password(new), now
    others = delete(AuthSession).where(AuthSession.user_id == user.id)
    if keep:
        others = others.where(AuthSession.token_hash != digest(keep))
    session.execute(others)
    audit.record(session, "password.change", now=now, actor_id=user.id, subject_id=user.id,
                 organisation_id=user.organisation_id, ip=ip)


def request_reset(session: Session, email: str, *, now: datetime, ip: str = "",
                  env: ServerEnv | None = None) -> None:
    """Mail a reset link to `email` when it is an account that can sign in. The answer is
    the same either way, so nobody learns which addresses have accounts."""
    address = email.strip().lower()[:320]
    key = f"reset:{address}"
    with as_system(session, "requesting a password reset"):
        one_at_a_time(session, [key], now)  # the count and the new attempt are one step
        recent = session.scalar(select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.key == key, LoginAttempt.at > now.timestamp() - 3600)) or 0
        if recent >= limits.MAX_RESETS_PER_EMAIL:
            raise TooManyAttempts("too many reset mails asked for this address; try again "
                                  "in an hour")
        session.add(LoginAttempt(key=key, at=now.timestamp(), ok=False))
        user = session.scalar(select(User).where(User.email == address))
        if user is None or user.disabled or not user.password_hash:
            return
        token = new_link(session, user, RESET, now)
        link = (env or server_env()).link(f"/reset/{token}")
        minutes = limits.RESET_SECONDS // 60
        mail_account(session, user, now, purpose=RESET,
                     subject="Your afterword password reset",
                     body=(f"Someone (we hope you) asked to reset the password of {address} "
                           f"on afterword.\n\nChoose a new password here (the link works "
                           f"once, for {minutes} minutes):\n{link}\n\nIf it was not you, "
                           "ignore this mail: your password stays as it is.\n"))
        audit.record(session, "password.reset_request", now=now, actor_id=None,
                     subject_id=user.id, organisation_id=user.organisation_id, ip=ip)


def reset_password(session: Session, token: str, *, password: str, now: datetime,
                   ip: str = "", user_agent: str = "") -> SignedIn:
    """Set a new password from a reset link: every session ends, the lockout lifts, and
    this browser is signed in."""
    with as_system(session, "resetting a password"):
        link, user = valid_link(session, token, RESET, now)
        gone = LinkInvalid("this reset link is unknown, used or expired; ask for a new one")
        if link is None or user is None:
            raise gone
        check_password(password, user.email)
        use_link(session, link, now, gone)
        user.password_hash, user.updated_at = hash_password(password), now
        user.failed_logins, user.locked_until = 0, None
        session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
        audit.record(session, "password.reset", now=now, actor_id=user.id,
                     subject_id=user.id, organisation_id=user.organisation_id, ip=ip)
        signed = open_session(session, user, now, user_agent)
    return signed
