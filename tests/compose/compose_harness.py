"""Shared helpers for compose tests: check a draft the way a user would send it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from afterword import check
from afterword.compose import Draft
from afterword.model import Context, parse_context


def check_context(context: Context | dict[str, Any], d: Draft,
                  previous: list[Draft] | None = None) -> dict[str, Any]:
    """The context to check `d` against: its recipient, send time, kind and medium."""
    ctx, _ = parse_context(context)
    data = ctx.model_dump(mode="json", exclude_none=True)
    data.update(kind=d.kind, medium=d.medium, recipient=d.recipient)
    for key in ("to", "cc", "bcc", "subject"):
        data.pop(key, None)
    if d.email and d.medium == "email":
        data["to"] = [d.email]
    if d.subject is not None:
        data["subject"] = d.subject
    if d.send_at is not None:
        data["send_at"] = d.send_at.isoformat()
    if previous:
        when = d.send_at - timedelta(minutes=5) if d.send_at else None
        data["previous_notes"] = [*data.get("previous_notes", []), *(
            {"recipient": p.recipient, "text": p.body, "kind": p.kind,
             **({"sent_at": when.isoformat()} if when and d.kind != "check_in" else {})}
            for p in previous)]
    return data


def findings(context: Context | dict[str, Any], d: Draft,
             previous: list[Draft] | None = None) -> list[tuple[str, str, str | None]]:
    """(code, message, excerpt) of every finding on draft `d`."""
    report = check(d.note, check_context(context, d, previous))
    return [(f.code, f.message, f.excerpt) for f in report.findings]


# Findings the checker raised on text we believe is right (code, text in the excerpt).
KNOWN_FALSE_ALARMS: tuple[tuple[str, str], ...] = ()  # none left: see test_checker_false_alarms


def is_known_false_alarm(code: str, excerpt: str | None) -> bool:
    """Whether a finding is one of the listed checker false alarms."""
    return any(code == c and excerpt is not None and text in excerpt
               for c, text in KNOWN_FALSE_ALARMS)


def real_findings(context: Context | dict[str, Any], d: Draft,
                  previous: list[Draft] | None = None) -> list[tuple[str, str, str | None]]:
    """Findings minus the known checker false alarms."""
    return [f for f in findings(context, d, previous) if not is_known_false_alarm(f[0], f[2])]
