"""Server mode's tables: organisations, accounts, their sign-in sessions and API tokens,
one-time links (invitations, password resets), review requests and comments, the centre's
shared templates, and the audit log.

The single-user app never writes these; in server mode every application belongs to one
account (`applications.owner_id`) and `afterword.store.scope` keeps each signed-in person to
the rows they may see. Secrets are never stored in the clear: tokens as SHA-256 digests,
passwords as argon2id hashes, mail passwords encrypted (`afterword.server.secrets`).
Times that the database compares (`expires_at`, `locked_until`, `at` of attempts) are epoch
seconds (UTC), as in `due_work`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from afterword.store.tables import Base, IsoDateTime
from afterword.vocab import AccountRole, ReviewState


class Organisation(Base):
    """A career centre or agency: its people, its house style and (optionally) its relay."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # {"thresholds": {...}, "dialect": "british", ...}: overlays every member's settings
    house_style: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the organisation's own SMTP relay (host, port, security, user, from_address, …);
    # its password lives encrypted in relay_secret
    relay: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    relay_secret: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class User(Base):
    """An account: an admin, a coach or a candidate of one organisation."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20), default=AccountRole.CANDIDATE.value)
    # None until the invitation is accepted (the account cannot sign in before)
    password_hash: Mapped[str | None] = mapped_column(String(300), default=None)
    # a candidate's coach (None: not assigned yet)
    coach_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    cohort: Mapped[str] = mapped_column(String(100), default="")  # "Class of 2027", "Spring"
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[float | None] = mapped_column(Float, default=None)
    # the user's own settings (identity, signature, dialect, mail server without secrets)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # SMTP/IMAP passwords, encrypted with the server's key
    mail_secrets: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class AuthSession(Base):
    """A signed-in browser: the cookie holds the token, the table its SHA-256 digest."""

    __tablename__ = "auth_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(IsoDateTime)
    expires_at: Mapped[float] = mapped_column(Float)
    user_agent: Mapped[str] = mapped_column(String(300), default="")


class ApiToken(Base):
    """A personal API token (JSON API, LanguageTool endpoint's apiKey): shown once, kept as
    its SHA-256 digest; `prefix` is the first characters, to tell tokens apart."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(IsoDateTime, default=None)


class OneTimeLink(Base):
    """An emailed one-time link: an invitation ("invite") or a password reset ("reset")."""

    __tablename__ = "one_time_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(Integer, default=None)  # a user id
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    expires_at: Mapped[float] = mapped_column(Float)
    used_at: Mapped[datetime | None] = mapped_column(IsoDateTime, default=None)


class LoginAttempt(Base):
    """One sign-in attempt, for rate limits shared by every web process (`key` is
    "email:<address>" or "ip:<address>")."""

    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewRequest(Base):
    """A candidate asks their coach to look at a note (advisory: never a gate on sending)."""

    __tablename__ = "review_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    requested_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    coach_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    state: Mapped[str] = mapped_column(String(20), default=ReviewState.OPEN.value)
    message: Mapped[str] = mapped_column(Text, default="")  # "is the second paragraph ok?"
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class ReviewComment(Base):
    """A coach's comment on a span of the note (start/end offsets into the body as it was,
    with the quoted text, so it can be found again after edits) or on the whole note."""

    __tablename__ = "review_comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("review_requests.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    start: Mapped[int | None] = mapped_column(Integer, default=None)
    end: Mapped[int | None] = mapped_column(Integer, default=None)
    quote: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class SharedTemplate(Base):
    """One of the centre's shared draft templates (Jinja2, the drafts' variables)."""

    __tablename__ = "shared_templates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # afterword.vocab.Kind
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(Integer, default=None)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class AuditEntry(Base):
    """Who did what, when: sends, reviews, role changes, sign-ins, exports, deletions.

    No foreign keys and no content: an entry outlives the account it names."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, default=None)
    subject_id: Mapped[int | None] = mapped_column(Integer, default=None)  # the user acted on
    action: Mapped[str] = mapped_column(String(60))  # "sign_in", "send", "review.comment", …
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # ids and codes only
    ip: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(IsoDateTime)
