"""The worker: one pass does the due work; `afterword worker` and `afterword serve` loop it.

Each pass first turns sends whose attempt is provably over into `uncertain`
(`outbox.recover_interrupted`), then claims due rows one at a time (`store.due`) and does
each: a scheduled send (re-checked now; a thank-you whose window closed waits for the
user; a 4xx comes due again after a backoff), the periodic IMAP reconcile of uncertain
notes, and the daily digest. The note's own claim (scheduled → sending) is what makes a
send happen at most once, whichever worker, CLI command or web request gets there first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from afterword.config import Settings
from afterword.services import notes as states
from afterword.services import outbox
from afterword.services.schedule import window_closed
from afterword.store import due, repo
from afterword.store.db import session_scope
from afterword.store.tables import DueWork

log = logging.getLogger("afterword.worker")

RECONCILE_KEY, DIGEST_KEY = "reconcile", "digest"
RECONCILE_EVERY = timedelta(minutes=15)
MAX_ROWS_PER_PASS = 200
# found when due but not when scheduled, these hold a send for the user: the note is late
# (AW403) or its time words no longer fit the day it goes (AW405)
HOLD_ON = frozenset({"AW403", "AW405"})


@dataclass(frozen=True)
class Done:
    """What one row of due work came to."""

    key: str
    outcome: str  # sent, waiting, retry, blocked, failed, uncertain, skipped, done
    detail: str = ""


@dataclass
class Context:
    """What a pass needs: where, with what settings, and the clocks (both injectable)."""

    url: str
    settings: Settings
    now: datetime
    wall: float
    password: str | None = None
    imap_password: str | None = None
    local_zone: tzinfo | None = None
    transport: outbox.Transport | None = None
    owner: str = ""
    # server mode: the account this pass works for (its periodic rows are its own), and the
    # handlers of the due work only server mode has ("account_mail")
    account: int | None = None
    handlers: Mapping[str, Handler] = field(default_factory=dict)


# a handler does one claimed row (Context, row id, key); the pass then finishes the row
# (an exception re-arms it for a retry, as for any due work)
Handler = Callable[[Context, int, str], Done]


def run_once(url: str, settings: Settings, *, now: datetime, wall: float | None = None,
             password: str | None = None, imap_password: str | None = None,
             local_zone: tzinfo | None = None,
             transport: outbox.Transport | None = None, account: int | None = None,
             handlers: Mapping[str, Handler] | None = None) -> list[Done]:
    """Do all the work due by `now` (wall: the real clock, for leases); what each came to.

    In server mode the caller acts for one `account` (`store.scope.acting_as`), so every
    row claimed and note sent is that account's, with its own settings and passwords.
    """
    ctx = Context(url, settings, now, time.time() if wall is None else wall, password,
                  imap_password, local_zone or now.astimezone().tzinfo, transport,
                  states.this_process(), account, dict(handlers or {}))
    outbox.recover_interrupted(url, now=now, wall=ctx.wall)
    _arm_periodic(ctx)
    done: list[Done] = []
    for _ in range(MAX_ROWS_PER_PASS):
        with session_scope(url) as session:
            row = due.claim_next(session, now=now, wall=ctx.wall, owner=ctx.owner,
                                 lease=outbox.lease_seconds(settings),
                                 over=states.attempt_over)
            claimed = None if row is None else (row.id, row.key, row.kind, row.note_id,
                                                row.attempts)
        if claimed is None:
            break
        done.append(_run(ctx, *claimed))
    return done


def _run(ctx: Context, row_id: int, key: str, kind: str, note_id: int | None,
         attempts: int) -> Done:
    try:
        if kind == due.SEND and note_id is not None:
            return _send(ctx, row_id, key, note_id, attempts)
        if kind == RECONCILE_KEY:
            return _reconcile(ctx, row_id, key)
        if kind == DIGEST_KEY:
            from afterword.services.digest import send_digest

            detail = send_digest(ctx.url, ctx.settings, now=ctx.now, password=ctx.password,
                                 transport=ctx.transport)
            _rearm(ctx, row_id, next_digest(ctx.settings, ctx.now, ctx.local_zone))
            return Done(key, "done", detail)
        handler = ctx.handlers.get(kind)
        if handler is not None:
            done = handler(ctx, row_id, key)
            _finish(ctx, row_id, error=None if done.outcome in {"done", "sent"}
                    else done.detail[:500])
            return done
    except Exception as exc:  # one bad row never stops the others; it is retried later
        log.exception("due work %s failed", key)
        _rearm(ctx, row_id, ctx.now + timedelta(minutes=5), error=str(exc)[:500])
        return Done(key, "error", str(exc))
    _finish(ctx, row_id)
    return Done(key, "skipped", f"unknown due work {kind}")


def _finish(ctx: Context, row_id: int, state: str = due.DONE, error: str | None = None) -> None:
    with session_scope(ctx.url) as session:
        due.finish(session, row_id, ctx.owner, state=state, error=error, now=ctx.now)


def _rearm(ctx: Context, row_id: int, at: datetime, *, attempts: int | None = None,
           error: str | None = None) -> None:
    with session_scope(ctx.url) as session:
        due.rearm(session, row_id, ctx.owner, due_at=at, now=ctx.now, attempts=attempts,
                  error=error)


def _send(ctx: Context, row_id: int, key: str, note_id: int, attempts: int) -> Done:
    with session_scope(ctx.url) as session:
        note = repo.get_note(session, note_id)
        status = note.status
        late = status == states.SCHEDULED and window_closed(
            repo.get_application(session, note.application_id), note, ctx.settings, ctx.now)
    if status != states.SCHEDULED:  # sent by hand meanwhile, or being sent: nothing to do
        _finish(ctx, row_id)
        return Done(key, "skipped", f"note {note_id} is {status}")
    if late:
        _finish(ctx, row_id, due.WAITING, "it came due after its thank-you window closed")
        return Done(key, "waiting", "the thank-you window closed: waiting for you")
    try:
        outcome = outbox.send_note(ctx.url, note_id, ctx.settings, now=ctx.now,
                                   password=ctx.password, transport=ctx.transport,
                                   sources=(states.SCHEDULED,), tries=1, hold=HOLD_ON)
    except (outbox.OutboxError, repo.NotFound) as exc:
        _finish(ctx, row_id, error=str(exc))
        return Done(key, "skipped", str(exc))
    return _after_send(ctx, row_id, key, note_id, attempts, outcome)


def _after_send(ctx: Context, row_id: int, key: str, note_id: int, attempts: int,
                outcome: outbox.Outcome) -> Done:
    if outcome.status == "held":  # its timing words went stale: the user decides
        _finish(ctx, row_id, due.WAITING, outcome.detail)
        return Done(key, "waiting", outcome.detail)
    if outcome.status == "retry-later" and attempts + 1 < max(1, ctx.settings.send_retries):
        pause = ctx.settings.send_backoff_seconds * 2 ** attempts
        _rearm(ctx, row_id, ctx.now + timedelta(seconds=pause), attempts=attempts + 1,
               error=outcome.detail)
        return Done(key, "retry", outcome.detail)
    if outcome.status in {"retry-later", "blocked"}:  # the user decides: back to approved
        with session_scope(ctx.url) as session:
            states.move(session, note_id, states.APPROVED, sources=(states.SCHEDULED,),
                        last_error=f"not sent at its time: {outcome.detail}")
    _finish(ctx, row_id, error=None if outcome.sent else outcome.detail)
    return Done(key, outcome.status, outcome.detail)


def _reconcile(ctx: Context, row_id: int, key: str) -> Done:
    from sqlalchemy import select

    from afterword.mail import imap
    from afterword.store.tables import Note

    with session_scope(ctx.url) as session:
        uncertain = list(session.scalars(select(Note.id).where(
            Note.status == states.UNCERTAIN, Note.message_id.is_not(None))))
    found = 0
    for note_id in uncertain:
        said = outbox.reconcile(ctx.url, note_id, sent=None, now=ctx.now, wall=ctx.wall,
                                find_in_sent=lambda mid: imap.find_sent(
                                    mid, ctx.settings, ctx.imap_password))
        found += "recorded as sent" in said
    _rearm(ctx, row_id, ctx.now + RECONCILE_EVERY)
    return Done(key, "done", f"{found} of {len(uncertain)} uncertain notes found in Sent")


def next_digest(settings: Settings, now: datetime, zone: tzinfo | None) -> datetime:
    """The next digest_hour o'clock after `now`, in the user's zone."""
    local = now.astimezone(zone)
    at = local.replace(hour=settings.digest_hour or 0, minute=0, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


def periodic_key(kind: str, account: int | None) -> str:
    """The key of a periodic row: the job's name, and in server mode the account's id."""
    return kind if account is None else f"{kind}:{account}"


def _arm_periodic(ctx: Context) -> None:
    """The periodic rows exist when their settings ask for them (and only then)."""
    with session_scope(ctx.url) as session:
        wanted = {RECONCILE_KEY: ctx.now if ctx.settings.imap_host else None,
                  DIGEST_KEY: (next_digest(ctx.settings, ctx.now, ctx.local_zone)
                               if ctx.settings.digest_hour is not None else None)}
        for kind, first in wanted.items():
            key = periodic_key(kind, ctx.account)
            row: DueWork | None = due.get(session, key)
            if first is None and row is not None:
                due.cancel(session, key)
            elif first is not None and row is None:
                due.arm(session, key=key, kind=kind, due_at=first, now=ctx.now,
                        user_id=ctx.account)


Secrets = Callable[[Settings], tuple[str | None, str | None]]


def stored_secrets(settings: Settings) -> tuple[str | None, str | None]:
    """The SMTP and IMAP passwords from the environment or the keyring (never prompted)."""
    from afterword.mail import find_password

    smtp = find_password("smtp", settings.smtp_user).value if settings.smtp_user else None
    imap = find_password("imap", settings.imap_user).value if settings.imap_user else None
    return smtp, imap


class Loop:
    """The worker loop: `afterword worker`, and a background thread in `afterword serve`.

    `settings` is read again on every pass (the web app's settings page may change them);
    `clock` gives `now`. A pass only acts on work that is due, so an idle loop sends nothing.
    """

    def __init__(self, url: str, settings: Callable[[], Settings], *, tick: float,
                 clock: Callable[[], datetime], secrets: Secrets = stored_secrets) -> None:
        self.url, self.settings, self.tick, self.clock = url, settings, tick, clock
        self.secrets = secrets
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="afterword-worker", daemon=True)

    def run(self) -> None:
        """Pass after pass until stopped; a failing pass is logged, and the next one runs."""
        while not self.stopping.is_set():
            try:
                settings = self.settings()
                password, imap_password = self.secrets(settings)
                run_once(self.url, settings, now=self.clock(), password=password,
                         imap_password=imap_password)
            except Exception:
                log.exception("a worker pass failed")
            self.stopping.wait(self.tick)

    def start(self) -> None:
        """Run in the background."""
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the current pass and stop."""
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout)
