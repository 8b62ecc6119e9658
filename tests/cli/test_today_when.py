"""The 'when' column of `afterword today` never names a moment already past as the time to act."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from afterword.cli.agenda import _when

NOW = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


def test_a_thank_you_past_its_one_day_mark_but_open_is_due_now() -> None:
    assert _when(NOW - timedelta(hours=5), NOW, hours_left=63.4) == "now"


def test_an_open_window_ahead_says_when_and_the_whole_hours_left() -> None:
    text = _when(NOW + timedelta(hours=3, minutes=50), NOW, hours_left=3.83)
    assert text.endswith("(3 h left)") and not text.startswith("now")
