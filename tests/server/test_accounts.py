"""Accounts as a service: organisations, invitations, signing in with rate limits and
lockout, password resets by emailed link, API tokens. SQLite (the same migrations as
PostgreSQL); every step is the service the web and the CLI call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from afterword import limits
from afterword.server.settings import ServerEnv
from afterword.services import accounts, credentials, signed_in
from afterword.services.accounts import (
    AccountError,
    LinkInvalid,
    SignInRefused,
    TooManyAttempts,
)
from afterword.store.accounts import AuditEntry, AuthSession, LoginAttempt, User
from afterword.store.db import engine_for
from afterword.store.scope import Unscoped, strict, system
from afterword.store.tables import DueWork
from afterword.vocab import AccountRole
from tests.server.accounts_helpers import quick_argon2

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
ADMIN_PW = "correct horse battery staple"
ENV = ServerEnv(base_url="https://careers.example.edu")


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its smallest cost: the same algorithm, fast enough for dozens of sign-ins
    on a shared machine (the product's default cost is checked on its own below)."""
    quick_argon2(monkeypatch)


@pytest.fixture
def maker(tmp_path: Path) -> sessionmaker[Session]:
    return sessionmaker(bind=engine_for(f"sqlite:///{tmp_path / 'accounts.db'}"),
                        expire_on_commit=False)


@pytest.fixture
def admin(maker: sessionmaker[Session]) -> User:
    with maker() as session, session.begin():
        strict(session)  # as in a server-mode request: the service elevates on purpose
        return accounts.create_organisation(session, name="Northfield Careers",
                                            admin_email="Ada@Northfield.example",
                                            admin_name="Ada Admin", password=ADMIN_PW, now=NOW)


def _invite(maker: sessionmaker[Session], admin: User, email: str, name: str = "",
            role: str = AccountRole.CANDIDATE.value) -> tuple[User, str]:
    """Invite `email`; the invitation mail's link token, as the worker would send it."""
    with maker() as session, session.begin():
        user = accounts.invite(session, by=admin, email=email, name=name, role=role, now=NOW,
                               env=ENV)
    return user, _mailed_token(maker, user, "invite")


def _mailed_token(maker: sessionmaker[Session], user: User, purpose: str) -> str:
    with maker() as session:
        system(session, "test reads the outgoing mail")
        row = session.scalars(select(DueWork).where(
            DueWork.key == f"account_mail:{user.id}:{purpose}")).one()
        assert row.payload is not None
        link = next(w for w in accounts.open_account_mail(row.payload)[2].split() if w.startswith("https://"))
        return link.rsplit("/", 1)[1]


def _sign_in(maker: sessionmaker[Session], email: str, password: str, *,
             now: datetime = NOW, ip: str = "192.0.2.1") -> accounts.SignedIn:
    with maker() as session:
        strict(session)
        try:
            return accounts.sign_in(session, email=email, password=password, now=now, ip=ip)
        finally:
            session.commit()  # a refusal's records are kept, as the web keeps them


def test_the_first_admin_signs_in_with_any_case_of_their_address(
        maker: sessionmaker[Session], admin: User) -> None:
    assert admin.email == "ada@northfield.example" and admin.role == "admin"
    assert admin.password_hash is not None and admin.password_hash.startswith("$argon2id$")
    assert ADMIN_PW not in admin.password_hash
    signed = _sign_in(maker, " ADA@northfield.example ", ADMIN_PW)
    assert signed.user.id == admin.id
    with maker() as session:
        system(session, "test")
        stored = session.scalars(select(AuthSession)).one()
        assert stored.token_hash != signed.token and len(stored.token_hash) == 64
        assert "sign_in" in [e.action for e in session.scalars(select(AuditEntry))]


def test_passwords_are_hashed_with_argon2id_at_the_library_default_cost() -> None:
    from argon2 import PasswordHasher

    hashed = accounts.PRODUCT_HASHER.hash("a long enough passphrase")
    default = PasswordHasher()
    assert hashed.startswith(f"$argon2id$v=19$m={default.memory_cost},t={default.time_cost},")
    assert accounts.PRODUCT_HASHER.verify(hashed, "a long enough passphrase")


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(
        maker: sessionmaker[Session], admin: User) -> None:
    with pytest.raises(SignInRefused) as wrong:
        _sign_in(maker, admin.email, "not the password at all")
    with pytest.raises(SignInRefused) as unknown:
        _sign_in(maker, "nobody@northfield.example", ADMIN_PW)
    assert str(wrong.value) == str(unknown.value)
    with maker() as session:
        system(session, "test")
        assert session.get_one(User, admin.id).failed_logins == 1


def test_a_short_password_is_refused_with_the_limit_named(maker: sessionmaker[Session]) -> None:
    with maker() as session, pytest.raises(AccountError, match="at least 12 characters"):
        accounts.create_organisation(session, name="X", admin_email="x@x.example",
                                     admin_name="X", password="short", now=NOW)


