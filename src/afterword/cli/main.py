"""The `afterword` command: thin Typer commands over the services."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from afterword.cli.common import OneLineErrors, err, fail

app = typer.Typer(
    name="afterword",
    help="Thank-you notes and follow-ups after a job interview, checked against the interview.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=OneLineErrors,
)
__all__ = ["app", "err", "fail", "run"]


@app.command("rules")
def rules_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List every rule: code, name, default severity and what it asks of a note."""
    from afterword.etiquette.catalogue import RULES

    if as_json:
        import json

        rows = [{"code": r.code, "name": r.name, "severity": str(r.severity),
                 "summary": r.summary} for r in RULES]
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="afterword rules", show_lines=False)
    for column in ("code", "name", "severity", "what it asks"):
        table.add_column(column)
    for rule in RULES:
        table.add_row(rule.code, rule.name, str(rule.severity), rule.summary)
    Console(highlight=False).print(table)


@app.command("explain")
def explain_command(code: Annotated[str, typer.Argument(help="A rule code, e.g. AW104.")]) -> None:
    """Explain one rule: why it matters and what to do."""
    from afterword.etiquette.catalogue import RULES, get_rule

    rule = get_rule(code)
    if rule is None:
        known = ", ".join(r.code for r in RULES)
        raise fail(f"unknown rule code '{code}' (known: {known})")
    out = Console(highlight=False)
    out.print(Text(f"{rule.code} {rule.name} ({rule.severity})", style="bold"))
    out.print(Text(rule.summary))
    out.print()
    out.print(Text(rule.rationale))
    applies = ", ".join(sorted(rule.kinds))
    out.print(Text(f"\nApplies to: {applies}; media: {', '.join(sorted(rule.media))}.",
                   style="dim"))


@app.command("example")
def example_command() -> None:
    """Check the shipped example note against its interview (what `make run` shows)."""
    from importlib.resources import files

    from afterword.cli.check import check_command

    base = files("afterword") / "examples"
    note = Path(str(base / "thank-you.eml"))
    context = Path(str(base / "interview.json"))
    Console(highlight=False).print(Text(f"afterword check {note.name} --context {context.name}",
                                        style="bold"))
    check_command(note=str(note), context=context, output_format="text", config=None,
                  fix=False, batch=None, jobs=None)


def _register() -> None:
    from afterword.cli import agenda, check, deliver, paper, tracker, web

    check.register(app)
    tracker.register(app)
    agenda.register(app)
    deliver.register(app)
    paper.register(app)
    web.register(app)
    try:
        from afterword.cli import draft
    except ImportError:  # drafting ships separately until it lands
        return
    draft.register(app)


_register()


def run() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("afterword: interrupted")
        sys.exit(130)
