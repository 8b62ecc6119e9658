"""Server mode's worker: procrastinate, on the server's own PostgreSQL, runs the due work of
every account (`afterword server worker`; start as many as you like, on any host).

A periodic task (`afterword.sweep`, every `worker_tick_seconds`) finds the accounts with
work due — a scheduled send, a retry, an interrupted send to settle, a periodic reconcile
or digest, an invitation or reset mail — and defers one `afterword.account` job per
account (one queued at a time, and one running at a time, per account). Each job runs the
single-user due-work loop (`services.worker.run_once`) acting for that account only
(`store.scope.acting_as`): its rows, its settings, its mail passwords. The rows are still
claimed with a conditional update, so however many workers run, nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy import false, or_, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.services import clock, outbox
from afterword.services import notes as states
from afterword.services.audit import record
from afterword.services.worker import (
    DIGEST_KEY,
    RECONCILE_KEY,
    Context,
    Done,
    periodic_key,
    run_once,
    stored_secrets,
)
from afterword.store import due
from afterword.store.accounts import Organisation, User
from afterword.store.db import engine_for, session_scope
from afterword.store.scope import Scope, acting_as, system
from afterword.store.tables import Application, DueWork, Note

if TYPE_CHECKING:
    import procrastinate

log = logging.getLogger("afterword.server.worker")

QUEUE = "afterword"
SWEEP_TASK, ACCOUNT_TASK = "afterword.sweep", "afterword.account"
ACCOUNT_MAIL = "account_mail"  # payload {"to", "subject", "body"}: an invitation or a reset


class WorkerError(RuntimeError):
    """The worker cannot run here (not PostgreSQL, schema missing); the message says why."""


# -- which accounts have work --------------------------------------------------------------

def accounts_with_work(session: Session, *, now: datetime, wall: float) -> list[int]:
    """The enabled accounts with due work now (read with a `system` session), lowest first.

    Due: a pending row whose time has come, or a claim whose lease ran out; a note left
    `sending` (its interrupted attempt is settled in the account's pass); an account whose
    settings ask for a periodic job (reconcile, digest) that has no row yet.
    """
    ready = or_((DueWork.state == due.PENDING) & (DueWork.due_at <= now.timestamp()),
                (DueWork.state == due.CLAIMED)
                & or_(DueWork.lease_until.is_(None), DueWork.lease_until < wall))
    by_note = (select(Application.owner_id).join(Note, Note.application_id == Application.id)
               .join(DueWork, DueWork.note_id == Note.id).where(ready))
    by_user = select(DueWork.user_id).where(DueWork.user_id.is_not(None), ready)
    sending = (select(Application.owner_id).join(Note, Note.application_id == Application.id)
               .where(Note.status == states.SENDING))
    owners: set[int] = set()
    for query in (by_note, by_user, sending):
        owners.update(owner for owner in session.scalars(query) if owner is not None)
    owners |= _periodic_missing(session)
    enabled = set(session.scalars(select(User.id).where(User.id.in_(sorted(owners) or [-1]),
                                                        User.disabled == false())))
    return sorted(enabled)


def _periodic_missing(session: Session) -> set[int]:
    """Accounts whose own settings ask for a reconcile or a digest row they do not have."""
    kinds = (RECONCILE_KEY, DIGEST_KEY)
    have = set(session.scalars(select(DueWork.key).where(DueWork.kind.in_(kinds),
                                                         DueWork.user_id.is_not(None))))
    missing: set[int] = set()
    for user_id, values in session.execute(select(User.id, User.settings)
                                           .where(User.disabled == false())):
        values = values or {}
        wants = {RECONCILE_KEY: bool(values.get("imap_host")),
                 DIGEST_KEY: values.get("digest_hour") is not None}
        if any(on and periodic_key(kind, user_id) not in have for kind, on in wants.items()):
            missing.add(user_id)
    return missing


# -- one account's pass --------------------------------------------------------------------

@dataclass(frozen=True)
class Account:
    """What a pass for one account works with: who, and the settings in force."""

    user_id: int
    organisation_id: int
    scope: Scope
    settings: Settings
    imap_password: str | None = None


def own_scope(user: User) -> Scope:
    """The account's own rows only (a coach's pass never touches their candidates' work)."""
    me = frozenset({user.id})
    return Scope(user.id, user.organisation_id, user.role, readable=me, writable=me, users=me)


def load_account(session: Session, user_id: int, base: Settings) -> Account | None:
    """The account `user_id` as its pass sees it (None: gone or disabled).

    Its settings are `settings_for` (the server's, the house style, its own); the SMTP
    route and password are the outbox's business (`outbox.mail_route`), the IMAP password
    for the reconcile comes from the same route."""
    from afterword.server.secrets import SecretsUnavailable, UnreadableSecret
    from afterword.server.settings import settings_for
    from afterword.services.mail_settings import route_for
    from afterword.store.repo import Invalid

    system(session, "worker: an account's settings")
    user = session.get(User, user_id)
    if user is None or user.disabled:
        return None
    settings = settings_for(user, session.get(Organisation, user.organisation_id), base)
    imap_password = None
    if settings.imap_host:
        try:
            imap_password = route_for(session, user.id, settings).imap_password
        except (Invalid, SecretsUnavailable, UnreadableSecret) as exc:
            log.warning("account %s: no IMAP password for the reconcile: %s", user.id, exc)
    return Account(user.id, user.organisation_id, own_scope(user), settings, imap_password)


def account_pass(url: str, base: Settings, user_id: int, *, now: datetime,
                 wall: float | None = None,
                 transport: outbox.Transport | None = None,
                 server_password: str | None = None) -> list[Done]:
    """Do the work due for account `user_id` by `now`; what each row came to.

    `server_password`: the password of the server's own SMTP (AFTERWORD_SMTP_*), which
    sends the account mail (invitations, resets).
    """
    with session_scope(url) as session:
        account = load_account(session, user_id, base)
    if account is None:
        return []
    handlers = {ACCOUNT_MAIL: partial(send_account_mail, base=base, password=server_password)}
    with acting_as(account.scope):
        done = run_once(url, account.settings, now=now, wall=wall,
                        imap_password=account.imap_password, transport=transport,
                        account=account.user_id, handlers=handlers)
    _audit(url, account, done, now)
    return done


def _audit(url: str, account: Account, done: list[Done], now: datetime) -> None:
    """An audit entry for each account mail sent (no content; sends audit themselves)."""
    mails = [d for d in done if d.key.startswith(ACCOUNT_MAIL) and d.outcome == "done"]
    if not mails:
        return
    with session_scope(url) as session:
        system(session, "worker: the audit log")
        for item in mails:
            record(session, "account_mail", now=now, actor_id=None,
                   subject_id=account.user_id, organisation_id=account.organisation_id,
                   detail={"key": item.key, "by": "worker"})


# -- account mail (invitations, password resets) ---------------------------------------------

def send_account_mail(ctx: Context, row_id: int, key: str, *, base: Settings,
                      password: str | None) -> Done:
    """Send one invitation or reset mail (`due_work.payload`): through the organisation's
    relay when it has one, else the server's own SMTP (AFTERWORD_SMTP_*). The payload is
    sealed (`accounts.seal_account_mail`); once the mail is sent or given up it is cleared,
    so the link lives in the database only as its digest. An exception (the server cannot
    be reached) leaves it for the retry."""
    from afterword.server.secrets import SecretsUnavailable, UnreadableSecret
    from afterword.services.accounts import open_account_mail

    with session_scope(ctx.url) as session:
        system(session, "worker: an account mail and the way it goes")
        row = session.get(DueWork, row_id)
        payload = dict(row.payload or {}) if row is not None else {}
        user = session.get(User, row.user_id) if row is not None and row.user_id else None
        org = session.get(Organisation, user.organisation_id) if user is not None else None
        settings, password = server_mail(org, base, password)
    try:
        to, subject, body = open_account_mail(payload)
    except (SecretsUnavailable, UnreadableSecret) as exc:
        return _forget(ctx, row_id, Done(key, "failed", f"the account mail is sealed: {exc}"))
    return _forget(ctx, row_id, _deliver(ctx, key, settings, password, to, subject, body))


def _forget(ctx: Context, row_id: int, done: Done) -> Done:
    """The mail is sent or given up: its payload (with the one-time link) is cleared."""
    with session_scope(ctx.url) as session:
        system(session, "worker: an account mail is over")
        session.execute(update(DueWork).where(DueWork.id == row_id,
                                              DueWork.claimed_by == ctx.owner)
                        .values(payload=None).execution_options(synchronize_session=False))
    return done


def _deliver(ctx: Context, key: str, settings: Settings, password: str | None, to: str,
             subject: str, body: str) -> Done:
    from afterword.mail import PermanentFailure, UncertainDelivery, smtp
    from afterword.mail import message as mail_message

    if not to or not body:
        return Done(key, "failed", "the account mail has no recipient or no text")
    if not settings.smtp_host or not settings.user_email:
        return Done(key, "failed", "the server cannot send mail: set AFTERWORD_SMTP_HOST and "
                    "AFTERWORD_USER_EMAIL (the address invitations come from)")
    try:
        sender = mail_message.mailbox(settings.user_name or "afterword", settings.user_email,
                                      "sender (AFTERWORD_USER_EMAIL)")
        message = mail_message.build(to=mail_message.mailbox(None, to, "recipient"),
                                     sender=sender, subject=subject, body=body,
                                     message_id=mail_message.new_message_id(sender),
                                     date=ctx.now)
    except mail_message.InvalidAddress as exc:
        return Done(key, "failed", str(exc))
    try:
        (ctx.transport or smtp.send)(message, settings, password=password)
    except PermanentFailure as exc:
        return Done(key, "failed", f"not delivered: {exc}")
    except UncertainDelivery as exc:  # never sent twice: a new link can be asked for
        return Done(key, "uncertain", str(exc))
    return Done(key, "done", f"sent to {to}")


def server_mail(org: Organisation | None, base: Settings,
                password: str | None) -> tuple[Settings, str | None]:
    """How mail from the centre itself goes: its relay (sending as the relay's address),
    else the server's own SMTP with `password`."""
    relay = dict(org.relay or {}) if org is not None else {}
    if org is None or not relay.get("host") or not relay.get("from_address"):
        return base, password
    from afterword.server.secrets import vault

    settings = base.model_copy(update={
        "smtp_host": relay["host"], "smtp_port": relay.get("port", 587),
        "smtp_security": relay.get("security", "starttls"), "smtp_user": relay.get("user"),
        "user_name": relay.get("from_name") or org.name, "user_email": relay["from_address"]})
    return settings, vault().open(org.relay_secret) if org.relay_secret else None


# -- procrastinate -------------------------------------------------------------------------

def conninfo(url: str) -> str:
    """The libpq address of a SQLAlchemy PostgreSQL URL (postgresql+psycopg://…)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise WorkerError(f"server mode needs PostgreSQL, not {parsed.get_backend_name()} "
                          "(set AFTERWORD_DATABASE_URL=postgresql+psycopg://…)")
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def cron_for(tick: float) -> str:
    """procrastinate's cron (seconds in the 6th column) for a sweep every `tick` seconds."""
    seconds = max(1, round(tick))
    if seconds < 60:
        return f"* * * * * */{seconds}"
    return f"*/{max(1, min(59, seconds // 60))} * * * *"


def has_schema(url: str) -> bool:
    """Whether procrastinate's tables are in the database."""
    with engine_for(url).connect() as connection:
        return connection.execute(text("select to_regclass('procrastinate_jobs')")).scalar() \
            is not None


def apply_schema(url: str) -> bool:
    """Create procrastinate's tables once (`afterword server init`); whether it did."""
    import procrastinate

    if has_schema(url):
        return False
    app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(
        conninfo=conninfo(url)))
    with app.open():
        app.schema_manager.apply_schema()
    return True


