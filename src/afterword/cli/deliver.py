"""Delivery commands: send, reconcile, draft-to-mailbox, eml, mailto, ask-review."""

from __future__ import annotations

import sys
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from afterword.cli.common import clock, err, fail, outbox_errors, password_for, settings_from, store
from afterword.private import private_write
from afterword.report import ExitCode

if TYPE_CHECKING:
    from afterword.config import Settings
    from afterword.store.tables import Note

NoteArg = Annotated[int, typer.Argument(help="The note's id (see `afterword show`).")]
ConfigOpt = Annotated[Path | None, typer.Option(help="An afterword.toml to use.")]


def send_command(
    note_id: NoteArg,
    force: Annotated[bool, typer.Option("--force", help="Send despite error findings.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why it is forced (recorded).")] = None,
    at: Annotated[str | None, typer.Option(
        "--at", metavar="WHEN",
        help="Schedule instead of sending now: 'best' (the policy's first good moment), an "
             "ISO time, or words ('tomorrow 9am', 'Monday 09:30') in the recipient's time "
             "zone. `afterword worker` (or `serve`) sends it then.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Send a note by email (SMTP), at most once; exit 1 if it failed or may not have gone."""
    from afterword.services.outbox import send_note
    from afterword.services.tracker import database_url

    if force and not (reason or "").strip():
        raise fail('--force needs --reason "…" (it is recorded with the note)')
    if reason and not force:
        raise fail("--reason goes with --force")
    settings = settings_from(config)
    if at is not None:
        if force:
            raise fail("--force cannot be scheduled: fix the errors, or send it now")
        _schedule(note_id, at, settings)
        return
    with outbox_errors():
        outcome = send_note(database_url(settings), note_id, settings, now=clock(),
                            force_reason=reason if force else None,
                            password=password_for("smtp", settings))
    if outcome.sent:
        typer.echo(f"note {note_id}: {outcome.detail} (Message-ID {outcome.message_id})")
        return
    for address, reply in outcome.refused.items():
        err.print(f"afterword: {address}: {reply}", markup=False)
    err.print(f"afterword: note {note_id} {outcome.status}: {outcome.detail}", markup=False)
    raise typer.Exit(int(ExitCode.FINDINGS))


def _schedule(note_id: int, when: str, settings: Settings) -> None:
    from afterword.services.schedule import WhenError, schedule
    from afterword.services.tracker import database_url

    now = clock()
    with outbox_errors():
        try:
            done = schedule(database_url(settings), note_id, when, settings, now=now)
        except WhenError as exc:
            raise fail(str(exc)) from None
    if done.blocked:
        err.print(f"afterword: note {note_id} not scheduled: {done.blocked}", markup=False)
        raise typer.Exit(int(ExitCode.FINDINGS))
    mine = done.at.astimezone()  # this computer's zone
    typer.echo(f"note {note_id} will go {done.at:%A %d %B %Y at %H:%M} their time "
               f"({done.zone}; {mine:%a %H:%M} yours) when `afterword worker` or "
               f"`afterword serve` is running; `afterword unschedule {note_id}` cancels it")


def unschedule_command(note_id: NoteArg, config: ConfigOpt = None) -> None:
    """Cancel a scheduled send: the note goes back to approved and nothing is sent."""
    from afterword.services.schedule import unschedule
    from afterword.services.tracker import database_url

    settings = settings_from(config)
    with outbox_errors():
        typer.echo(unschedule(database_url(settings), note_id, now=clock()))


def reconcile_command(
    note_id: NoteArg,
    sent: Annotated[bool | None, typer.Option(
        "--sent/--not-sent", help="What you found in your Sent folder.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Settle a send that may or may not have gone (by hand, or via IMAP's Sent folder)."""
    from afterword.mail import imap
    from afterword.services.outbox import reconcile
    from afterword.services.tracker import database_url

    settings = settings_from(config)
    finder = None
    if sent is None and settings.imap_host:
        password = password_for("imap", settings)

        def finder(message_id: str) -> bool:
            return imap.find_sent(message_id, settings, password)

    with outbox_errors():
        typer.echo(reconcile(database_url(settings), note_id, sent=sent, now=clock(),
                             find_in_sent=finder))


def _parts(note: Note, settings: Settings) -> tuple[Address, Address | None]:
    from afterword.mail.message import InvalidAddress, mailbox

    person = note.person
    if person is None or not person.email:
        raise fail(f"note {note.id} has no recipient with an email address")
    try:
        to = mailbox(person.name, person.email, "recipient")
        sender = (mailbox(settings.user_name, settings.user_email, "sender")
                  if settings.user_email else None)
    except InvalidAddress as exc:
        raise fail(str(exc)) from None
    return to, sender


def _need_sender(sender: Address | None) -> Address:
    if sender is None:
        raise fail("set AFTERWORD_USER_EMAIL (your address) first")
    return sender


def draft_to_mailbox_command(note_id: NoteArg, config: ConfigOpt = None) -> None:
    """Put the note in your mailbox's Drafts folder (IMAP), to send from your mail program."""
    from afterword.mail import imap
    from afterword.mail.message import build, new_message_id
    from afterword.store.repo import get_note

    with store(config) as (session, settings):
        note = get_note(session, note_id)
        to, sender = _parts(note, settings)
        sender = _need_sender(sender)
        message = build(to=to, sender=sender, subject=note.subject, body=note.body,
                        message_id=new_message_id(sender), date=clock())
    with outbox_errors():
        folder = imap.append_draft(message, settings, password_for("imap", settings))
    typer.echo(f"note {note_id} is in your {folder} folder")


def eml_command(
    note_id: NoteArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Write the note as an RFC 5322 .eml file (stdout without -o), opened as a draft."""
    from email import policy

    from afterword.compose.eml import build_message
    from afterword.store.repo import get_note

    with store(config) as (session, settings):
        note = get_note(session, note_id)
        to, sender = _parts(note, settings)
        message = build_message(to_name=to.display_name, to_email=to.addr_spec,
                                from_name=sender.display_name if sender else None,
                                from_email=sender.addr_spec if sender else None,
                                subject=note.subject, body=note.body)
    message["X-Unsent"] = "1"  # mail programs open it as a draft, ready to send
    data = message.as_bytes(policy=policy.SMTP)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    try:
        private_write(output, data)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}")


def mailto_command(note_id: NoteArg, config: ConfigOpt = None) -> None:
    """Print a mailto: link that opens the note in your mail program."""
    from afterword.mail.links import mailto
    from afterword.store.repo import get_note

    with store(config) as (session, settings):
        note = get_note(session, note_id)
        to, _sender = _parts(note, settings)
        typer.echo(mailto(to, note.subject, note.body))


def ask_review_command(
    note_id: NoteArg,
    to: Annotated[str, typer.Option("--to", help="Your reader's address.")],
    config: ConfigOpt = None,
) -> None:
    """Email the draft to a friend for review: marked as a draft, no interviewer's address."""
    from afterword.mail import smtp

    message, friend = _review(note_id, to, config)
    settings = settings_from(config)
    with outbox_errors():
        smtp.send(message, settings, password=password_for("smtp", settings))
    typer.echo(f"note {note_id} went to {friend} for review (not to the interviewer)")


def _review(note_id: int, to: str, config: Path | None) -> tuple[EmailMessage, str]:
    from afterword.mail.message import InvalidAddress, mailbox
    from afterword.mail.review import review_message
    from afterword.store.repo import get_application, get_note

    with store(config) as (session, settings):
        note = get_note(session, note_id)
        app = get_application(session, note.application_id)
        hidden = {p.email.lower() for p in app.people if p.email}
        name, address = parseaddr(to)
        try:
            friend = mailbox(name, address if address else to, "reviewer")
        except InvalidAddress as exc:
            raise fail(str(exc)) from None
        if friend.addr_spec.lower() in hidden:
            raise fail(f"{friend.addr_spec} is someone at {app.company}: ask a friend instead")
        _to, sender = _parts(note, settings)
        message = review_message(
            friend=friend, sender=_need_sender(sender), subject=note.subject, body=note.body,
            report=note.report, addressee=note.person.name if note.person else "",
            company=app.company, hidden=hidden, date=clock())
    return message, friend.addr_spec


def register(app: typer.Typer) -> None:
    """Add the delivery commands to `app`."""
    app.command("send")(send_command)
    app.command("unschedule")(unschedule_command)
    app.command("reconcile")(reconcile_command)
    app.command("draft-to-mailbox")(draft_to_mailbox_command)
    app.command("eml")(eml_command)
    app.command("mailto")(mailto_command)
    app.command("ask-review")(ask_review_command)
