"""The JSON schemas the CLI's --json and the HTTP API share (afterword/schemas.py)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from afterword.schemas import NoteSummary, PlanStep, TodayItem, dumps

EPOCH = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)


def test_a_moment_prints_with_its_offset_as_the_cli_always_has() -> None:
    step = PlanStep(kind="check_in", number=1, due=EPOCH,
                    latest=EPOCH.astimezone(timezone(timedelta(hours=-5))), reason="")
    printed = json.loads(dumps(step))
    assert printed["due"] == "2026-11-20T21:00:00+00:00"  # never "Z"
    assert printed["latest"] == "2026-11-20T16:00:00-05:00"
    assert step.model_dump()["due"] == EPOCH  # in Python, still a datetime


def test_a_list_prints_in_field_order_with_text_as_it_is() -> None:
    item = TodayItem(application_id=3, kind="thank_you", title="Thank Zoë O'Brien-Zoë",
                     due=EPOCH, urgency="closing", hours_left=20.0, detail="<b>soon</b>")
    text = dumps([item])
    assert list(json.loads(text)[0]) == ["application_id", "kind", "title", "due", "urgency",
                                         "hours_left", "detail"]
    assert "Zoë O'Brien-Zoë" in text and "<b>soon</b>" in text  # JSON, not HTML: unescaped
    assert json.loads(text)[0]["hours_left"] == 20.0


def test_a_word_outside_the_vocabulary_is_refused() -> None:
    with pytest.raises(ValidationError, match="status"):
        NoteSummary(id=1, person_id=None, kind="thank_you", medium="email", status="lost",
                    subject="", counts=None)


def test_a_day_prints_as_iso() -> None:
    from afterword.schemas import AdvicePublic

    advice = AdvicePublic(medium="both", reasons=[], checklist=[], post_by=date(2026, 11, 23))
    assert json.loads(dumps(advice))["post_by"] == "2026-11-23"
