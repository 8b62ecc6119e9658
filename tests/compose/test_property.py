"""The big property: every draft for any context passes the checker with zero findings."""

from __future__ import annotations

from typing import Any

from compose_harness import real_findings
from compose_strategies import contexts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.compose import DraftError, Options, draft

NEWS = (None, "I finished the data engineering course I mentioned",
        "the article I wrote on library outreach was published")




@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ctx=contexts(), news=st.sampled_from(NEWS), pick=st.integers(0, 7))
def test_every_draft_is_clean(ctx: dict[str, Any], news: str | None, pick: int) -> None:
    """Every draft fits its length; one of them (any) is checked against all before it.

    Checking one draft per example (against the earlier drafts of the same panel) keeps
    300 examples inside the time budget; which one is up to Hypothesis.
    """
    try:
        drafts = draft(ctx, Options(news=news))
    except DraftError:
        assert ctx["kind"] == "request_email" and "scheduler" not in ctx
        return
    index = pick % len(drafts)
    d = drafts[index]
    found = real_findings(ctx, d, drafts[:index] if d.kind == "thank_you" else None)
    assert not found, (d.note, found)
    for d in drafts:
        words = d.word_count
        if d.kind == "thank_you" and d.medium == "email":
            assert 60 <= words <= 150, (words, d.note)
        if d.medium == "handwritten":
            assert words <= 90, (words, d.note)