def test_an_address_is_rate_limited_after_five_failures_even_with_the_right_password(
        maker: sessionmaker[Session], admin: User) -> None:
    for attempt in range(limits.MAX_FAILED_PER_EMAIL):
        with pytest.raises(SignInRefused):
            _sign_in(maker, admin.email, f"wrong guess {attempt:04}",
                     now=NOW + timedelta(seconds=attempt))
    with pytest.raises(TooManyAttempts, match="try again in 14 minutes"):
        _sign_in(maker, admin.email, ADMIN_PW, now=NOW + timedelta(minutes=1))
    later = NOW + timedelta(seconds=limits.LOGIN_WINDOW_SECONDS + 10)
    assert _sign_in(maker, admin.email, ADMIN_PW, now=later).user.id == admin.id


def test_one_client_guessing_many_addresses_is_rate_limited(
        maker: sessionmaker[Session], admin: User) -> None:
    for n in range(limits.MAX_FAILED_PER_IP):
        with pytest.raises(SignInRefused):
            _sign_in(maker, f"guess{n}@northfield.example", "whatever password",
                     ip="203.0.113.9")
    with pytest.raises(TooManyAttempts):
        _sign_in(maker, admin.email, ADMIN_PW, ip="203.0.113.9")
    assert _sign_in(maker, admin.email, ADMIN_PW, ip="198.51.100.7").user.id == admin.id


def test_repeated_failures_lock_the_account_until_a_reset(
        maker: sessionmaker[Session], admin: User) -> None:
    at = NOW
    for n in range(limits.LOCKOUT_AFTER):  # slow enough to stay under the rate limit
        at += timedelta(seconds=limits.LOGIN_WINDOW_SECONDS // (limits.MAX_FAILED_PER_EMAIL - 1)
                        + 1)
        with pytest.raises(SignInRefused):
            _sign_in(maker, admin.email, f"slow guess {n:04}", now=at)
    with pytest.raises(TooManyAttempts, match="locked"):
        _sign_in(maker, admin.email, ADMIN_PW, now=at + timedelta(minutes=1))
    with maker() as session, session.begin():
        credentials.request_reset(session, admin.email, now=at, env=ENV)
    token = _mailed_token(maker, admin, "reset")
    with maker() as session, session.begin():
        credentials.reset_password(session, token, password="a brand new passphrase",
                                   now=at + timedelta(minutes=2))
    signed = _sign_in(maker, admin.email, "a brand new passphrase",
                      now=at + timedelta(minutes=3), ip="198.51.100.7")
    assert signed.user.id == admin.id


def test_an_invitation_is_mailed_by_the_worker_and_accepted_once(
        maker: sessionmaker[Session], admin: User) -> None:
    hostile = "O'Brien-Zoë\r\nBcc: victim@example.com <script>alert(1)</script>"
    user, token = _invite(maker, admin, "zoe@Student.example", name=hostile)
    assert "\n" not in user.name and "\r" not in user.name and user.password_hash is None
    with maker() as session:
        system(session, "test")
        mail = session.scalars(select(DueWork).where(DueWork.kind == "account_mail")).one()
        assert mail.user_id == user.id and mail.state == "pending"
        assert mail.payload is not None and mail.payload["to"] == "zoe@student.example"
        assert "https://careers.example.edu/invite/" in accounts.open_account_mail(mail.payload)[2]
        assert "Northfield Careers" in accounts.open_account_mail(mail.payload)[1]
    with pytest.raises(SignInRefused):  # no password yet: nobody signs in as them
        _sign_in(maker, "zoe@student.example", "")
    with maker() as session, session.begin():
        strict(session)
        signed = accounts.accept(session, token, password="my own good passphrase",
                                 name="Zoë O'Brien", now=NOW)
    assert signed.user.name == "Zoë O'Brien"
    with maker() as session, pytest.raises(LinkInvalid):
        accounts.accept(session, token, password="another passphrase!", now=NOW)
    assert _sign_in(maker, "zoe@student.example", "my own good passphrase").user.id == user.id


def test_an_invitation_expires(maker: sessionmaker[Session], admin: User) -> None:
    _user, token = _invite(maker, admin, "late@student.example")
    later = NOW + timedelta(seconds=limits.INVITE_SECONDS + 1)
    with maker() as session:
        assert accounts.link_user(session, token, accounts.INVITE, NOW) is not None
        assert accounts.link_user(session, token, accounts.INVITE, later) is None
        with pytest.raises(LinkInvalid):
            accounts.accept(session, token, password="a good long passphrase", now=later)


def test_a_repeat_invitation_replaces_the_first_link(maker: sessionmaker[Session],
                                                      admin: User) -> None:
    _user, first = _invite(maker, admin, "twice@student.example")
    _user, second = _invite(maker, admin, "twice@student.example")
    with maker() as session:
        assert accounts.link_user(session, first, accounts.INVITE, NOW) is None
        assert accounts.link_user(session, second, accounts.INVITE, NOW) is not None