def build_app(url: str, settings: Callable[[], Settings], *, tick: float,
              transport: outbox.Transport | None = None) -> procrastinate.App:
    """The procrastinate App with the sweep (periodic) and the per-account task."""
    import procrastinate
    from procrastinate.exceptions import AlreadyEnqueued
    from procrastinate.jobs import Status

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(url)))

    @app.task(name=ACCOUNT_TASK, queue=QUEUE)
    def account(user_id: int) -> int:
        base = settings()
        done = account_pass(url, base, user_id, now=clock.now(), transport=transport,
                            server_password=stored_secrets(base)[0])
        for item in done:
            log.info("account %s: %s %s %s", user_id, item.key, item.outcome, item.detail)
        return len(done)

    @app.periodic(cron=cron_for(tick), periodic_id="due-work")
    @app.task(name=SWEEP_TASK, queue=QUEUE, pass_context=False)
    async def sweep(timestamp: int) -> int:
        # a job whose worker died (no heartbeat) would hold its account's lock for ever;
        # its rows' leases run out, so the account's next job picks the work up again
        for job in await app.job_manager.get_stalled_jobs(queue=QUEUE):
            log.warning("job %s of a worker gone silent is given up: %s", job.id, job.lock)
            await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
        owners = await asyncio.to_thread(_owners, url)
        for user_id in owners:
            lock = f"afterword-account-{user_id}"
            try:
                await account.configure(lock=lock, queueing_lock=lock).defer_async(
                    user_id=user_id)
            except AlreadyEnqueued:  # its job is still waiting: it will see this work too
                continue
        return len(owners)

    return app


def _owners(url: str) -> list[int]:
    with session_scope(url) as session:
        system(session, "worker: which accounts have due work")
        return accounts_with_work(session, now=clock.now(), wall=time.time())


def run(url: str, settings: Callable[[], Settings], *, name: str, concurrency: int,
        tick: float, transport: outbox.Transport | None = None) -> None:
    """Run one worker until SIGINT/SIGTERM (the sweep and the account jobs of the queue)."""
    engine_for(url)  # migrated, or one line saying why not
    if not has_schema(url):
        raise WorkerError("procrastinate's tables are missing: run `afterword server init` "
                          "first")
    app = build_app(url, settings, tick=tick, transport=transport)
    app.run_worker(queues=[QUEUE], name=name, concurrency=concurrency,
                   delete_jobs="successful")
