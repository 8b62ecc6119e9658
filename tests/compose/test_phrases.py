"""Moments as typed, rephrased to address the interviewer."""

from __future__ import annotations

import pytest

from afterword.compose.phrases import rephrase


@pytest.mark.parametrize(("typed", "text", "shape"), [
    ("the Friday demo sessions", "the Friday demo sessions", "phrase"),
    ("migrating to dbt", "migrating to dbt", "phrase"),
    ("her question about on-call", "your question about on-call", "phrase"),
    ("how she runs retros", "how you run retros", "phrase"),
    ("She showed me the roadmap.", "you showed me the roadmap", "clause"),
    ("the appeal she argued last spring", "the appeal you argued last spring", "phrase"),
    ("his team's Friday demo", "your team's Friday demo", "phrase"),
    ("when I asked her about pay", "when I asked you about pay", "phrase"),
    ("Migrating to dbt.", "migrating to dbt", "phrase"),
    ("about the budget", "the budget", "phrase"),
    ("Kubernetes upgrades", "Kubernetes upgrades", "phrase"),
    ("how he does code review", "how you do code review", "phrase"),
    ("they're hiring two more analysts", "you're hiring two more analysts", "clause"),
])
def test_rephrase(typed: str, text: str, shape: str) -> None:
    moment = rephrase(typed)
    assert moment is not None
    assert (moment.text, moment.shape) == (text, shape)


def test_clause_topic_reads_as_how() -> None:
    moment = rephrase("she showed me the roadmap")
    assert moment is not None and moment.as_topic == "how you showed me the roadmap"


@pytest.mark.parametrize("typed", ["", "  ", "...", "- "])
def test_empty_moment(typed: str) -> None:
    assert rephrase(typed) is None
