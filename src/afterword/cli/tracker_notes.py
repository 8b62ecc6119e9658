"""Drafting and checking notes of stored applications (`draft ID`, `check NOTE_ID`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.text import Text

from afterword.cli.common import clock, out, store


def draft_stored(app_id: int, *, kind: str | None, medium: str | None, news: str | None,
                 person: str | None, output_format: str, config: Path | None) -> None:
    """Draft from the record, check each draft, and save them with their reports."""
    from afterword.services.tracker import draft_and_save
    from afterword.store import repo

    with store(config) as (session, settings):
        app = repo.get_application(session, app_id)
        who = repo.find_person(app, person) if person else None
        notes = draft_and_save(session, app, settings, now=clock(), kind=kind, medium=medium,
                               news=news, person=who)
        names = {p.id: p.name for p in app.people}
        rows = [{"id": n.id, "name": names.get(n.person_id or -1, ""), "subject": n.subject,
                 "note": n.body, "counts": n.report.get("counts", {})} for n in notes]
    if output_format == "json":
        sys.stdout.write(json.dumps({"drafts": rows}, ensure_ascii=False) + "\n")
        return
    for row in rows:
        counts = row["counts"]
        verdict = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or "clean"
        out.print(Text(f"Note {row['id']} to {row['name']} (check: {verdict})", style="bold"))
        if row["subject"]:
            out.print(Text(f"Subject: {row['subject']}"))
        out.print(Text(row["note"]))


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
