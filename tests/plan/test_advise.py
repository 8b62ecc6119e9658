"""Specification of afterword.plan.advise: email, a handwritten card, or both.

The interview was on EPOCH's day, Friday November 20 2026 (New York).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from afterword.plan.advise import FORMAL, Advice, advise, is_formal

EPOCH = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))
INTERVIEW_DAY = EPOCH.date()

# A formal firm, contact by phone so far, decision three weeks away, address known, time
# to write: the one case for a card on its own.
CARD_CASE: dict[str, Any] = {
    "industry": "law", "corresponded_by_email": False, "decision_in_days": 21,
    "mailing_address_known": True, "drop_off_possible": False, "time_to_personalise": True,
    "interview_date": INTERVIEW_DAY,
}


def advice(**changes: Any) -> Advice:
    return advise(**{**CARD_CASE, **changes})


# ------------------------------------------------------------------------ the medium


@pytest.mark.parametrize(
    ("changes", "medium"),
    [
        ({}, "handwritten"),
        ({"drop_off_possible": True, "mailing_address_known": False}, "handwritten"),
        ({"decision_in_days": 7}, "handwritten"),  # a week away is enough
        ({"corresponded_by_email": True}, "both"),
        ({"industry": "Investment Banking", "corresponded_by_email": True}, "both"),
        ({"decision_in_days": 6}, "email"),  # within a week: always email
        ({"decision_in_days": 6, "corresponded_by_email": True}, "email"),
        ({"decision_in_days": 0}, "email"),
        ({"decision_in_days": None}, "email"),  # unknown is not "a week away"
        ({"mailing_address_known": False}, "email"),  # nowhere to send it
        ({"time_to_personalise": False}, "email"),
        ({"time_to_personalise": False, "corresponded_by_email": True}, "email"),
        ({"industry": "software"}, "email"),  # not a formal field
        ({"industry": None}, "email"),
        ({"industry": ""}, "email"),
    ],
)
def test_medium(changes: dict[str, Any], medium: str) -> None:
    assert advice(**changes).medium == medium


@pytest.mark.parametrize("industry", sorted(FORMAL))
def test_every_formal_field_can_take_a_card(industry: str) -> None:
    assert advice(industry=industry).medium == "handwritten"


@pytest.mark.parametrize(
    ("industry", "formal"),
    [
        ("Law", True), ("corporate law", True), ("Management Consulting", True),
        ("the public sector", True), ("Public-Sector", True), ("University research", True),
        ("lawn care", False), ("financial technology", False), ("retail", False),
        (None, False), ("", False),
    ],
)
def test_formal_fields_are_whole_words(industry: str | None, formal: bool) -> None:
    assert is_formal(industry) is formal


# ------------------------------------------------------------------------ the reasons


def test_reasons_are_plain_sentences() -> None:
    cases = [advice(), advice(corresponded_by_email=True), advice(decision_in_days=2),
             advice(time_to_personalise=False), advice(industry="retail"),
             advice(decision_in_days=None, mailing_address_known=False)]
    for result in cases:
        assert result.reasons
        for reason in result.reasons:
            assert reason[0].isupper() and reason.endswith(".")
            assert "\n" not in reason


def test_reasons_name_what_decided_it() -> None:
    assert any("within a week" in r for r in advice(decision_in_days=3).reasons)
    assert any("by email" in r for r in advice(decision_in_days=3,
                                               corresponded_by_email=True).reasons)
    assert any("time to personalise" in r for r in advice(time_to_personalise=False).reasons)
    assert any("mailing address" in r for r in advice(mailing_address_known=False).reasons)
    assert any("do not know yet when" in r for r in advice(decision_in_days=None).reasons)
    assert advice(industry="retail").reasons[-1].startswith("In retail, a prompt email")
    assert advice().reasons[0].startswith("Law is a formal field")
    assert advice(corresponded_by_email=True).reasons[0].startswith(
        "You have been in touch with them by email, so send an email thank-you now")


# ------------------------------------------------------------------------ paper checklist


def test_email_needs_no_paper_checklist() -> None:
    result = advice(decision_in_days=3)
    assert (result.checklist, result.post_by) == ((), None)


def test_card_checklist_covers_address_stationery_handwriting_personal_and_post_by() -> None:
    result = advice()
    assert result.post_by == date(2026, 11, 23)  # the business day after Friday
    assert result.checklist == (
        "Have the interviewer's full mailing address ready.",
        "Use clean, professional stationery: a plain card and envelope, nothing novelty.",
        "Write neatly and legibly; draft the text first, then copy it out by hand.",
        "Personalise it: every rule for the note still applies (their name spelt right, a "
        "moment from your conversation, short, checked for mistakes).",
        "Post it by Monday, November 23, the next business day after the interview, or by "
        "Tuesday, November 24 at the latest.",
    )


def test_drop_off_at_reception() -> None:
    only = advice(mailing_address_known=False, drop_off_possible=True).checklist
    assert only[0].startswith("Arrange to leave the card at reception")
    assert only[-1].startswith("Drop it off by Monday, November 23")
    both = advice(drop_off_possible=True).checklist
    assert both[0] == ("Have the interviewer's full mailing address ready, or leave the card "
                       "at reception if it must arrive sooner.")


def test_both_has_the_paper_checklist_too() -> None:
    result = advice(corresponded_by_email=True)
    assert len(result.checklist) == 5 and result.post_by == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("interview_date", "country", "post_by"),
    [
        (date(2026, 11, 25), "US", date(2026, 11, 27)),  # over Thanksgiving
        (date(2026, 11, 25), None, date(2026, 11, 26)),  # weekends only
        (date(2026, 12, 24), "GB", date(2026, 12, 29)),  # Christmas, Boxing Day observed
        (date(2026, 2, 5), "NZ", date(2026, 2, 9)),  # Waitangi Day on the Friday
        (date(2026, 1, 23), "IN", date(2026, 1, 27)),  # Republic Day on the Monday
    ],
)
def test_post_by_uses_the_countrys_business_days(interview_date: date, country: str | None,
                                                 post_by: date) -> None:
    result = advice(interview_date=interview_date, country=country)
    assert result.post_by == post_by
