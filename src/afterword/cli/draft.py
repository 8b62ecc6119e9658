"""`afterword draft`: one note per interviewer, as text, .eml or JSON."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from afterword.private import private_write
from afterword.vocab import Dialect, Kind, Medium

FORMATS = ("text", "eml", "json")
_SUFFIX = {"text": ".txt", "eml": ".eml", "json": ".json"}


class BadInput(Exception):
    """Bad input from the user: one line on stderr, exit status 2."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"afterword: error: {' '.join(message.split())}", err=True)
    return typer.Exit(2)


def _read_context(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"context file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read context file {path}: {exc}") from None
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except (ValueError, ImportError) as exc:
        raise BadInput(f"context file {path} is not valid JSON/YAML: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(f"context file {path} must hold one object")
    return data


def user_templates(kind: str, template: Path | None) -> dict[str, str]:
    """Template overrides: the user config dir's templates/, then --template for `kind`."""
    from platformdirs import user_config_dir

    out: dict[str, str] = {}
    folder = Path(user_config_dir("afterword")) / "templates"
    if folder.is_dir():
        for path in sorted(folder.glob("*.j2")):
            out[path.name] = _read_template(path)
    if template is not None:
        out[f"{kind}.txt.j2"] = _read_template(template)
    return out


def _read_template(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read template {path}: {exc}") from None


def safe_filename(name: str, taken: set[str]) -> str:
    """A file name for `name`: ASCII letters, digits and hyphens, unique within `taken`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:60] or "draft"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadInput(f"--now must be an ISO date-time, not {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is not None and value not in allowed:
        raise BadInput(f"{option} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _render(d: Any, output_format: str, context: dict[str, Any]) -> str:
    from afterword.compose import build_message

    if output_format == "json":
        return json.dumps(d.to_json(), ensure_ascii=False, indent=2) + "\n"
    if output_format == "eml":
        candidate = context.get("candidate")
        candidate = candidate if isinstance(candidate, dict) else {}
        message = build_message(
            to_name=d.name, to_email=d.email, from_name=candidate.get("name"),
            from_email=candidate.get("email"), subject=d.subject, body=d.body)
        return message.as_string()
    return str(d.note)


def _write(drafts: list[Any], output_format: str, out: Path,
           context: dict[str, Any]) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        for d in drafts:
            path = out / (safe_filename(d.name or d.recipient, taken) + _SUFFIX[output_format])
            private_write(path, _render(d, output_format, context))
            typer.echo(str(path))
    except OSError as exc:
        raise BadInput(f"cannot write to {out}: {exc}") from None


def _print(drafts: list[Any], output_format: str, context: dict[str, Any]) -> None:
    if output_format == "json":
        typer.echo(json.dumps({"drafts": [d.to_json() for d in drafts]}, ensure_ascii=False,
                              indent=2))
        return
    for index, d in enumerate(drafts):
        if index:
            typer.echo("\n" + "-" * 60 + "\n")
        sys.stdout.write(_render(d, output_format, context))
    sys.stdout.flush()


def _compose(context: dict[str, Any], options: dict[str, Any]) -> list[Any]:
    from afterword.compose import DraftError, Options, TemplateProblem, draft
    from afterword.config import ConfigError, load_settings
    from afterword.model import ContextError

    try:
        settings = load_settings(options.pop("config"))
        dialect = options.pop("dialect") or (None if context.get("dialect") else settings.dialect)
        options["panel_single_note"] = options["panel_single_note"] or settings.panel_single_note
        opts = Options(dialect=dialect, country=settings.holidays_country,
                       thresholds=settings.thresholds, **options)
        return draft(context, opts)
    except (ConfigError, ContextError, DraftError, TemplateProblem) as exc:
        raise BadInput(str(exc)) from None


def draft_command(
    app_id: Annotated[int | None, typer.Argument(
        metavar="[ID]", help="A stored application (instead of --context).")] = None,
    context: Annotated[Path | None, typer.Option(
        "--context", "-c", help="The interview (JSON/YAML).")] = None,
    kind: Annotated[Kind | None, typer.Option(help="What the note is for (default: the "
                                              "context's).")] = None,
    medium: Annotated[Medium | None, typer.Option(help="How it reaches them.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f",
                                               help="text, eml or json.")] = "text",
    out: Annotated[Path | None, typer.Option(help="Write one file per draft here.")] = None,
    news: Annotated[str | None, typer.Option(help="Something new, for a check-in.")] = None,
    template: Annotated[Path | None, typer.Option(help="A Jinja2 template to use.")] = None,
    dialect: Annotated[Dialect | None, typer.Option(help="The spelling variant.")] = None,
    panel_single_note: Annotated[bool, typer.Option(
        "--panel-single-note", help="One note to the coordinator for a panel of 8+.")] = False,
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
    now: Annotated[str | None, typer.Option(help="Pretend it is this time (ISO).")] = None,
    person: Annotated[str | None, typer.Option(
        help="With ID: only this person (id, email or name).")] = None,
    to: Annotated[list[str] | None, typer.Option(
        "--to", help="A check-in or rejection reply to this person instead (email or name; "
        "repeatable).")] = None,
) -> None:
    """Draft a note to each interviewer (or to `recipient`), ready to check and send."""
    if app_id is not None:
        from afterword.cli.notes import draft_stored

        try:
            when = _now(now) if now is not None else None
        except BadInput as exc:
            raise _fail(str(exc)) from None
        draft_stored(app_id, kind=kind, medium=medium, news=news, person=person,
                     output_format=output_format, config=config, to=tuple(to or ()),
                     dialect=dialect, now=when)
        return
    if context is None:
        raise _fail("give an application ID, or --context CONTEXT.json")
    try:
        _choice(output_format, FORMATS, "--format")
        data = _read_context(context)
        overrides = user_templates(kind or str(data.get("kind") or "thank_you"), template)
        drafts = _compose(data, {
            "kind": kind, "medium": medium, "news": news, "dialect": dialect,
            "panel_single_note": panel_single_note, "templates": overrides,
            "now": _now(now), "config": config, "to": tuple(to or ())})
        for d in drafts:
            for remark in (*d.remarks, *([d.hint] if d.hint else [])):
                typer.echo(f"afterword: note: {d.name}: {remark}", err=True)
        if out is not None:
            _write(drafts, output_format, out, data)
        else:
            _print(drafts, output_format, data)
    except BadInput as exc:
        raise _fail(str(exc)) from None


def refresh_command(
    note_id: Annotated[int, typer.Argument(metavar="NOTE_ID", help="The stored draft.")],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """Make a stored draft's 'this afternoon' / 'yesterday' right for when it will go."""
    from afterword.cli.notes import refresh_stored

    refresh_stored(note_id, config=config)


def bring_command(
    app_id: Annotated[int, typer.Argument(metavar="ID", help="The application.")],
    text: Annotated[str, typer.Argument(help='What you bring, e.g. "five years of claims '
                                        'analytics in SQL and dbt" ("" clears it).')],
    config: Annotated[Path | None, typer.Option(help="An afterword.toml to use.")] = None,
) -> None:
    """What you bring to this job: the only claim about you that drafts will make."""
    from afterword.cli.notes import record_strengths

    record_strengths(app_id, text, config=config)


def register(app: typer.Typer) -> None:
    """Add the `draft`, `refresh` and `bring` commands to the main app."""
    app.command("draft")(draft_command)
    app.command("refresh")(refresh_command)
    app.command("bring")(bring_command)
