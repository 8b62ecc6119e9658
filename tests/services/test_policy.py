"""One policy: the numbers in `[thresholds]` reach the checker, the drafter and the planner alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.compose import Options, draft
from afterword.config import ConfigError, Settings, Thresholds, load_settings
from afterword.plan.business import add_business_days, is_business_day, next_business_day
from afterword.plan.policy import PlanSettings, plan
from afterword.services.checking import check
from tests.compose.compose_harness import check_context
from tests.compose.compose_strategies import contexts


@st.composite
def thresholds(draw: st.DrawFn) -> Thresholds:
    """Any valid policy a user might configure, with room for a personal note: below about
    110 words the drafter leaves out the line that recalls the conversation when no moment
    was recorded (AW201), a known limit of the drafter (compose/)."""
    suggestion = draw(st.integers(120, 220))
    return Thresholds(
        check_in_gaps_days=tuple(draw(st.lists(st.integers(3, 60), min_size=1, max_size=4))),
        business_days_without_date=draw(st.integers(1, 20)),
        gentle_limit=draw(st.integers(0, 6)),
        email_words_suggestion=suggestion,
        email_words_warning=draw(st.integers(suggestion, 300)),
        card_words_warning=draw(st.integers(90, 160)),
        subject_max_chars=draw(st.integers(40, 120)),
        thank_you_min_minutes=draw(st.integers(0, 600)),
        mailed_min_days=draw(st.integers(2, 14)),
    )


def _findings(context: dict[str, Any], limits: Thresholds) -> list[tuple[str, str | None]]:
    """(code, excerpt) of every finding on every draft, drafted and checked by one policy,
    with every rule on, Harper's spelling and grammar included."""
    configured = Settings(thresholds=limits, proofreading=True)
    drafts = draft(context, Options(thresholds=limits))
    if drafts[0].kind != "thank_you":  # a follow-up goes to one person (the contact)
        drafts = drafts[:1]
    return [(f.code, f.excerpt) for index, made in enumerate(drafts)
            for f in check(made.note, check_context(context, made, drafts[:index]),
                           settings=configured).findings]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contexts(), thresholds())
def test_every_draft_passes_the_checker_run_with_the_same_policy(
        context: dict[str, Any], limits: Thresholds) -> None:
    assert _findings({**context, "kind": "thank_you"}, limits) == [], limits


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contexts(), thresholds(), st.sampled_from(["check_in", "after_rejection"]))
def test_follow_up_drafts_pass_under_the_same_policy_too(
        context: dict[str, Any], limits: Thresholds, kind: str) -> None:
    assert _findings({**context, "kind": kind}, limits) == [], limits


@settings(max_examples=200, deadline=None)
@given(thresholds(), st.integers(0, 700), st.sampled_from(["America/New_York", "Europe/London",
                                                          "Asia/Tokyo"]))
def test_the_plan_follows_the_configured_gaps(limits: Thresholds, day: int, zone: str) -> None:
    end = (datetime(2026, 1, 5, 15, tzinfo=UTC) + timedelta(days=day)).astimezone(
        ZoneInfo(zone))
    steps = plan(interview_end=end, tz=zone, expected_reply_by=None, status="active", sent=(),
                 now=end, settings=PlanSettings.of(limits.model_copy(
                     update={"gentle_limit": 0}), "US"), horizon=6)
    thank_you = next(s for s in steps if s.kind == "thank_you")
    check_ins = [s.due.date() for s in steps if s.kind == "check_in"]
    # The first: the configured business days after the interview, but never before the
    # business day after the thank-you it follows.
    assert check_ins[0] == max(add_business_days(end.date(), limits.business_days_without_date,
                                                 "US"),
                               next_business_day(thank_you.due.date(), "US"))
    # Each later one: the configured gap after the one before (the last gap repeating), on
    # the first business day from there; a gap a holiday stretched is never shrunk after.
    gaps, previous_gap = limits.check_in_gaps_days, 0
    for number, (earlier, later) in enumerate(pairwise(check_ins), start=1):
        gap = max(gaps[min(number, len(gaps)) - 1], previous_gap)
        nominal = earlier + timedelta(days=gap)
        assert later == (nominal if is_business_day(nominal, "US")
                         else next_business_day(nominal, "US")), (number, gap)
        previous_gap = (later - earlier).days


def _plan_json(tmp_path: Path, toml: str) -> list[dict[str, Any]]:
    config = tmp_path / "afterword.toml"
    config.write_text(toml, encoding="utf-8")
    env = {"AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
           "AFTERWORD_NOW": "2026-11-20T16:00:00-05:00"}
    runner = CliRunner()
    added = runner.invoke(app, ["add", "--company", "Northwind", "--role", "Analyst",
                                "--start", "2026-11-20T14:00", "--timezone",
                                "America/New_York", "--interviewer", "Priya Raman <p@n.example>",
                                "--config", str(config)], env=env)
    assert added.exit_code == 0, added.output
    result = runner.invoke(app, ["plan", "1", "--json", "--config", str(config)], env=env)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_configured_gaps_and_business_days_reach_afterword_plan(tmp_path: Path) -> None:
    rows = _plan_json(tmp_path, "[thresholds]\ncheck_in_gaps_days = [10, 15, 20]\n"
                                "business_days_without_date = 5\n")
    days = [datetime.fromisoformat(r["due"]).date() for r in rows if r["kind"] == "check_in"]
    # Friday Nov 20 + 5 business days (Thanksgiving on the 26th) = Monday Nov 30; then
    # 10 days; 15 days lands on Christmas, so Monday Dec 28; 20 days is Sunday Jan 17 and
    # Monday is Martin Luther King Jr. Day, so Tuesday Jan 19.
    assert [d.isoformat() for d in days] == ["2026-11-30", "2026-12-10", "2026-12-28",
                                             "2027-01-19"]


def test_the_default_policy_is_two_three_then_four_weeks(tmp_path: Path) -> None:
    assert Thresholds().check_in_gaps_days == (14, 21, 28)
    rows = _plan_json(tmp_path, "")
    days = [datetime.fromisoformat(r["due"]).date() for r in rows if r["kind"] == "check_in"]
    assert [(b - a).days for a, b in pairwise(days)][:3] == [14, 21, 28]


@pytest.mark.parametrize("toml", [
    "[thresholds]\ncheck_in_gaps_days = []\n",
    "[thresholds]\ncheck_in_gaps_days = [0, 7]\n",
    "[thresholds]\nbusiness_days_without_date = 0\n",
    "[thresholds]\nthank_you_due_hours = 50\n",
    "[thresholds]\nsend_time = \"20:00\"\n",
])
def test_a_policy_that_makes_no_sense_is_refused_at_load(tmp_path: Path, toml: str) -> None:
    config = tmp_path / "afterword.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match="thresholds"):
        load_settings(config)
