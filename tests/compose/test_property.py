"""The big property: every draft for any context passes the checker with zero findings."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.compose import DraftError, Options, draft
from compose_harness import real_findings
from compose_strategies import contexts

NEWS = (None, "I finished the data engineering course I mentioned",
        "the article I wrote on library outreach was published")


def _sample(drafts: list[Any]) -> list[tuple[int, Any]]:
    """All drafts of a small panel; first, middle and last of a big one (time budget)."""
    indexed = list(enumerate(drafts))
    if len(indexed) <= 3:
        return indexed
    return [indexed[0], indexed[len(indexed) // 2], indexed[-1]]


@settings(max_examples=1000, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ctx=contexts(), news=st.sampled_from(NEWS))
def test_every_draft_is_clean(ctx: dict[str, Any], news: str | None) -> None:
    try:
        drafts = draft(ctx, Options(news=news))
    except DraftError:
        assert ctx["kind"] == "request_email" and "scheduler" not in ctx
        return
    for index, d in _sample(drafts):
        previous = drafts[:index] if d.kind == "thank_you" else None
        found = real_findings(ctx, d, previous)
        assert not found, (d.note, found)
        words = d.word_count
        if d.kind == "thank_you" and d.medium == "email":
            assert 90 <= words <= 150, (words, d.note)
        if d.medium == "handwritten":
            assert words <= 90, (words, d.note)
