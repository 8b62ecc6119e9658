"""Properties of drafts a person would send: over generated records and policies.

The greeting comes from the record; no sentence of seven words or more goes to two people
of one panel; a check-in goes to one person; a card is shorter than the email to the same
person; and no draft draws a finding, whatever the thresholds (within sane ranges).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from compose_harness import check_context, is_known_false_alarm
from compose_strategies import contexts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.compose import DraftError, Options, draft
from afterword.compose.variety import long_keys
from afterword.config import Settings, Thresholds
from afterword.etiquette.text.names import canonical_honorific, forms
from afterword.model import Person, parse_context
from afterword.services.checking import check

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def policies(draw: st.DrawFn) -> Thresholds:
    """Thresholds a user might set: tighter or looser than the defaults.

    Only policies the validator accepts: the suggestion never exceeds the warning.
    """
    suggestion = draw(st.integers(110, 200))
    return Thresholds(
        email_words_suggestion=suggestion,
        email_words_warning=draw(st.integers(max(160, suggestion), 260)),
        card_words_warning=draw(st.integers(90, 140)),
        check_in_gaps_days=tuple(draw(st.lists(st.integers(7, 35), min_size=1, max_size=4))),
        business_days_without_date=draw(st.integers(3, 12)),
        thank_you_min_minutes=draw(st.integers(30, 120)),
        mailed_min_days=draw(st.integers(3, 10)),
    )


def _expected_greeting(person: dict[str, Any]) -> str:
    p = Person.model_validate(person)
    found = forms(p)
    assert found is not None
    honorific = canonical_honorific(p.honorific)
    if p.first_name_terms:
        return f"Hi {found.display_given},"
    if honorific is None or not found.display_family:
        return f"Dear {found.display_given},"
    return f"Dear {honorific} "


@FAST
@given(ctx=contexts())
def test_the_greeting_comes_from_the_record_never_the_full_name(ctx: dict[str, Any]) -> None:
    ctx["kind"] = "thank_you"
    for person, d in zip(ctx["interviewers"], draft(ctx), strict=True):
        first = d.body.split("\n")[0]
        assert first.startswith(_expected_greeting(person)), (first, person)
        full = " ".join(person["name"].split())
        assert first not in {f"Dear {full},", f"Hi {full},"} or len(full.split()) == 1


@FAST
@given(ctx=contexts(), now_days=st.integers(0, 2))
def test_no_sentence_of_seven_words_goes_to_two_panelists(ctx: dict[str, Any],
                                                          now_days: int) -> None:
    ctx["kind"] = "thank_you"
    start = datetime.fromisoformat(ctx["interview"]["end"])
    drafts = draft(ctx, Options(now=start + timedelta(days=now_days, hours=2)))
    seen: dict[str, str] = {}
    for d in drafts:
        for key in long_keys(d.body):
            assert key not in seen, (key, seen.get(key), d.name)
            seen[key] = d.name


@FAST
@given(ctx=contexts(), news=st.sampled_from((None, "I finished the course I mentioned")))
def test_a_check_in_goes_to_one_person(ctx: dict[str, Any], news: str | None) -> None:
    ctx["kind"] = "check_in"
    try:
        drafts = draft(ctx, Options(news=news))
    except DraftError:
        return
    assert len(drafts) == 1
    (d,) = drafts
    want = ctx.get("scheduler", {}).get("email") or ctx.get("scheduler", {}).get("name")
    if want:
        assert d.recipient == want
    assert "just checking in" not in d.body.lower()


@FAST
@given(ctx=contexts())
def test_a_card_is_shorter_than_the_email_and_its_own_text(ctx: dict[str, Any]) -> None:
    ctx.update(kind="thank_you", drop_off=True)
    emails = draft(ctx, Options(medium="email"))
    cards = draft({**ctx, "expected_reply_by": None}, Options(medium="handwritten"))
    for email, card in zip(emails, cards, strict=True):
        assert card.medium == "handwritten" and card.word_count <= 90
        assert card.word_count < email.word_count, (card.body, email.body)
        assert not long_keys(card.body) & long_keys(email.body)
        assert not re.search(r"(?i)\b(today|yesterday|this (morning|afternoon|evening))\b",
                             card.body)


@FAST
@given(ctx=contexts(), policy=policies(), pick=st.integers(0, 7),
       late=st.integers(0, 20))
def test_no_draft_draws_a_finding_under_any_thresholds(ctx: dict[str, Any],
                                                       policy: Thresholds, pick: int,
                                                       late: int) -> None:
    parsed, _ = parse_context(ctx)
    end = parsed.interview.end
    assert end is not None
    now = end + timedelta(hours=late)  # drafted at once, that evening or the next morning
    try:
        drafts = draft(ctx, Options(thresholds=policy, now=now))
    except DraftError:
        return
    index = pick % len(drafts)
    d = drafts[index]
    data = check_context(ctx, d, drafts[:index] if d.kind == "thank_you" else None)
    report = check(d.note, data, settings=Settings(thresholds=policy))
    found = [(f.code, f.message) for f in report.findings
             if not is_known_false_alarm(f.code, f.excerpt)]
    assert not found, (d.note, found)
