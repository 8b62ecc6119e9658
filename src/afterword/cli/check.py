"""`afterword check`: the contract in docs/check-contract.md."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from afterword.report import ExitCode


class Format(StrEnum):
    """Output formats."""

    text = "text"
    json = "json"
    jsonl = "jsonl"


def check_command(
    note: Annotated[str | None, typer.Argument(help="The note: a file path, or - for stdin.")]
    = None,
    context: Annotated[Path | None, typer.Option(
        "--context", "-c", help="The interview, as JSON or YAML.")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="text, json, or (with --batch) jsonl.")] = "text",
    config: Annotated[Path | None, typer.Option(
        "--config", help="An afterword.toml to use instead of the usual places.")] = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Apply the unambiguous fixes and say what changed.")] = False,
    batch: Annotated[Path | None, typer.Option(
        "--batch", help='JSONL cases, one {"id","note","context"} per line.')] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="Processes for --batch (default: every core).")] = None,
) -> None:
    """Check a thank-you or follow-up note against the interview it follows."""
    from afterword.cli.common import fail
    from afterword.config import ConfigError, load_settings
    from afterword.services.inputs import InputError

    if output_format not in {f.value for f in Format}:
        raise fail(f"--format must be text, json or jsonl, not '{output_format}'")
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    if batch is not None:
        raise typer.Exit(_batch(batch, settings, jobs))
    if note is None:
        raise fail("give a NOTE file (or - for stdin), or --batch CASES.jsonl")
    if output_format == "jsonl":
        raise fail("--format jsonl goes with --batch")
    if note.isdigit() and not Path(note).exists():
        from afterword.cli.notes import check_stored

        raise typer.Exit(check_stored(int(note), output_format=output_format, config=config))
    from afterword.services import checking

    if settings.proofreading:
        checking.prewarm(settings.dialect)
    try:
        text, ctx = _read(note, context, settings.max_note_bytes)
    except InputError as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(_check_one(note, text, ctx, settings, output_format, fix=fix))


def _read(note: str, context: Path | None, limit: int) -> tuple[str, dict[str, Any] | None]:
    from afterword.services.inputs import InputError, load_mapping, read_text

    text = read_text(note, what="note", limit=limit)
    if not text.strip():
        raise InputError(f"note {'stdin' if note == '-' else note} is empty")
    ctx = None
    if context is not None:
        raw = read_text(str(context), what="context", limit=limit)
        ctx = load_mapping(raw, source=str(context))
    return text, ctx


def _check_one(
    note: str, text: str, ctx: dict[str, Any] | None, settings: Any, output_format: str,
    *, fix: bool,
) -> int:
    from afterword.cli.common import fail
    from afterword.cli.render import print_report
    from afterword.model import ContextError
    from afterword.services.checking import check

    err = Console(stderr=True, highlight=False)
    _warm_rules(text, ctx, settings)
    try:
        report = check(text, ctx, settings=settings)
    except ContextError as exc:
        raise fail(str(exc)) from None
    for warning in report.warnings:
        err.print(Text(f"afterword: warning: {warning}", style="yellow"))
    if fix:
        report, text = _fix(note, text, report, ctx, settings, err)
    if output_format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        name = "stdin" if note == "-" else note
        print_report(Console(highlight=False), report, name=name,
                     full_text=text.replace("\r\n", "\n"))
    return int(report.exit_code)


def _warm_rules(text: str, ctx: dict[str, Any] | None, settings: Any) -> None:
    """Run the rules once without proofreading while Harper's dictionary is still building
    on its own thread: their first-run costs (regexes, calendars, stems) then overlap it."""
    from afterword.etiquette.engine.checker import check_note
    from afterword.model import ContextError

    try:
        check_note(text, ctx, settings=settings)
    except ContextError:
        return  # reported properly by the real check


def _fix(note: str, text: str, report: Any, ctx: Any, settings: Any, err: Console) -> Any:
    from afterword.etiquette.engine.fixes import apply_fixes
    from afterword.services.checking import check

    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    head = normal[: len(normal) - len(report.body)] if normal.endswith(report.body) else None
    if head is None:
        err.print("afterword: --fix cannot edit this message's encoded body; nothing changed")
        return report, text
    body, changes = apply_fixes(report.body, report.findings)
    if not changes:
        err.print("afterword: --fix found nothing it could fix unambiguously")
        return report, text
    fixed = head + body
    if note == "-":
        sys.stdout.write(fixed)
    else:
        Path(note).write_text(fixed, encoding="utf-8")
    for change in changes:
        before = change.before.replace("\n", " / ")
        err.print(Text(f"fixed {change.code}: '{before}' -> '{change.after}'", style="green"))
    return check(fixed, ctx, settings=settings), fixed


def _batch(path: Path, settings: Any, jobs: int | None) -> int:
    from afterword.cli.common import fail
    from afterword.services.batch import run_batch
    from afterword.services.inputs import InputError, read_text

    try:
        text = read_text(str(path), what="batch file", limit=settings.max_note_bytes * 1000)
    except InputError as exc:
        raise fail(str(exc)) from None
    worst = ExitCode.OK
    out = sys.stdout
    for result in run_batch(text.splitlines(), settings, jobs):
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        if "error" in result:
            worst = ExitCode.BAD_INPUT
        elif result["counts"]["error"] and worst == ExitCode.OK:
            worst = ExitCode.FINDINGS
    out.flush()
    return int(worst)


def register(app: typer.Typer) -> None:
    """Add `check` to the app."""
    app.command("check")(check_command)
