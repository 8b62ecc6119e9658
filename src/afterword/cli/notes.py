"""Drafting and checking notes of stored applications (`draft ID`, `check NOTE_ID`)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from rich.text import Text

from afterword.cli.common import clock, out, store


def draft_stored(app_id: int, *, kind: str | None, medium: str | None, news: str | None,
                 person: str | None, output_format: str, config: Path | None,
                 to: tuple[str, ...] = (), dialect: str | None = None,
                 now: datetime | None = None) -> None:
    """Draft from the record, check each draft, and save them with their reports
    (`dialect` and `now`, when given, override the settings' dialect and the clock)."""
    from afterword.services.drafting import draft_for_record
    from afterword.services.people import find_person
    from afterword.store import repo

    with store(config) as (session, settings):
        if dialect is not None:
            settings = settings.model_copy(update={"dialect": dialect})
        app = repo.get_application(session, app_id)
        who = find_person(app, person) if person else None
        made = draft_for_record(session, app, settings, now=now or clock(), kind=kind,
                                medium=medium, news=news, person=who, to=to)
        names = {p.id: p.name for p in app.people}
        rows = [{"id": d.note.id, "name": names.get(d.note.person_id or -1, ""),
                 "subject": d.note.subject, "note": d.note.body,
                 "counts": d.note.report.get("counts", {}),
                 "remarks": [*d.remarks, *([d.hint] if d.hint else [])]} for d in made]
    if output_format == "json":
        sys.stdout.write(json.dumps({"drafts": rows}, ensure_ascii=False) + "\n")
        return
    for row in rows:
        counts = row["counts"]
        verdict = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or "clean"
        out.print(Text(f"Note {row['id']} to {row['name']} (check: {verdict})", style="bold"))
        for remark in row["remarks"]:
            out.print(Text(f"Note: {remark}", style="yellow"))
        if row["subject"]:
            out.print(Text(f"Subject: {row['subject']}"))
        out.print(Text(row["note"]))


def refresh_stored(note_id: int, *, config: Path | None) -> None:
    """Make a stored draft's time words right for when it will go (scheduled, else now)."""
    from afterword.services.drafting import refresh_time_words
    from afterword.store import repo

    with store(config) as (session, settings):
        note = repo.get_note(session, note_id)
        changed = refresh_time_words(session, note, settings, now=clock())
        body = note.body
    out.print(Text(f"Note {note_id}: " + ("time words refreshed." if changed else
                                           "time words already right.")))
    if changed:
        out.print(Text(body))


def record_strengths(app_id: int, text: str, *, config: Path | None) -> None:
    """Store what the writer brings to this job (the only claim a draft makes about them)."""
    from afterword.store import repo

    with store(config) as (session, _settings):
        app = repo.get_application(session, app_id)
        app.strengths = " ".join(text.split())[:2000] or None
        shown = app.strengths
    out.print(Text(f"{app_id}: what you bring: {shown}" if shown else
                   f"{app_id}: what you bring cleared; drafts claim nothing about you."))


def check_stored(note_id: int, *, output_format: str, config: Path | None) -> int:
    """Check a stored note against its application's record; the exit code as for files."""
    from afterword.cli.render import print_report
    from afterword.services.tracker import check_saved
    from afterword.store import repo

    with store(config) as (session, settings):
        note = repo.get_note(session, note_id)
        report = check_saved(session, note, settings, now=clock())
    if output_format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        print_report(out, report, name=f"note {note_id}", full_text=report.body)
    return int(report.exit_code)
