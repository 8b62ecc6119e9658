"""Paper commands: `print` a note as a card to copy by hand, `mailed` once it went out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from afterword.cli.common import clock, fail, out, store
from afterword.private import private_write

if TYPE_CHECKING:
    from afterword.cards.pdf import CardJob
    from afterword.config import Settings
    from afterword.store.tables import Application, Note, Person

CARDS = ("a2", "a6", "4x6")
ENVELOPES = ("10", "dl", "c6", "a2")


def _choice(value: str, known: tuple[str, ...], flag: str) -> str:
    wanted = value.strip().lower().lstrip("#")
    if wanted not in known:
        raise fail(f"{flag} is one of {', '.join(known)}, not '{value}'")
    return wanted


def _lines(text: str | None) -> str | None:
    """An address typed on one line: a literal \\n (or a real line break) starts a new one."""
    if not text or not text.strip():
        return None
    return text.replace("\\n", "\n")


def _post_by(app: Application, settings: Settings, advised: date | None) -> date | None:
    """The plan's post-by date; without paper advice, the business day after the interview."""
    from afterword.plan.business import next_business_day
    from afterword.services.tracker import latest_interview

    if advised is not None:
        return advised
    interview = latest_interview(app)
    if interview is None:
        return None
    return next_business_day(interview.end.date(), settings.holidays_country)


@dataclass(frozen=True)
class _Options:
    card: str
    folded: bool
    envelope: str
    return_address: str | None


def _job(note: Note, app: Application, settings: Settings, options: _Options,
         now: datetime) -> CardJob:
    from afterword.cards.pdf import CardJob
    from afterword.services.agenda import advice_for

    person: Person | None = next((p for p in app.people if p.id == note.person_id), None)
    advice = advice_for(app, person, settings, now)
    return CardJob(
        note_text=note.body,
        recipient_name=person.name if person else f"The hiring team, {app.company}",
        recipient_address=person.mailing_address if person else None,
        return_name=settings.user_name or "",
        return_address=_lines(options.return_address), card=options.card,
        folded=options.folded, envelope=options.envelope,
        post_by=_post_by(app, settings, advice.post_by), checklist=advice.checklist,
        drop_off=app.drop_off, recipient_honorific=person.honorific if person else None,
        recipient_title=person.title if person else None, recipient_company=app.company,
        fix_hint=(f"add it with `afterword person {app.id} {person.id} --address "
                  '"…"`' if person else "add the person with their mailing address"))


def print_command(
    note_id: Annotated[int, typer.Argument(metavar="NOTE_ID", help="The note to print.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The PDF to write.")]
    = Path("card.pdf"),
    card: Annotated[str, typer.Option(help="Card size: a2, a6 or 4x6.")] = "a2",
    flat: Annotated[bool, typer.Option("--flat", help="A flat card, not a folded one.")]
    = False,
    envelope: Annotated[str, typer.Option(help="Envelope: 10, dl, c6 or a2.")] = "a2",
    return_address: Annotated[str | None, typer.Option(
        help=r'Your address for the envelope; "\n" between lines.')] = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """A PDF to copy the note by hand from: the card, the envelope and a checklist."""
    from afterword.cards.pdf import CardError, note_faces, render_card_pdf
    from afterword.plan.policy import long_date
    from afterword.store import repo

    options = _Options(_choice(card, CARDS, "--card"), not flat,
                       _choice(envelope, ENVELOPES, "--envelope"), return_address)
    now = clock()
    with store(config) as (session, settings):
        note = repo.get_note(session, note_id)
        app = repo.get_application(session, note.application_id)
        job = _job(note, app, settings, options, now)
    try:
        pdf, faces = render_card_pdf(job), note_faces(job)
    except CardError as exc:
        raise fail(str(exc)) from None
    try:
        private_write(output, pdf)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    when = f"; post it by {long_date(job.post_by)}" if job.post_by else ""
    out.print(Text(f"Wrote {output}: the note to copy, the envelope and the checklist{when}."))
    if len(faces) > 1:
        out.print(Text(f"The note does not fit one face at 12 pt: it runs over the "
                       f"{', '.join(faces)}.", style="yellow"))


def mailed_command(
    note_id: Annotated[int, typer.Argument(metavar="NOTE_ID", help="The note you posted.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Record that the handwritten card went out (status mailed, sent now)."""
    from afterword.services.notes import mark_mailed
    from afterword.store import repo

    now = clock()
    with store(config) as (session, _settings):
        note = repo.get_note(session, note_id)
        if not mark_mailed(note, now=now):
            out.print(Text(f"Note {note_id} was already recorded as mailed on "
                           f"{note.sent_at:%A %d %B %Y}." if note.sent_at else
                           f"Note {note_id} was already recorded as mailed."))
            return
    out.print(Text(f"Note {note_id} recorded as mailed on {now:%A %d %B %Y at %H:%M}.",
                   style="green"))


def register(app: typer.Typer) -> None:
    """Add the paper commands to the app."""
    app.command("print")(print_command)
    app.command("mailed")(mailed_command)
