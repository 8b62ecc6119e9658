"""Time words from the planned send time, greetings and hints, and who a check-in goes to."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import pytest
from compose_harness import real_findings

from afterword.compose import DraftError, Options, draft
from afterword.compose.timewords import refresh, relative_when
from afterword.model import parse_context

BASE: dict[str, Any] = {
    "candidate": {"name": "Sam Ortiz", "email": "sam.ortiz@example.org"},
    "company": "Hargreaves & Lowe LLP", "role": "Trainee Solicitor", "industry": "law",
    "interview": {"start": "2026-11-19T14:00:00-05:00", "end": "2026-11-19T15:00:00-05:00"},
    "interviewers": [
        {"name": "Priya Raman", "honorific": "Dr.", "email": "priya@hl.example",
         "title": "Partner", "moments": ["her advice to read judgments aloud"]},
        {"name": "Jonas Weber", "email": "jonas@hl.example", "title": "Hiring Manager",
         "moments": ["the tenant clinic on Thursday evenings"]},
    ],
    "scheduler": {"name": "Leo Park", "email": "recruiting@hl.example"},
    "expected_reply_by": "2026-12-18",
}


def ctx(**extra: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(extra)
    return data


@pytest.mark.parametrize(("now", "words"), [
    ("2026-11-19T19:30:00-05:00", "this afternoon"),
    ("2026-11-20T08:30:00-05:00", "yesterday afternoon"),
    ("2026-11-22T09:00:00-05:00", "on Thursday"),
])
def test_time_words_follow_when_the_note_will_go(now: str, words: str) -> None:
    for d in draft(ctx(), Options(now=datetime.fromisoformat(now))):
        assert words in d.body, d.body
        late = {"AW403"} if words.startswith("on ") else set()  # sent late on purpose
        assert [f for f in real_findings(ctx(), d) if f[0] not in late] == [], d.note


def test_a_scheduled_send_time_sets_the_words() -> None:
    (d, _) = draft(ctx(send_at="2026-11-20T09:00:00-05:00"),
                   Options(now=datetime.fromisoformat("2026-11-19T18:00:00-05:00")))
    assert "yesterday afternoon" in d.body and "this afternoon" not in d.body


def test_a_stale_draft_is_refreshed_for_the_next_morning() -> None:
    evening = datetime.fromisoformat("2026-11-19T21:00:00-05:00")
    morning = datetime.fromisoformat("2026-11-20T09:00:00-05:00")
    (d, _) = draft(ctx(), Options(now=evening))
    assert "this afternoon" in d.body
    context, _ = parse_context(ctx())
    fresh = refresh(d.body, context, morning, "american")
    assert "yesterday afternoon" in fresh and "this afternoon" not in fresh
    assert refresh(fresh, context, morning, "american") == fresh
    assert relative_when(context, morning, "american", handwritten=True) == "on Thursday"


def test_greetings_and_the_honorific_hint_in_a_formal_field() -> None:
    priya, jonas = draft(ctx())
    assert priya.body.startswith("Dear Dr. Raman,") and priya.hint is None
    assert jonas.body.startswith("Dear Jonas,")
    assert jonas.hint is not None and "honorific" in jonas.hint
    relaxed = ctx(industry="software", company="Bluefin Robotics", role="Backend Engineer")
    relaxed["interviewers"][1]["title"] = "Engineer"
    assert draft(relaxed)[1].hint is None
    friendly = ctx()
    friendly["interviewers"][0]["first_name_terms"] = True
    assert draft(friendly)[0].body.startswith("Hi Priya,")


def test_a_check_in_goes_to_the_contact_else_the_recruiter_else_the_hiring_manager() -> None:
    (to_contact,) = draft(ctx(kind="check_in", contact="priya@hl.example"))
    assert to_contact.recipient == "priya@hl.example"
    (to_recruiter,) = draft(ctx(kind="check_in"))
    assert to_recruiter.recipient == "recruiting@hl.example"
    no_recruiter = ctx(kind="check_in")
    del no_recruiter["scheduler"]
    (to_manager,) = draft(no_recruiter)
    assert to_manager.recipient == "jonas@hl.example"
    chosen = draft(ctx(kind="check_in"), Options(to=("Priya Raman", "jonas@hl.example")))
    assert [d.recipient for d in chosen] == ["priya@hl.example", "jonas@hl.example"]
    with pytest.raises(DraftError, match="not one of the people"):
        draft(ctx(kind="check_in"), Options(to=("Nobody",)))


def test_a_check_in_to_the_recruiter_recalls_a_moment_in_the_third_person() -> None:
    (d,) = draft(ctx(kind="check_in"))
    assert "Dr. Raman" in d.body and "read judgments aloud" in d.body
    assert real_findings(ctx(kind="check_in"), d) == [], d.note


def test_only_recorded_strengths_are_claimed() -> None:
    plain = " ".join(d.body for d in draft(ctx()))
    assert "experience" not in plain and "bring" not in plain
    told = ctx(candidate={"name": "Sam Ortiz", "email": "sam.ortiz@example.org",
                          "strengths": "two years advising at a housing law clinic"})
    bodies = [d.body for d in draft(told)]
    assert any("two years advising at a housing law clinic" in b for b in bodies)
    for made, body in zip(draft(told), bodies, strict=True):
        assert real_findings(told, made) == [], body


def test_the_role_is_named_once_in_each_body() -> None:
    for d in draft(ctx()):
        assert d.body.count("Trainee Solicitor") == 1, d.body
