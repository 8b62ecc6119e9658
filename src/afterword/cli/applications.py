"""Commands over the stored applications as a whole: add, import, export, list."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from afterword.cli.common import clock, fail, out, store
from afterword.private import private_write
from afterword.vocab import InterviewFormat


def add_command(
    company: Annotated[str | None, typer.Option(help="The employer.")] = None,
    role: Annotated[str | None, typer.Option(help="The role interviewed for.")] = None,
    start: Annotated[str | None, typer.Option(
        help="Interview start: 2026-11-20T14:00, 'tomorrow 10am', 'Dec 3 2pm'.")] = None,
    minutes: Annotated[int | None, typer.Option(
        help="Interview length in minutes (default: the policy's interview_minutes).")] = None,
    timezone: Annotated[str | None, typer.Option(
        help="IANA time zone of the interview (default: this computer's).")] = None,
    interviewer: Annotated[list[str] | None, typer.Option(
        help='"Name <email>", repeatable.')] = None,
    scheduler: Annotated[str | None, typer.Option(help='"Name <email>" who arranged it.')]
    = None,
    reply_by: Annotated[str | None, typer.Option(
        help="When they said you would hear: 2026-12-04, 'Dec 18', 'in 2 weeks'.")] = None,
    industry: Annotated[str | None, typer.Option(help="e.g. law, consulting, tech.")] = None,
    interview_format: Annotated[InterviewFormat, typer.Option(
        "--format", help="Where it took place.")] = InterviewFormat.ONSITE,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Record an application and its interview (asks, on a terminal, what the flags do not
    give, and again after a bad answer)."""
    from afterword.cli.add_prompts import gather
    from afterword.cli.identity_prompts import ensure_identity
    from afterword.config import ConfigError, load_settings
    from afterword.identity import identity_of, read_person
    from afterword.services.applications import InterviewInput, create_application

    if minutes is not None and not 0 < minutes <= 24 * 60:
        raise fail("--minutes must be between 1 and 1440")
    try:
        settings = ensure_identity(load_settings(config), config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    me = identity_of(settings)
    answers = gather(company=company, role=role, timezone=timezone, start=start,
                     reply_by=reply_by, interviewers=list(interviewer or []), me=me,
                     now=clock())
    try:
        arranged = read_person(scheduler, me) if scheduler else None
    except ValueError as exc:
        raise fail(f"--scheduler: {exc}") from None
    people = [(name, email, "interviewer") for name, email in answers.people]
    if arranged:
        people.append((arranged[0], arranged[1], "scheduler"))
    ends = answers.start + timedelta(minutes=minutes) if minutes else None
    with store(config) as (session, _):
        app = create_application(
            session, now=clock(), thresholds=settings.thresholds, company=answers.company,
            role=answers.role, industry=industry, timezone=answers.zone.key,
            expected_reply_by=answers.reply_by, people=people,
            interview=InterviewInput(start=answers.start, end=ends, timezone=answers.zone.key,
                                     format=interview_format))
        out.print(Text(f"Recorded application {app.id}: {app.company}, {app.role}, "
                       f"{answers.start:%a %d %b %Y %H:%M} ({answers.zone.key}), "
                       f"{len(answers.people)} interviewer(s).", style="green"))


def import_command(
    files: Annotated[list[Path], typer.Argument(
        help="Calendar invites (.ics) or a backup (.json).")],
    me: Annotated[list[str] | None, typer.Option(help="Your own address(es), left out.")] = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Import interview invites (.ics), or restore a JSON backup into an empty database.

    All files or none: each is read and checked before anything is stored; what was stored
    is printed once it is, then any question about the invites' people is asked.
    """
    from afterword.cli.identity_prompts import ensure_identity
    from afterword.cli.invite_questions import settle
    from afterword.identity import identity_of
    from afterword.services.importing import ImportFailed, Source, import_sources

    sources = [Source(str(path), _read_bytes(path)) for path in files]
    with store(config) as (session, settings):
        settings = ensure_identity(settings, config)
        mine = identity_of(settings)
        own = {a.lower() for a in [*(me or []), *mine.emails] if a}
        try:
            outcomes = import_sources(session, sources, own_emails=frozenset(own), now=clock(),
                                      user_name=mine.name)
        except ImportFailed as exc:
            raise fail(str(exc)) from None
    for outcome in outcomes:  # printed once stored: every line is true
        if outcome.restored is not None:
            out.print(f"Restored {outcome.restored} applications from {outcome.name}.")
        for result in outcome.invites:
            tag = f"[{result.application_id}] " if result.application_id else ""
            prefix = f"{outcome.name}: " if len(outcomes) > 1 else ""
            out.print(Text(f"{prefix}{result.outcome}: {tag}{result.summary}"))
    questions = [q for o in outcomes for r in o.invites for q in r.questions]
    if questions:  # asked after the commit: no write lock is held while the user thinks
        with store(config) as (session, settings):
            settle(session, questions, settings, config, own)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}") from None


def export_command(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default stdout).")]
    = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Write every application, person, note and plan as one JSON backup."""
    from afterword.store.backup import export_all

    with store(config) as (session, _):
        text = json.dumps(export_all(session), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        private_write(output, text)
        Console(stderr=True).print(f"Wrote {output}.")


def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Every application, newest first."""
    from afterword.schemas import ApplicationRow, dumps
    from afterword.store import repo

    with store(config) as (session, _):
        rows = [ApplicationRow.of(a) for a in repo.list_applications(session)]
    if as_json:
        typer.echo(dumps(rows))
        return
    if not rows:
        out.print("No applications yet. Add one with `afterword add` or `afterword import "
                  "invite.ics`.")
        return
    table = Table(title="Applications")
    columns = ("id", "company", "role", "status", "interview", "people", "notes")
    for column in columns:
        table.add_column(column)
    for row in rows:
        shown = row.model_dump(mode="json")
        table.add_row(*(Text(str(shown[c] or "")) for c in columns))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add the commands over every application."""
    app.command("add")(add_command)
    app.command("import")(import_command)
    app.command("export")(export_command)
    app.command("list")(list_command)
