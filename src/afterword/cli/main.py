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
    output_format: Annotated[
        str, typer.Option("--format", help="text, json, or markdown (the docs/rules.md page).")
    ] = "text",
) -> None:
    """List every rule: code, name, default severity, what it asks and where it lives."""
    from afterword.etiquette.engine.catalogue import RULES

    if output_format not in ("text", "json", "markdown"):
        raise fail(f"unknown format '{output_format}' (use text, json or markdown)")
    if output_format == "markdown":
        from afterword.etiquette.engine.reference import markdown

        typer.echo(markdown(), nl=False)
        return
    if as_json or output_format == "json":
        import json

        rows = [{"code": r.code, "name": r.name, "severity": str(r.severity),
                 "summary": r.summary, "module": r.module, "path": r.path} for r in RULES]
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="afterword rules", show_lines=False)
    for column in ("code", "name", "severity", "what it asks", "lives in"):
        table.add_column(column)
    for rule in RULES:
        table.add_row(rule.code, rule.name, str(rule.severity), rule.summary,
                      rule.path.removeprefix("src/afterword/etiquette/"))
    Console(highlight=False).print(table)


@app.command("explain")
def explain_command(code: Annotated[str, typer.Argument(help="A rule code, e.g. AW104.")]) -> None:
    """Explain one rule: why it matters, what to do, and examples it flags and passes."""
    from afterword.etiquette.engine.catalogue import RULES, get_rule
    from afterword.etiquette.engine.examples import describe

    rule = get_rule(code)
    if rule is None:
        known = ", ".join(r.code for r in RULES)
        raise fail(f"unknown rule code '{code}' (known: {known})")
    out = Console(highlight=False)
    out.print(Text(f"{rule.code} {rule.name} ({rule.severity})", style="bold"))
    out.print(Text(rule.summary))
    out.print()
    out.print(Text(rule.rationale))
    for flag, title in ((True, "Flags"), (False, "Passes")):
        shown = [e for e in rule.examples if e.flag is flag]
        if shown:
            out.print(Text(f"\n{title}:", style="bold"))
            for example in shown:
                out.print(Text(f"  - {describe(example)}"))
    applies = ", ".join(sorted(rule.kinds))
    out.print(Text(f"\nApplies to: {applies}; media: {', '.join(sorted(rule.media))}.",
                   style="dim"))
    out.print(Text(f"Lives in: {rule.path} ({rule.module})", style="dim"))


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
    from afterword.cli import (
        agenda,
        applications,
        check,
        config_cmd,
        deletion,
        deliver,
        identity,
        paper,
        people,
        server,
        server_keys,
        show,
        web,
        worker,
    )

    identity.register(app)
    check.register(app)
    applications.register(app)
    show.register(app)
    people.register(app)
    agenda.register(app)
    deliver.register(app)
    paper.register(app)
    web.register(app)
    worker.register(app)
    server_keys.register(server.server_app)  # `afterword server rotate-key`
    server.register(app)
    deletion.register(app)
    config_cmd.register(app)
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
