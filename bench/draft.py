"""Drafting speed: drafts/second for a panel of five, and draft+check time for a panel.

Run: .venv/bin/python bench/draft.py   (timings after start-up; plain perf_counter)
The baseline, measured in the same run, is checking the same five notes without drafting,
so the ratio shows what drafting adds on top of checking.
"""

from __future__ import annotations

import time
from typing import Any

from afterword import check
from afterword.compose import Options, draft

PANEL = [("Priya Raman", "Dr.", ["moving the sales dashboards to dbt", "her team's Friday demo"]),
         ("Arjun Mehta", "Mr.", ["his question about on-call"]),
         ("Zoë O'Brien-Zoë", "Ms.", ["how she runs retrospectives"]),
         ("Tomás García-López", None, []),
         ("Nguyễn Thu Trang", "Ms.", ["the new reading room"])]
CONTEXT: dict[str, Any] = {
    "candidate": {"name": "Sam Ortiz", "email": "sam.ortiz@example.org"},
    "company": "Northwind Analytics", "role": "Senior Data Analyst",
    "interview": {"start": "2026-11-20T14:00:00-05:00", "end": "2026-11-20T15:30:00-05:00"},
    "expected_reply_by": "2026-12-04",
    "interviewers": [{"name": n, "honorific": h, "moments": m, "email": f"p{i}@nw.example"}
                     for i, (n, h, m) in enumerate(PANEL)],
}


def _checked(drafts: list[Any]) -> None:
    for d in drafts:
        ctx = {**CONTEXT, "recipient": d.recipient, "to": [d.email],
               "send_at": d.send_at.isoformat() if d.send_at else None}
        check(d.note, ctx)


def main() -> None:
    options = Options()
    drafts = draft(CONTEXT, options)
    _checked(drafts)  # start-up: imports, Harper, caches
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        draft(CONTEXT, options)
    elapsed = time.perf_counter() - start
    print(f"drafting: {rounds * len(drafts) / elapsed:,.0f} drafts/s "
          f"({elapsed / rounds * 1000:.2f} ms per panel of {len(drafts)})")
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        _checked(drafts)
    baseline = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        _checked(draft(CONTEXT, options))
    both = (time.perf_counter() - start) / rounds
    print(f"draft+check a panel of five: {both * 1000:.1f} ms "
          f"(check only, baseline: {baseline * 1000:.1f} ms; ratio {both / baseline:.2f}x)")


if __name__ == "__main__":
    main()
