"""The outbox: each note is sent at most once, and every outcome is told honestly.

A send is claimed with a conditional update (draft/approved → sending, proceeding only if
exactly one row changed), so two processes can never send the same note. The Message-ID is
fixed in that same update and kept across retries. Replies of 4xx and connections lost
before the message data are retried with backoff; 5xx replies are final; a connection lost
while the data was sent, or a process that died mid-send, leaves the note `uncertain` —
never resent automatically, settled by `reconcile` (by hand, or found in the Sent folder).

While a note is `sending` (or `uncertain`), `sent_at` holds the time the send began, and
`send_owner`/`send_lease_until` say who sends it and until when the attempt can last (the
SMTP deadline plus a margin): only after that, or once that process is gone, may anyone
call the attempt interrupted or reconcile it. Every state change goes through
`services.notes`, which refuses illegal ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.mail import PermanentFailure, SendResult, TemporaryFailure, UncertainDelivery
from afterword.mail import message as mail_message
from afterword.services import notes as states
from afterword.store import repo
from afterword.store.db import session_scope
from afterword.store.tables import Note

SENDABLE = states.SENDABLE
Transport = Callable[..., SendResult]
LEASE_MARGIN_SECONDS = 30.0  # beyond the SMTP deadline: the attempt is provably over
LEGACY_STALE = timedelta(minutes=15)  # a `sending` row from before leases existed


class OutboxError(ValueError):
    """A note that cannot be sent as asked (wrong state, no address, no settings)."""


@dataclass(frozen=True)
class Outcome:
    """How a send ended: sent, blocked (check errors), busy, retry-later, failed, uncertain."""

    note_id: int
    status: str
    detail: str
    message_id: str | None = None
    refused: dict[str, str] = field(default_factory=dict)

    @property
    def sent(self) -> bool:
        """Whether the server took the message."""
        return self.status == "sent"


@dataclass(frozen=True)
class MailRoute:
    """How a note goes out: the mail settings in force, the SMTP password, a Reply-To."""

    settings: Settings
    password: str | None = None
    reply_to: str | None = None


def mail_route(session: Session, note: Note, settings: Settings,
               password: str | None) -> MailRoute:
    """The one place the outbox learns how a note is sent: the user's settings and password
    in the single-user app; in server mode (the note's application has an owner) that
    account's own server or its organisation's relay (services.mail_settings)."""
    owner = note.application.owner_id if note.application is not None else None
    if owner is None:
        return MailRoute(settings, password)
    from afterword.server.secrets import SecretsUnavailable, UnreadableSecret
    from afterword.services.mail_settings import route_for

    try:
        route = route_for(session, owner, settings)
    except (SecretsUnavailable, UnreadableSecret, repo.Invalid) as exc:
        raise OutboxError(str(exc)) from None
    return MailRoute(route.settings, route.smtp_password, route.reply_to)


@dataclass
class _Ready:
    message: EmailMessage
    message_id: str
    previous: str
    route: MailRoute


def send_note(url: str, note_id: int, settings: Settings, *, now: datetime,
              force_reason: str | None = None, password: str | None = None,
              sleep: Callable[[float], None] = time.sleep,
              transport: Transport | None = None, sources: tuple[str, ...] = SENDABLE,
              tries: int | None = None, hold: frozenset[str] = frozenset()) -> Outcome:
    """Check, claim and send one note over SMTP; record what happened.

    `sources`: the states it may be sent from (the worker sends only `scheduled` ones);
    `tries`: attempts in this call (default `send_retries`; the worker retries by rows);
    `hold`: rule codes that stop it ("held") when new since the note was last checked.
    """
    if force_reason is not None and not force_reason.strip():
        raise OutboxError("--force needs a --reason (it is recorded with the note)")
    ready = _prepare(url, note_id, settings, now=now, forced=force_reason is not None,
                     sources=sources, hold=hold, password=password)
    if isinstance(ready, Outcome):
        return ready
    settings, password = ready.route.settings, ready.route.password
    claimed = _claim(url, note_id, ready.message_id, force_reason, now,
                     sources=(ready.previous,), lease=lease_seconds(settings))
    if claimed is None:
        return Outcome(note_id, "busy", f"note {note_id} is already being sent elsewhere")
    if claimed != ready.message_id:
        del ready.message["Message-ID"]
        ready.message["Message-ID"] = claimed
        ready.message_id = claimed
    return _deliver(url, note_id, ready, settings, now=now, password=password, sleep=sleep,
                    transport=transport, tries=tries or max(1, settings.send_retries))


def lease_seconds(settings: Settings) -> float:
    """How long one attempt can possibly last, plus a margin.

    The SMTP deadline cuts the session once it is connected; connecting (and the server's
    greeting) can take one socket timeout more before the deadline can reach the socket.
    """
    return 2 * settings.smtp_timeout_seconds + LEASE_MARGIN_SECONDS


def _prepare(url: str, note_id: int, settings: Settings, *, now: datetime,
             forced: bool, sources: tuple[str, ...], hold: frozenset[str] = frozenset(),
             password: str | None = None) -> _Ready | Outcome:
    """Validate, re-check, and build the message (no state change except the report).

    `hold`: rule codes that stop the send when they are new since the last check (the
    worker's: a note that waited too long now says "yesterday" of a day that is not).
    """
    from afterword.services.tracker import check_saved

    with session_scope(url) as session:
        note = repo.get_note(session, note_id)
        ensure_sendable(note, sources)
        route = mail_route(session, note, settings, password)
        if not route.settings.smtp_host:
            raise OutboxError("SMTP is not configured: set AFTERWORD_SMTP_HOST (and smtp_port, "
                              "smtp_security, smtp_user)")
        message = _message_for(session, note, route.settings, now=now,
                               reply_to=route.reply_to)
        before = {str(f.get("code")) for f in (note.report or {}).get("findings", [])}
        report = check_saved(session, note, settings, now=now)
        if report.has_errors and not forced:
            errors = [f"{f.code} {f.name}: {f.message}" for f in report.findings
                      if str(f.severity) == "error"]
            return Outcome(note_id, "blocked", "sending is blocked by the check: "
                           + " | ".join(errors) + " (fix them, or --force --reason \"…\")")
        held = [f"{f.code} {f.name}: {f.message}" for f in report.findings
                if f.code in hold and f.code not in before]
        if held:
            return Outcome(note_id, "held", "not sent: since it was scheduled, the check found "
                           + " | ".join(held))
        return _Ready(message, str(message["Message-ID"]), note.status, route)


def ensure_sendable(note: Note, sources: tuple[str, ...] = SENDABLE) -> None:
    """Refuse a note that cannot be sent from its state (OutboxError says what to do)."""
    if note.medium != "email":
        raise OutboxError(f"note {note.id} is a {note.medium} note, not an email")
    hints = {
        "sent": "was already sent" + (f" on {note.sent_at:%Y-%m-%d %H:%M}"
                                      if note.sent_at else ""),
        "mailed": "was already mailed",
        "sending": "is being sent, or its send was interrupted: run "
                   f"`afterword reconcile {note.id}`",
        "uncertain": "may already have been delivered: check your Sent folder, then run "
                     f"`afterword reconcile {note.id} --sent` or `--not-sent`",
        "failed": f"failed ({note.last_error}); to send it again run "
                  f"`afterword reconcile {note.id} --not-sent` first",
    }
    if note.status not in sources:
        if note.status in SENDABLE:
            raise OutboxError(f"note {note.id} is {note.status}, not {' or '.join(sources)}")
        raise OutboxError(f"note {note.id} {hints.get(note.status, 'cannot be sent')}")


def _message_for(session: Session, note: Note, settings: Settings, *,
                 now: datetime, reply_to: str | None = None) -> EmailMessage:
    person = note.person
    if person is None or not person.email:
        raise OutboxError(f"note {note.id} has no recipient with an email address")
    try:
        to = mail_message.mailbox(person.name, person.email, "recipient")
        sender = mail_message.mailbox(settings.user_name, settings.user_email, "sender "
                                      "(AFTERWORD_USER_EMAIL)")
        extra = {"Reply-To": str(mail_message.mailbox(settings.user_name, reply_to,
                                                      "reply-to"))} if reply_to else None
    except mail_message.InvalidAddress as exc:
        raise OutboxError(str(exc)) from None
    message_id = note.message_id or mail_message.new_message_id(sender)
    return mail_message.build(to=to, sender=sender, subject=note.subject, body=note.body,
                              message_id=message_id, date=now, extra=extra)


def _claim(url: str, note_id: int, message_id: str, force_reason: str | None, now: datetime,
           *, sources: tuple[str, ...] = SENDABLE, lease: float = 90.0) -> str | None:
    """→ sending (from `sources`), fixing the Message-ID; None unless this call won the note.

    `sources` is the state the note was checked in, so a note changed meanwhile is not sent.
    """
    with session_scope(url) as session:
        if not states.move(session, note_id, states.SENDING, sources=sources,
                           sent_at=now, last_error=None,
                           message_id=func.coalesce(Note.message_id, message_id),
                           forced_reason=force_reason, send_owner=states.this_process(),
                           send_lease_until=time.time() + lease, attempts=Note.attempts + 1):
            return None
        return session.scalar(select(Note.message_id).where(Note.id == note_id))


def _deliver(url: str, note_id: int, ready: _Ready, settings: Settings, *, now: datetime,
             password: str | None, sleep: Callable[[float], None],
             transport: Transport | None, tries: int) -> Outcome:
    from afterword.mail import smtp

    send = transport or smtp.send
    for attempt in range(1, tries + 1):
        if attempt > 1:  # the claim counted the first
            _touch(url, note_id, lease_seconds(settings), attempts=Note.attempts + 1)
        try:
            result = send(ready.message, settings, password=password)
        except TemporaryFailure as exc:
            if attempt < tries:
                pause = settings.send_backoff_seconds * 2 ** (attempt - 1)
                _touch(url, note_id, pause + lease_seconds(settings))
                sleep(pause)
                continue
            return _put_back(url, note_id, ready, f"{exc} (after {attempt} attempts)")
        except UncertainDelivery as exc:
            detail = f"{exc}; check your Sent folder, then `afterword reconcile {note_id}`"
            _set(url, note_id, states.UNCERTAIN, last_error=detail)
            return Outcome(note_id, "uncertain", detail, ready.message_id)
        except PermanentFailure as exc:
            return _failed(url, note_id, ready, exc)
        return _record_sent(url, note_id, result, now)
    raise AssertionError("unreachable")  # pragma: no cover


def _put_back(url: str, note_id: int, ready: _Ready, detail: str) -> Outcome:
    """Nothing was delivered: the note goes back to where it was, to be sent later."""
    _set(url, note_id, ready.previous, last_error=detail)
    return Outcome(note_id, "retry-later", f"not sent, try again later: {detail}",
                   ready.message_id)


def _failed(url: str, note_id: int, ready: _Ready, exc: PermanentFailure) -> Outcome:
    if not exc.per_recipient:  # refused before any recipient was named: login, TLS, settings
        _set(url, note_id, ready.previous, last_error=str(exc))
        return Outcome(note_id, "failed", f"not sent: {exc}", ready.message_id)
    _set(url, note_id, states.FAILED, last_error=str(exc))
    return Outcome(note_id, "failed", f"not delivered: {exc}", ready.message_id,
                   exc.per_recipient)


def _record_sent(url: str, note_id: int, result: SendResult, now: datetime) -> Outcome:
    refused = "; ".join(f"{a}: {r}" for a, r in result.refused.items())
    with session_scope(url) as session:  # from wherever the note went meanwhile (reconciled)
        states.move(session, note_id, states.SENT, sources=states.IN_FLIGHT_MEETS, sent_at=now,
                    last_error=f"refused: {refused}" if refused else None, send_owner=None,
                    send_lease_until=None)
        _audit_sent(session, note_id, now)
    accepted = ", ".join(result.accepted)
    detail = f"sent to {accepted}" + (f"; refused: {refused}" if refused else "")
    return Outcome(note_id, "sent", detail, result.message_id, dict(result.refused))


def _audit_sent(session: Session, note_id: int, now: datetime) -> None:
    """Server mode: every send lands in the audit log (whose note, which; no content),
    whoever sent it — the Send button, the CLI or a worker."""
    from afterword.services.audit import record
    from afterword.store.accounts import User
    from afterword.store.tables import Application

    owner = session.execute(select(Application.owner_id, User.organisation_id)
                            .join(Note, Note.application_id == Application.id)
                            .join(User, User.id == Application.owner_id)
                            .where(Note.id == note_id)).first()
    if owner is not None:
        record(session, "send", now=now, actor_id=None, subject_id=owner[0],
               organisation_id=owner[1], detail={"note_id": note_id})


def _set(url: str, note_id: int, target: str, **values: Any) -> bool:
    """This attempt ends: `sending` → `target`; whether the note was still `sending`."""
    with session_scope(url) as session:
        return states.move(session, note_id, target, sources=(states.SENDING,),
                           send_owner=None, send_lease_until=None, **values)


def _touch(url: str, note_id: int, seconds: float, **values: Any) -> None:
    """Renew the lease of a note this process is sending (and record the attempt)."""
    with session_scope(url) as session:
        _execute(session, update(Note).where(Note.id == note_id, Note.status == states.SENDING)
                 .values(send_lease_until=time.time() + seconds, **values))


def _execute(session: Session, statement: Any) -> int:
    result = cast(CursorResult[Any], session.execute(
        statement.execution_options(synchronize_session=False)))
    return int(result.rowcount)


def send_pending(url: str, settings: Settings, *, now: datetime, password: str | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 ids: Iterable[int] | None = None) -> list[Outcome]:
    """Send every approved email note (or those of `ids`), each at most once."""
    with session_scope(url) as session:
        query = select(Note.id).where(Note.status == "approved", Note.medium == "email")
        if ids is not None:
            query = query.where(Note.id.in_(list(ids)))
        pending = list(session.scalars(query.order_by(Note.id)))
    outcomes = []
    for note_id in pending:
        try:
            outcomes.append(send_note(url, note_id, settings, now=now, password=password,
                                      sleep=sleep))
        except (OutboxError, repo.NotFound) as exc:
            outcomes.append(Outcome(note_id, "skipped", str(exc)))
    return outcomes


def recover_interrupted(url: str, *, now: datetime, wall: float | None = None) -> list[int]:
    """Notes left `sending` by an attempt that is provably over: `uncertain` (never resent).

    Over means past its lease (the SMTP deadline plus a margin, on the wall clock `wall`)
    or its process gone; a row from before leases counts by `now` - `LEGACY_STALE`.
    """
    wall = time.time() if wall is None else wall
    with session_scope(url) as session:
        rows = list(session.execute(select(Note.id, Note.sent_at, Note.send_owner,
                                           Note.send_lease_until)
                                    .where(Note.status == states.SENDING)))
    detail = ("the send was interrupted: it may or may not have been delivered; check your "
              "Sent folder, then `afterword reconcile`")
    return [i for i, began, owner, lease in rows
            if _over(began, owner, lease, now=now, wall=wall)
            and _set(url, i, states.UNCERTAIN, last_error=detail)]


def _over(began: datetime | None, owner: str | None, lease: float | None, *, now: datetime,
          wall: float) -> bool:
    if lease is None and owner is None:
        return began is None or began <= now - LEGACY_STALE
    return states.attempt_over(owner, lease, wall)


def reconcile(url: str, note_id: int, *, sent: bool | None, now: datetime,
              find_in_sent: Callable[[str], bool] | None = None,
              wall: float | None = None) -> str:
    """Settle an uncertain (or interrupted, or failed) send; returns what was decided.

    A note still `sending` is refused until its attempt is provably over: deciding while
    the server may still answer is how a second copy would go out.
    """
    wall = time.time() if wall is None else wall
    with session_scope(url) as session:
        note = repo.get_note(session, note_id)
        status, message_id, began = note.status, note.message_id, note.sent_at
        owner, lease = note.send_owner, note.send_lease_until
    if status not in {states.UNCERTAIN, states.SENDING, states.FAILED}:
        raise OutboxError(f"note {note_id} is {status}: there is nothing to reconcile")
    if status == states.SENDING and not _over(began, owner, lease, now=now, wall=wall):
        wait = max(0, int((lease or wall) - wall)) + 1
        raise OutboxError(f"note {note_id} is being sent right now: wait for that attempt to "
                          f"end (at most {wait} s), then reconcile if it is still unsettled")
    if sent is None:
        if find_in_sent is None:
            raise OutboxError("say --sent or --not-sent (or configure IMAP, imap_host, so "
                              "afterword can look for it in your Sent folder)")
        if status == states.FAILED or not message_id or not find_in_sent(message_id):
            return (f"note {note_id}: {message_id or 'its message'} is not in your Sent folder; "
                    "it stays as it is (if your provider does not keep sent mail there, "
                    "use --sent or --not-sent)")
        sent = True
    return _settle(url, note_id, status, sent=sent, message_id=message_id, at=began or now)


def _settle(url: str, note_id: int, status: str, *, sent: bool, message_id: str | None,
            at: datetime) -> str:
    with session_scope(url) as session:
        if sent:
            if status == states.FAILED or not states.move(
                    session, note_id, states.SENT, sources=(states.UNCERTAIN, states.SENDING),
                    sent_at=at, last_error=None, send_owner=None, send_lease_until=None):
                raise OutboxError(f"note {note_id} failed: it was not delivered, so it cannot "
                                  "be marked sent")
            return f"note {note_id} is recorded as sent ({message_id})"
        states.move(session, note_id, states.APPROVED, sources=(status,),
                    last_error=f"{status}, then marked not sent by the user", send_owner=None,
                    send_lease_until=None)
    return f"note {note_id} is back in the outbox (approved); `afterword send {note_id}` sends it"
