"""Commands about what to do: today, plan, advise, calendar."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from afterword.cli.common import clock, out, store
from afterword.private import private_write

_STYLE = {"overdue": "bold red", "closing": "bold yellow", "due": "yellow", "upcoming": "cyan"}


def today_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """What to do now, most urgent first: closing thank-you windows, check-ins, cards."""
    from afterword.schemas import TodayItem, dumps
    from afterword.services.agenda import agenda_for

    now = clock()
    with store(config) as (session, settings):
        items = agenda_for(session, settings, now)
    if as_json:
        typer.echo(dumps([TodayItem.of(i) for i in items]))
        return
    if not items:
        out.print(Text("Nothing to do today. afterword will tell you when a follow-up is due.",
                       style="green"))
        return
    table = Table(title=f"Today, {now:%A %d %B}")
    for column in ("", "what", "when", "why"):
        table.add_column(column)
    for item in items:
        table.add_row(Text(item.urgency, style=_STYLE.get(item.urgency, "")),
                      Text(f"[{item.application_id}] {item.title}"),
                      Text(_when(item.due, now, item.hours_left)), Text(item.detail))
    out.print(table)


def _when(due: datetime, now: datetime, hours_left: float | None) -> str:
    """When to act: a thank-you past its one-day mark but still open is due now."""
    from afterword.plan.today import describe_when

    if hours_left is None:
        return describe_when(due, now)
    if due <= now:
        return "now"
    return f"{describe_when(due, now)} ({int(hours_left)} h left)"


def plan_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """The follow-up timeline, in the employer's time zone, business days only."""
    from afterword.plan.today import describe_when
    from afterword.schemas import PlanStep, dumps
    from afterword.services.agenda import plan_for

    now = clock()
    with store(config) as (session, settings):
        made = plan_for(session, app_id, settings, now, record=True)
        app, steps = made.application, made.steps
        title = f"{app.company}: {app.role} ({app.status})"
    if as_json:
        typer.echo(dumps([PlanStep.of(s) for s in steps]))
        return
    if not steps:
        out.print(Text(f"{title}: nothing more to plan.", style="green"))
        return
    table = Table(title=title)
    for column in ("step", "when", "why"):
        table.add_column(column)
    for step in steps:
        label = step.kind.replace("_", " ") + (f" {step.number}" if step.kind == "check_in" else "")
        table.add_row(Text(label), Text(describe_when(step.due, now)), Text(step.reason))
    out.print(table)


def advise_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    person: Annotated[str | None, typer.Option(help="Only for this person.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for scripts.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Email, a handwritten card, or both — with the reasons and, for paper, a checklist."""
    from afterword.schemas import AdvicePublic, dumps
    from afterword.services.agenda import advice_for
    from afterword.services.people import find_person
    from afterword.store import repo

    with store(config) as (session, settings):
        app = repo.get_application(session, app_id)
        who = find_person(app, person) if person else None
        advice = advice_for(app, who, settings, clock())
    if as_json:
        typer.echo(dumps(AdvicePublic.of(advice)))
        return
    out.print(Text(f"Send: {advice.medium}", style="bold"))
    for reason in advice.reasons:
        out.print(Text(f"  • {reason}"))
    if advice.checklist:
        out.print(Text("For the card:", style="bold"))
        for line in advice.checklist:
            out.print(Text(f"  ☐ {line}"))


def calendar_command(
    app_id: Annotated[int | None, typer.Argument(metavar="[ID]", help="One application.")]
    = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The .ics file.")]
    = None,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """The follow-up plan as calendar events with reminders (stable UIDs: re-import updates)."""
    from afterword.calendar.export import events_to_ics
    from afterword.services.agenda import calendar_for

    with store(config) as (session, settings):
        data = events_to_ics(calendar_for(session, settings, clock(), app_id))
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        private_write(output, data)
        out.print(Text(f"Wrote {output}.", style="green"))


def register(app: typer.Typer) -> None:
    """Add the agenda commands."""
    app.command("today")(today_command)
    app.command("plan")(plan_command)
    app.command("advise")(advise_command)
    app.command("calendar")(calendar_command)
