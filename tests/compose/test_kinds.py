"""Panels, check-ins, requests, rejections, dialects and lengths."""

from __future__ import annotations

import copy
import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from compose_harness import real_findings

from afterword.compose import DraftError, Options, draft
from afterword.etiquette.rules.same_note import note_similarity

BASE: dict[str, Any] = {
    "kind": "thank_you", "medium": "email",
    "candidate": {"name": "Sam Ortiz", "email": "sam.ortiz@example.org"},
    "company": "Northwind Analytics", "role": "Senior Data Analyst",
    "interview": {"start": "2026-11-20T14:00:00-05:00", "end": "2026-11-20T15:30:00-05:00"},
    "scheduler": {"name": "Leo Park", "email": "recruiting@northwind.example"},
    "expected_reply_by": "2026-12-04",
}
PANEL = [
    ("Priya Raman", "Dr.", ["moving the sales dashboards to dbt", "her team's Friday demo"]),
    ("Arjun Mehta", "Mr.", ["his question about on-call"]),
    ("Zoë O'Brien-Zoë", "Ms.", ["how she runs retrospectives", "the hiring plan"]),
    ("Tomás García-López", None, []),
    ("Nguyễn Thu Trang", "Ms.", ["the new reading room"]),
]


def context(**extra: Any) -> dict[str, Any]:
    ctx = copy.deepcopy(BASE)
    ctx["interviewers"] = [
        {"name": n, "honorific": h, "moments": m,
         "email": f"p{i}@northwind.example", "mailing_address": "1 Main St"}
        for i, (n, h, m) in enumerate(PANEL)]
    ctx.update(extra)
    return ctx


def test_panel_of_five_reads_differently() -> None:
    ctx = context()
    drafts = draft(ctx)
    assert len(drafts) == 5
    for a, b in itertools.combinations(drafts, 2):
        assert note_similarity(a.note, b.note) < 80
    openings = {d.body.split("\n")[2].split(".")[0] for d in drafts}
    assert len(openings) == 5
    for index, d in enumerate(drafts):
        assert real_findings(ctx, d, drafts[:index]) == []


def test_recipient_picks_one() -> None:
    drafts = draft(context(recipient="Arjun Mehta"))
    assert [d.name for d in drafts] == ["Arjun Mehta"]
    assert drafts[0].body.startswith("Dear Mr. Mehta,")
    assert "your question about on-call" in drafts[0].body


def test_unknown_recipient_is_an_error() -> None:
    with pytest.raises(DraftError):
        draft(context(recipient="Nobody Here"))


def test_follow_up_line_uses_reply_date() -> None:
    (d,) = draft(context(recipient="p0@northwind.example"))
    assert "December 4" in d.body and "December 7" in d.body  # Friday -> Monday


def test_default_policy_without_date() -> None:
    ctx = context(recipient="p0@northwind.example")
    del ctx["expected_reply_by"]
    (d,) = draft(ctx)
    assert "December 2" in d.body  # 7 business days after Nov 20 (Thanksgiving skipped)


def test_british_dialect() -> None:
    (d,) = draft(context(recipient="p0@northwind.example", dialect="british"))
    assert "4 December" in d.body and "December 4" not in d.body


def test_lengths() -> None:
    for d in draft(context()):
        assert 75 <= d.word_count <= 150
    for d in draft(context(), Options(medium="handwritten")):
        assert d.medium == "handwritten" and d.word_count <= 90 and d.subject is None


def test_check_ins_get_shorter_and_never_just_check_in() -> None:
    ctx = context(recipient="p0@northwind.example", kind="check_in")
    notes = []
    for _ in range(3):
        (d,) = draft(ctx, Options(news="I finished the dbt certification"))
        assert "just checking in" not in d.body.lower()
        assert "dbt certification" in d.body and "December 4" in d.body
        assert real_findings(ctx, d) == [], d.note
        notes.append(d)
        ctx = copy.deepcopy(ctx)
        ctx.setdefault("previous_notes", []).append(
            {"recipient": d.recipient, "kind": "check_in", "text": d.body,
             "sent_at": d.send_at.isoformat() if d.send_at else None})
    counts = [d.word_count for d in notes]
    assert counts[0] > counts[1] >= counts[2], counts


def test_request_email_goes_to_scheduler() -> None:
    ctx = context(kind="request_email")
    ctx["interviewers"][1].pop("email")
    (d,) = draft(ctx)
    assert d.recipient == "recruiting@northwind.example"
    assert d.body.startswith("Dear Leo,") and "Arjun Mehta" in d.body  # no honorific on record
    assert real_findings(ctx, d) == []


def test_request_email_needs_scheduler() -> None:
    ctx = context(kind="request_email")
    del ctx["scheduler"]
    with pytest.raises(DraftError):
        draft(ctx)


def test_after_rejection_is_short_and_gracious() -> None:
    ctx = context(kind="after_rejection", recipient="p2@northwind.example")
    (d,) = draft(ctx)
    assert "stay in touch" in d.body and d.word_count < 80
    assert real_findings(ctx, d) == []


def test_panel_single_note_for_big_panels() -> None:
    ctx = context()
    ctx["interviewers"] += [{"name": f"{g} Okafor", "email": f"{g.lower()}@northwind.example"}
                            for g in ("Ngozi", "Kwame", "Renée")]
    assert len(draft(ctx)) == 8
    (d,) = draft(ctx, Options(panel_single_note=True))
    assert d.recipient == "recruiting@northwind.example"
    for name, _, _ in PANEL:
        assert name in d.body
    assert real_findings(ctx, d) == [], d.note


def test_now_is_respected() -> None:
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    (d,) = draft(context(recipient="p0@northwind.example"), Options(now=now))
    assert d.send_at is not None and d.send_at >= now