def test_only_an_admin_invites_and_never_an_existing_account(
        maker: sessionmaker[Session], admin: User) -> None:
    coach, token = _invite(maker, admin, "coach@northfield.example", role="coach")
    with maker() as session, session.begin():
        accounts.accept(session, token, password="coach passphrase 1", now=NOW)
    with maker() as session, pytest.raises(AccountError, match="only the organisation's admin"):
        accounts.invite(session, by=coach, email="new@student.example", now=NOW, env=ENV)
    with maker() as session, pytest.raises(AccountError, match="already has an afterword"):
        accounts.invite(session, by=admin, email="COACH@northfield.example", now=NOW, env=ENV)
    with maker() as session, pytest.raises(AccountError, match="not an email address"):
        accounts.invite(session, by=admin, email="a@b.example\r\nBcc: c@d.example", now=NOW,
                        env=ENV)


def test_a_reset_for_an_unknown_address_mails_nothing_and_says_the_same(
        maker: sessionmaker[Session], admin: User) -> None:
    with maker() as session, session.begin():
        strict(session)
        credentials.request_reset(session, "nobody@nowhere.example", now=NOW, env=ENV)
    with maker() as session:
        system(session, "test")
        assert session.scalars(select(DueWork)).all() == []
    for _ in range(limits.MAX_RESETS_PER_EMAIL):
        with maker() as session, session.begin():
            credentials.request_reset(session, admin.email, now=NOW, env=ENV)
    with maker() as session, pytest.raises(TooManyAttempts):
        credentials.request_reset(session, admin.email, now=NOW, env=ENV)


def test_a_reset_signs_out_every_other_browser(maker: sessionmaker[Session],
                                                admin: User) -> None:
    old = _sign_in(maker, admin.email, ADMIN_PW)
    with maker() as session, session.begin():
        credentials.request_reset(session, admin.email, now=NOW, env=ENV)
    token = _mailed_token(maker, admin, "reset")
    with maker() as session, session.begin():
        new = credentials.reset_password(session, token, password="fresh passphrase here",
                                         now=NOW)
    with maker() as session, session.begin():
        system(session, "test")
        assert signed_in.session_user(session, old.token, NOW) is None
        found = signed_in.session_user(session, new.token, NOW)
        assert found is not None and found.id == admin.id
    with maker() as session, pytest.raises(LinkInvalid):
        credentials.reset_password(session, token, password="fresh passphrase again", now=NOW)


def test_an_api_token_is_kept_as_a_digest_and_stops_working_when_revoked(
        maker: sessionmaker[Session], admin: User) -> None:
    with maker() as session, session.begin():
        system(session, "test")
        made = credentials.create_api_token(session, admin, name="LTeX\r\n<b>", now=NOW)
    assert made.secret.startswith("awt_") and made.row.name == "LTeX <b>"
    assert made.row.token_hash != made.secret and made.secret.startswith(made.row.prefix)
    with maker() as session, session.begin():
        found = signed_in.api_key_user(session, "ADA@northfield.example", made.secret, NOW)
        assert found is not None and found.id == admin.id
        assert signed_in.api_key_user(session, "someone@else.example", made.secret, NOW) is None
    with maker() as session, session.begin():
        system(session, "test")
        credentials.revoke_api_token(session, admin, made.row.id, now=NOW)
    with maker() as session:
        assert signed_in.api_key_user(session, admin.email, made.secret, NOW) is None


def test_a_session_expires_and_sign_out_everywhere_ends_them_all(
        maker: sessionmaker[Session], admin: User) -> None:
    first, second = (_sign_in(maker, admin.email, ADMIN_PW) for _ in range(2))
    later = NOW + timedelta(seconds=limits.SESSION_SECONDS + 1)
    with maker() as session:
        system(session, "test")
        assert signed_in.session_user(session, first.token, later) is None
    with maker() as session, session.begin():
        system(session, "test")
        assert accounts.sign_out_everywhere(session, admin, now=NOW) == 2
    with maker() as session:
        system(session, "test")
        assert signed_in.session_user(session, second.token, NOW) is None


def test_a_request_session_is_scoped_before_any_query(maker: sessionmaker[Session],
                                                       admin: User) -> None:
    signed = _sign_in(maker, admin.email, ADMIN_PW)
    with maker() as session:
        strict(session)
        with pytest.raises(Unscoped):
            session.scalars(select(User)).all()
        user = signed_in.bind_request(session, cookie=signed.token, bearer=None, now=NOW)
        assert user is not None and user.id == admin.id
        assert session.scalars(select(LoginAttempt)).all() == []  # hidden from everyone
        assert [u.id for u in session.scalars(select(User))] == [admin.id]
    with maker() as session:
        strict(session)
        assert signed_in.bind_request(session, cookie="forged", bearer=None, now=NOW) is None
        assert session.scalars(select(User)).all() == []


def test_a_session_notes_when_it_was_last_seen_at_most_hourly(maker: sessionmaker[Session],
                                                               admin: User) -> None:
    signed = _sign_in(maker, admin.email, ADMIN_PW)
    for later, seen in ((NOW + timedelta(minutes=30), NOW),
                        (NOW + timedelta(hours=2), NOW + timedelta(hours=2))):
        with maker() as session, session.begin():
            system(session, "test")
            assert signed_in.session_user(session, signed.token, later) is not None
        with maker() as session:
            system(session, "test")
            assert session.scalars(select(AuthSession)).one().last_seen_at == seen
