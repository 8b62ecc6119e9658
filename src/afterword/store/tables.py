"""The tables: applications, interviews, people, moments, notes and planned follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from afterword.vocab import ApplicationStatus, Kind, Medium, NoteState, PersonRole


class IsoDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as ISO 8601 text with its offset: lossless on every database."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        """Aware datetimes only: a naive one would lose its meaning."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("afterword stores aware datetimes only")
        return value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        """Back to an aware datetime."""
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    """Declarative base with a JSON type for lists."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {list[str]: JSON, dict[str, Any]: JSON}


# The words each column accepts (afterword.vocab); kept as tuples for the callers that list them.
STATUSES = tuple(ApplicationStatus)
PERSON_ROLES = tuple(PersonRole)
NOTE_STATUSES = tuple(NoteState)


class Application(Base):
    """A job the user is interviewing for, at one employer."""

    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # server mode: the account it belongs to (None in the single-user app)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None, index=True)
    company: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list[str]] = mapped_column(default=list)
    role: Mapped[str] = mapped_column(String(300), default="")
    industry: Mapped[str | None] = mapped_column(String(100), default=None)
    status: Mapped[str] = mapped_column(String(20), default=ApplicationStatus.ACTIVE.value)
    expected_reply_by: Mapped[date | None] = mapped_column(Date, default=None)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    corresponded_by_email: Mapped[bool] = mapped_column(Boolean, default=True)
    drop_off: Mapped[bool] = mapped_column(Boolean, default=False)
    other_companies: Mapped[list[str]] = mapped_column(default=list)
    other_roles: Mapped[list[str]] = mapped_column(default=list)
    strengths: Mapped[str | None] = mapped_column(Text, default=None)  # "what I bring"
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Interview.start")
    people: Mapped[list[Person]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Person.id")
    notes: Mapped[list[Note]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Note.id")
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="FollowUp.due")


class Interview(Base):
    """One interview (a round) of an application."""

    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    start: Mapped[datetime] = mapped_column(IsoDateTime)
    end: Mapped[datetime] = mapped_column(IsoDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    format: Mapped[str] = mapped_column(String(20), default="onsite")
    round: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[str] = mapped_column(Text, default="")
    # the invite's UID: unique per account (two candidates may import the same event), so
    # the pair (owner_key, uid) is unique; owner_key is the application's owner, 0 for the
    # single user (set on insert, below), never a NULL that would let duplicates through
    uid: Mapped[str | None] = mapped_column(String(500), index=True, default=None)
    owner_key: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    application: Mapped[Application] = relationship(back_populates="interviews")
    __table_args__ = (UniqueConstraint("owner_key", "uid", name="uq_interviews_owner_uid"),)


@event.listens_for(Interview, "before_insert")
def _owner_key(_mapper: Any, connection: Any, target: Interview) -> None:
    """An interview is unique per account: key it by its application's owner."""
    owner = target.application.owner_id if target.application is not None else None
    if owner is None and target.application_id is not None and target.application is None:
        owner = connection.scalar(select(Application.owner_id)
                                  .where(Application.id == target.application_id))
    target.owner_key = owner or 0


class Person(Base):
    """Someone met or written to: an interviewer, the scheduler or a recruiter."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    given_name: Mapped[str | None] = mapped_column(String(150), default=None)
    family_name: Mapped[str | None] = mapped_column(String(150), default=None)
    honorific: Mapped[str | None] = mapped_column(String(20), default=None)
    suffix: Mapped[str | None] = mapped_column(String(40), default=None)  # "Jr.", "PhD"
    title: Mapped[str | None] = mapped_column(String(300), default=None)
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    mailing_address: Mapped[str | None] = mapped_column(Text, default=None)
    role: Mapped[str] = mapped_column(String(20), default=PersonRole.INTERVIEWER.value)
    spelling_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    first_name_terms: Mapped[bool] = mapped_column(Boolean, default=False)
    application: Mapped[Application] = relationship(back_populates="people")
    moments: Mapped[list[Moment]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Moment.id")


class Moment(Base):
    """Something discussed with one interviewer, worth recalling in the note."""

    __tablename__ = "moments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    person: Mapped[Person] = relationship(back_populates="moments")


class Note(Base):
    """A note: a draft or a sent one, with the checker's report on it."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None)
    kind: Mapped[str] = mapped_column(String(20), default=Kind.THANK_YOU.value)
    medium: Mapped[str] = mapped_column(String(20), default=Medium.EMAIL.value)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=NoteState.DRAFT.value)
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(IsoDateTime, default=None)
    message_id: Mapped[str | None] = mapped_column(String(300), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    forced_reason: Mapped[str | None] = mapped_column(Text, default=None)
    # while `sending`: who is sending (host:pid) and until when (epoch seconds, wall clock)
    # the attempt can possibly last; past that, or with the process gone, it is provably over
    send_owner: Mapped[str | None] = mapped_column(String(200), default=None)
    send_lease_until: Mapped[float | None] = mapped_column(Float, default=None)
    application: Mapped[Application] = relationship(back_populates="notes")
    person: Mapped[Person | None] = relationship()  # also orders inserts: people first


class FollowUp(Base):
    """A planned step of the follow-up timeline (thank-you, check-in, …)."""

    __tablename__ = "follow_ups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer, default=1)
    due: Mapped[datetime] = mapped_column(IsoDateTime)
    latest: Mapped[datetime | None] = mapped_column(IsoDateTime, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    application: Mapped[Application] = relationship(back_populates="follow_ups")


class DueWork(Base):
    """Work the worker does when it comes due: a scheduled send (with its retries), and the
    periodic jobs (recovering interrupted sends, reconciling uncertain ones, the digest).

    `due_at`/`lease_until` are epoch seconds (UTC) so that every database orders them alike.
    A row is claimed by a conditional update (pending → claimed, or a claim whose lease ran
    out); `key` is unique: "send:<note id>" or the periodic job's name.
    """

    __tablename__ = "due_work"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    note_id: Mapped[int | None] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), default=None)
    # server mode: whose periodic job or account mail this is (None: the single user)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None, index=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    due_at: Mapped[float] = mapped_column(Float, index=True)
    state: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    lease_until: Mapped[float | None] = mapped_column(Float, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


# Server mode's tables live beside these (applications.owner_id points at users): imported
# here so that the metadata is whole wherever the tables are used.
from afterword.store import accounts as _accounts  # noqa: E402, F401
