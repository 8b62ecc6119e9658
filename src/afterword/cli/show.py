"""Commands about one application: show, moment add, status, person."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from afterword.cli.common import clock, out, store
from afterword.vocab import ApplicationStatus

moment_app = typer.Typer(help="Moments: what you talked about with each interviewer.",
                         no_args_is_help=True)


def show_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """One application: interviews, people (with their moments) and notes."""
    from afterword.schemas import ApplicationDetail, dumps
    from afterword.store import repo

    with store(config) as (session, _):
        detail = ApplicationDetail.of(repo.get_application(session, app_id))
    if as_json:
        typer.echo(dumps(detail))
        return
    data = detail.model_dump(mode="json")
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
    person: Annotated[str, typer.Argument(help="The person: id, email or (part of) the name.")],
    text: Annotated[str, typer.Argument(help="What you talked about.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Record a moment from your conversation with one interviewer."""
    from afterword.services.moments import add_moment
    from afterword.services.people import find_person
    from afterword.store import repo

    with store(config) as (session, _):
        who = find_person(repo.get_application(session, app_id), person)
        moment = add_moment(session, who, text)
        out.print(Text(f"Noted for {who.name}: {moment.text}", style="green"))


def moment_remove_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    person: Annotated[str, typer.Argument(help="The person: id, email or (part of) the name.")],
    which: Annotated[str, typer.Argument(
        metavar="MOMENT", help="Its number in `afterword show` (1, 2, …) or its text.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Forget a moment recorded for one person."""
    from afterword.services.moments import find_moment, remove_moment
    from afterword.services.people import find_person
    from afterword.store import repo

    with store(config) as (session, _):
        who = find_person(repo.get_application(session, app_id), person)
        moment = find_moment(who, which)
        text = moment.text
        remove_moment(session, moment.id, person=who)
        out.print(Text(f"Forgot for {who.name}: {text}", style="green"))


def status_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    status: Annotated[ApplicationStatus, typer.Argument(help="Where it stands now.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Set an application's status; a closed one stops its follow-ups."""
    from afterword.services.applications import set_status
    from afterword.store import repo

    with store(config) as (session, _):
        app = repo.get_application(session, app_id)
        set_status(session, app, status, now=clock())
        stops = " Follow-ups stop." if status != "active" else ""
        out.print(Text(f"{app.company}: {status}.{stops}", style="green"))


def register(app: typer.Typer) -> None:
    """Add the per-application commands."""
    app.command("show")(show_command)
    app.command("status")(status_command)
    moment_app.command("add")(moment_add_command)
    moment_app.command("remove")(moment_remove_command)
    app.add_typer(moment_app, name="moment")
