"""Every draft for every context of the dev corpus (tests/corpus/dev.jsonl) passes the checker cleanly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from compose_harness import real_findings
from tests.conftest import DEV_CORPUS

from afterword.compose import Options, draft

CASES: list[dict[str, Any]] = [
    json.loads(line) for line in DEV_CORPUS.read_text(encoding="utf-8").splitlines() if line
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_context_drafts_are_clean(case: dict[str, Any]) -> None:
    ctx = case["context"]
    drafts = draft(ctx)
    assert drafts
    for index, d in enumerate(drafts):
        assert real_findings(ctx, d, drafts[:index]) == [], d.note
        if d.medium != (ctx.get("medium") or "email"):
            assert d.remarks, "a changed medium must say why"


@pytest.mark.parametrize("kind", ["check_in", "after_rejection", "request_email"])
def test_corpus_other_kinds_are_clean(kind: str) -> None:
    for case in CASES:
        ctx = case["context"]
        if kind == "request_email" and not (ctx.get("scheduler") or {}).get("name"):
            continue
        for d in draft(ctx, Options(kind=kind, news="I finished the course I mentioned")):
            assert real_findings(ctx, d) == [], (case["id"], d.note)


def test_impossible_card_falls_back_to_email() -> None:
    by_id = {c["id"]: c for c in CASES}
    for case_id, code in (("aw601-handwritten-no-address", "AW601"),
                          ("aw602-handwritten-decision-in-three-days", "AW602")):
        (d,) = draft(by_id[case_id]["context"])
        assert d.medium == "email"
        assert code in " ".join(d.remarks)
