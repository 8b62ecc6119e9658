"""Commands about one application: show, moment add, status, person."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from afterword.cli.common import clock, out, store
from afterword.vocab import ApplicationStatus


def application_dict(app: Any) -> dict[str, Any]:
    """An application with its people, interviews and notes, for --json and `show`."""
    return {
        "id": app.id, "company": app.company, "aliases": list(app.aliases), "role": app.role,
        "industry": app.industry, "status": app.status, "timezone": app.timezone,
        "expected_reply_by": app.expected_reply_by.isoformat() if app.expected_reply_by else None,
        "interviews": [{"id": i.id, "start": i.start.isoformat(), "end": i.end.isoformat(),
                        "timezone": i.timezone, "format": i.format, "round": i.round,
                        "cancelled": i.cancelled} for i in app.interviews],
        "people": [{"id": p.id, "name": p.name, "role": p.role, "email": p.email,
                    "honorific": p.honorific, "title": p.title,
                    "spelling_confirmed": p.spelling_confirmed,
                    "moments": [m.text for m in p.moments]} for p in app.people],
        "notes": [{"id": n.id, "person_id": n.person_id, "kind": n.kind, "medium": n.medium,
                   "status": n.status, "subject": n.subject,
                   "counts": (n.report or {}).get("counts")} for n in app.notes],
    }


def show_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """One application: interviews, people (with their moments) and notes."""
    from afterword.store import repo

    with store(config) as (session, _):
        data = application_dict(repo.get_application(session, app_id))
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out.print(Text(f"{data['id']}: {data['company']} — {data['role']} ({data['status']})",
                   style="bold"))
    if data["expected_reply_by"]:
        out.print(Text(f"They said you would hear by {data['expected_reply_by']}."))
    for interview in data["interviews"]:
        flag = " (cancelled)" if interview["cancelled"] else ""
        out.print(Text(f"Interview round {interview['round']}: {interview['start']} "
                       f"{interview['timezone']}, {interview['format']}{flag}"))
    people = Table(title="People")
    for column in ("id", "name", "role", "email", "spelling", "moments"):
        people.add_column(column)
    for p in data["people"]:
        people.add_row(Text(str(p["id"])), Text(p["name"]), Text(p["role"]),
                       Text(p["email"] or "—"), Text("confirmed" if p["spelling_confirmed"]
                                                     else "unconfirmed"),
                       Text("; ".join(p["moments"]) or "—"))
    out.print(people)
    if data["notes"]:
        notes = Table(title="Notes")
        for column in ("id", "kind", "medium", "status", "subject", "findings"):
            notes.add_column(column)
        for n in data["notes"]:
            counts = n["counts"] or {}
            found = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or "clean"
            notes.add_row(Text(str(n["id"])), Text(n["kind"]), Text(n["medium"]),
                          Text(n["status"]), Text(n["subject"]), Text(found))
        out.print(notes)


def moment_add_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    person: Annotated[str, typer.Argument(help="The person: id, email or name.")],
    text: Annotated[str, typer.Argument(help="What you talked about.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Record a moment from your conversation with one interviewer."""
    from afterword.store import repo

    with store(config) as (session, _):
        app = repo.get_application(session, app_id)
        who = repo.find_person(app, person)
        repo.add_moment(session, who, text)
        out.print(Text(f"Noted for {who.name}: {text}", style="green"))


def status_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    status: Annotated[ApplicationStatus, typer.Argument(help="Where it stands now.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Set an application's status; a closed one stops its follow-ups."""
    from afterword.store import repo

    with store(config) as (session, _):
        app = repo.get_application(session, app_id)
        repo.set_status(app, status, clock())
        stops = " Follow-ups stop." if status != "active" else ""
        out.print(Text(f"{app.company}: {status}.{stops}", style="green"))


def person_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    person: Annotated[str, typer.Argument(help="The person: id, email or name.")],
    email: Annotated[str | None, typer.Option(help="Their own address.")] = None,
    honorific: Annotated[str | None, typer.Option(help="Dr., Ms., Mx., …")] = None,
    name: Annotated[str | None, typer.Option(help="The name, spelled as they spell it.")]
    = None,
    address: Annotated[str | None, typer.Option(help="Mailing address, for a card.")] = None,
    confirm: Annotated[bool, typer.Option(help="Mark the spelling as confirmed.")] = False,
    first_name: Annotated[bool | None, typer.Option(
        "--first-name/--formal", help="Were you on first-name terms?")] = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Correct or complete what is known about a person."""
    from afterword.cli.tracker import _person_arg
    from afterword.store import repo

    with store(config) as (session, _):
        who = repo.find_person(repo.get_application(session, app_id), person)
        if email is not None:
            who.email = _person_arg(f"<{email}>", "--email")[1]
        if name is not None:
            who.name = " ".join(name.split())
        for field, value in (("honorific", honorific), ("mailing_address", address)):
            if value is not None:
                setattr(who, field, value.strip() or None)
        if confirm:
            who.spelling_confirmed = True
        if first_name is not None:
            who.first_name_terms = first_name
        out.print(Text(f"Updated {who.name}.", style="green"))


def register(app: typer.Typer, moment_app: typer.Typer) -> None:
    """Add the per-application commands."""
    app.command("show")(show_command)
    app.command("status")(status_command)
    app.command("person")(person_command)
    moment_app.command("add")(moment_add_command)
