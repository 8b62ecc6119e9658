"""Commands over stored applications: add, import, export, list, show, moment, status."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from afterword.cli.common import clock, fail, out, store
from afterword.vocab import InterviewFormat

moment_app = typer.Typer(help="Moments: what you talked about with each interviewer.",
                         no_args_is_help=True)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail(f"unknown time zone '{name}' (use an IANA name like America/New_York)") from None


def _ask(value: str | None, flag: str, question: str) -> str:
    if value:
        return value
    if sys.stdin.isatty():
        return str(typer.prompt(question))
    raise fail(f"missing {flag} (prompts are only asked on a terminal)")


def _when(text: str, zone: ZoneInfo, flag: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise fail(f"{flag} must look like 2026-11-20T14:00, not '{text}'") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def add_command(
    company: Annotated[str | None, typer.Option(help="The employer.")] = None,
    role: Annotated[str | None, typer.Option(help="The role interviewed for.")] = None,
    start: Annotated[str | None, typer.Option(help="Interview start, e.g. 2026-11-20T14:00.")]
    = None,
    minutes: Annotated[int | None, typer.Option(
        help="Interview length in minutes (default: the policy's interview_minutes).")] = None,
    timezone: Annotated[str, typer.Option(help="IANA time zone of the interview.")] = "UTC",
    interviewer: Annotated[list[str] | None, typer.Option(
        help='"Name <email>", repeatable.')] = None,
    scheduler: Annotated[str | None, typer.Option(help='"Name <email>" who arranged it.')]
    = None,
    reply_by: Annotated[str | None, typer.Option(help="When they said you would hear.")]
    = None,
    industry: Annotated[str | None, typer.Option(help="e.g. law, consulting, tech.")] = None,
    interview_format: Annotated[InterviewFormat, typer.Option(
        "--format", help="Where it took place.")] = InterviewFormat.ONSITE,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Record an application and its interview (asks for what the flags do not give)."""
    from afterword.services.applications import InterviewInput, create_application

    company = _ask(company, "--company", "Company")
    role = _ask(role, "--role", "Role")
    zone = _zone(timezone)
    begins = _when(_ask(start, "--start", "Interview start (2026-11-20T14:00)"), zone, "--start")
    people = [(p, "interviewer") for p in interviewer or []]
    if not people and sys.stdin.isatty():
        people = [(typer.prompt("Interviewer (Name <email>)"), "interviewer")]
    if scheduler:
        people.append((scheduler, "scheduler"))
    expected = _date(reply_by, "--reply-by") if reply_by else None
    ends = begins + timedelta(minutes=minutes) if minutes else None
    with store(config) as (session, settings):
        app = create_application(
            session, now=clock(), thresholds=settings.thresholds, company=company, role=role,
            industry=industry, timezone=timezone, expected_reply_by=expected, people=people,
            interview=InterviewInput(start=begins, end=ends, timezone=timezone,
                                     format=interview_format))
        out.print(Text(f"Recorded application {app.id}: {app.company}, {app.role}.",
                       style="green"))


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise fail(f"{flag} must be a date like 2026-12-04, not '{text}'") from None


def import_command(
    files: Annotated[list[Path], typer.Argument(
        help="Calendar invites (.ics) or a backup (.json).")],
    me: Annotated[list[str] | None, typer.Option(help="Your own address(es), left out.")] = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Import interview invites (.ics), or restore a JSON backup into an empty database."""
    from rich.progress import track

    from afterword.calendar.invite import InviteError
    from afterword.cli.identity import ensure_identity
    from afterword.cli.invite_questions import settle
    from afterword.identity import identity_of
    from afterword.services.invites import import_invite_bytes
    from afterword.store.backup import import_all

    with store(config) as (session, settings):
        settings = ensure_identity(settings, config)
        mine = identity_of(settings)
        own = {a.lower() for a in [*(me or []), *mine.emails] if a}
        for path in track(files, description="Importing", disable=len(files) < 5,
                          console=Console(stderr=True)):
            data = _read_bytes(path)
            if path.suffix.lower() == ".json" or data.lstrip()[:1] in {b"{", b"["}:
                count = import_all(session, _json(data, path))
                out.print(f"Restored {count} applications from {path}.")
                continue
            try:
                results = import_invite_bytes(session, data, own_emails=frozenset(own),
                                              now=clock(), user_name=mine.name)
            except InviteError as exc:
                raise fail(f"{path}: {exc}") from None
            for result in results:
                tag = f"[{result.application_id}] " if result.application_id else ""
                out.print(Text(f"{result.outcome}: {tag}{result.summary}"))
                settle(session, result.questions, settings, config, own)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}") from None


def _json(data: bytes, path: Path) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise fail(f"{path} is not a JSON backup: {exc}") from None


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
        output.write_text(text, encoding="utf-8")
        Console(stderr=True).print(f"Wrote {output}.")


def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Every application, newest first."""
    from afterword.services.tracker import latest_interview
    from afterword.store import repo

    with store(config) as (session, _):
        apps = repo.list_applications(session)
        rows = [{"id": a.id, "company": a.company, "role": a.role, "status": a.status,
                 "interview": _iso(latest_interview(a)), "people": len(a.people),
                 "notes": len(a.notes)} for a in apps]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        out.print("No applications yet. Add one with `afterword add` or `afterword import "
                  "invite.ics`.")
        return
    table = Table(title="Applications")
    for column in ("id", "company", "role", "status", "interview", "people", "notes"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(str(row[c] or "")) for c in
                        ("id", "company", "role", "status", "interview", "people", "notes")))
    out.print(table)


def _iso(interview: Any) -> str | None:
    return f"{interview.start:%Y-%m-%d %H:%M} ({interview.timezone})" if interview else None


def register(app: typer.Typer) -> None:
    """Add the tracker commands to the app."""
    from afterword.cli import tracker_show

    app.command("add")(add_command)
    app.command("import")(import_command)
    app.command("export")(export_command)
    app.command("list")(list_command)
    tracker_show.register(app, moment_app)
    app.add_typer(moment_app, name="moment")
