"""Specification of afterword.etiquette.timeexpr: dates in a note and what they are for."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.etiquette.timeexpr import TimeMention, find_time_mentions, has_timeline

D = date
ROLES = {"reply", "follow_up", "past", "other"}


def mention(text: str, expression: str, anchors: tuple[date, ...]) -> TimeMention:
    """The one mention whose text is `expression`."""
    found = [m for m in find_time_mentions(text, anchors) if m.text == expression]
    assert len(found) == 1, (expression, find_time_mentions(text, anchors))
    return found[0]


def summary(text: str, anchors: tuple[date, ...]) -> list[tuple[str, str, tuple[date, ...]]]:
    return [(m.text, m.role, m.dates) for m in find_time_mentions(text, anchors)]


# --------------------------------------------------------------- real sentences from notes


def test_decision_by_june_2_is_reply_and_check_in_on_june_3_is_follow_up() -> None:
    text = (
        "You mentioned a decision by June 2, so I will plan to check in on June 3 if I have "
        "not heard from you before then."
    )
    assert summary(text, (D(2026, 5, 19), D(2026, 5, 20))) == [
        ("June 2", "reply", (D(2026, 6, 2),)),
        ("June 3", "follow_up", (D(2026, 6, 3),)),
    ]
    assert has_timeline(text)


def test_end_of_next_week_is_reply_and_monday_february_2_is_follow_up() -> None:
    text = (
        "You said you hope to decide by the end of next week, so I will plan to reach out on "
        "Monday, February 2, if I have not heard from you."
    )
    assert summary(text, (D(2026, 1, 20), D(2026, 1, 20))) == [
        ("end of next week", "reply", (D(2026, 1, 30),)),
        ("Monday, February 2", "follow_up", (D(2026, 2, 2),)),
    ]


def test_team_expects_to_decide_by_next_tuesday_is_reply() -> None:
    text = "You said the team expects to decide by next Tuesday"
    m = mention(text, "next Tuesday", (D(2026, 2, 3), D(2026, 2, 4)))
    assert m.role == "reply"
    assert m.relative
    assert D(2026, 2, 10) in m.dates


def test_when_we_spoke_is_past_and_finish_interviews_by_is_reply() -> None:
    text = (
        "When we spoke on February 17, you mentioned that your team hoped to finish "
        "interviews by March 6"
    )
    assert summary(text, (D(2026, 2, 17), D(2026, 3, 9))) == [
        ("February 17", "past", (D(2026, 2, 17),)),
        ("March 6", "reply", (D(2026, 3, 6),)),
    ]


def test_decide_within_two_weeks_and_hearing_from_you_by_a_date_are_both_reply() -> None:
    text = (
        "You mentioned you hope to decide within two weeks, so I look forward to hearing from "
        "you by November 17."
    )
    anchors = (D(2026, 11, 3), D(2026, 11, 4))
    within = mention(text, "within two weeks", anchors)
    assert within.role == "reply"
    assert within.relative
    assert D(2026, 11, 17) in within.dates
    assert within.dates == (D(2026, 11, 17), D(2026, 11, 18))
    by = mention(text, "November 17", anchors)
    assert (by.role, by.dates, by.relative) == ("reply", (D(2026, 11, 17),), False)


def test_check_back_in_two_weeks_is_a_follow_up_timeline() -> None:
    text = "I will check back in two weeks"
    m = mention(text, "in two weeks", (D(2026, 3, 9),))
    assert (m.role, m.dates, m.relative) == ("follow_up", (D(2026, 3, 23),), True)
    assert has_timeline(text)


def test_decision_should_come_by_27_march_is_reply() -> None:
    text = (
        "You mentioned that a decision should come by 27 March, and I look forward to hearing "
        "from you then."
    )
    assert summary(text, (D(2026, 3, 10),)) == [("27 March", "reply", (D(2026, 3, 27),))]


@pytest.mark.parametrize(
    "text",
    [
        "I hope to hear from you soon.",
        "Thank you for meeting with me yesterday.",
        "I look forward to hearing from you in the near future.",
        "You mentioned hearing back in the coming weeks.",
        "Thank you for meeting with me this morning about the role.",
        "Your story about last spring's appeal stayed with me.",
        "",
    ],
)
def test_vague_or_past_only_text_has_no_timeline(text: str) -> None:
    assert not has_timeline(text)


@pytest.mark.parametrize(
    "text",
    [
        "You mentioned a decision by June 2.",
        "You said you would decide within two weeks.",
        "You said the team expects to decide by next Tuesday.",
        "I will check in on Monday.",
        "I'll follow up next week.",
        "The team will be in touch by October 2.",
        "Second-round invitations should go out by September 29.",
        "I look forward to hearing from you by November 17.",
        "I will follow up in a week or two.",
    ],
)
def test_concrete_reply_or_follow_up_time_is_a_timeline(text: str) -> None:
    assert has_timeline(text)


# ------------------------------------------------------------------ forms of expression

TUESDAY = D(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "expression", "anchor", "dates", "relative"),
    [
        ("a decision by June 2", "June 2", TUESDAY, (D(2026, 6, 2),), False),
        ("a decision by 2 June", "2 June", TUESDAY, (D(2026, 6, 2),), False),
        ("a decision by 27 March", "27 March", TUESDAY, (D(2026, 3, 27),), False),
        ("a decision by March 27th", "March 27th", TUESDAY, (D(2026, 3, 27),), False),
        ("on the 2nd of June", "the 2nd of June", TUESDAY, (D(2026, 6, 2),), False),
        ("on Feb. 10", "Feb. 10", D(2026, 2, 4), (D(2026, 2, 10),), False),
        ("on Monday, February 2", "Monday, February 2", D(2026, 1, 20), (D(2026, 2, 2),), False),
        ("by Friday, March 13", "Friday, March 13", TUESDAY, (D(2026, 3, 13),), False),
        ("by April 24, 2026", "April 24, 2026", D(2025, 1, 1), (D(2026, 4, 24),), False),
        ("by 2026-03-06", "2026-03-06", D(2020, 1, 1), (D(2026, 3, 6),), False),
        ("by mid-December", "mid-December", D(2026, 11, 20), (D(2026, 12, 15),), False),
        ("by the end of June", "end of June", TUESDAY, (D(2026, 6, 30),), False),
        ("sometime in June", "June", TUESDAY, (D(2026, 6, 30),), False),
        ("decide by Friday", "Friday", TUESDAY, (D(2026, 3, 13),), True),
        ("decide by next Tuesday", "next Tuesday", TUESDAY, (D(2026, 3, 17),), True),
        ("check in on Monday", "Monday", TUESDAY, (D(2026, 3, 16),), True),
        ("decide this Friday", "this Friday", TUESDAY, (D(2026, 3, 13),), True),
        ("follow up next week", "next week", TUESDAY, (D(2026, 3, 20),), True),
        ("by the end of next week", "end of next week", TUESDAY, (D(2026, 3, 20),), True),
        ("by the end of the week", "end of the week", TUESDAY, (D(2026, 3, 13),), True),
        ("by the end of the month", "end of the month", TUESDAY, (D(2026, 3, 31),), True),
        ("decide within two weeks", "within two weeks", TUESDAY, (D(2026, 3, 24),), True),
        ("decide in 10 days", "in 10 days", TUESDAY, (D(2026, 3, 20),), True),
        ("check back in two weeks", "in two weeks", TUESDAY, (D(2026, 3, 24),), True),
        ("in a week or two", "in a week or two", TUESDAY, (D(2026, 3, 24),), True),
        ("within 5 business days", "within 5 business days", TUESDAY, (D(2026, 3, 17),), True),
        ("a week from today", "a week from today", TUESDAY, (D(2026, 3, 17),), True),
        ("early next week", "early next week", TUESDAY, (D(2026, 3, 17),), True),
        ("late next month", "late next month", TUESDAY, (D(2026, 4, 30),), True),
        ("decide by the 15th", "the 15th", TUESDAY, (D(2026, 3, 15),), True),
        ("hear back tomorrow", "tomorrow", TUESDAY, (D(2026, 3, 11),), True),
        ("we met two weeks ago", "two weeks ago", TUESDAY, (D(2026, 2, 24),), True),
        ("we met last Friday", "last Friday", TUESDAY, (D(2026, 3, 6),), True),
    ],
)
def test_expression_resolves_to_its_date(
    text: str, expression: str, anchor: date, dates: tuple[date, ...], relative: bool
) -> None:
    m = mention(text, expression, (anchor,))
    assert m.dates == dates
    assert m.relative is relative


def test_next_tuesday_from_a_tuesday_is_a_week_later() -> None:
    assert mention("next Tuesday", "next Tuesday", (D(2026, 2, 3),)).dates == (D(2026, 2, 10),)


def test_next_tuesday_from_a_wednesday_is_the_coming_tuesday() -> None:
    assert mention("next Tuesday", "next Tuesday", (D(2026, 2, 4),)).dates == (D(2026, 2, 10),)


def test_next_tuesday_from_a_monday_is_the_first_tuesday_after_it() -> None:
    assert mention("next Tuesday", "next Tuesday", (D(2026, 2, 2),)).dates == (D(2026, 2, 3),)


def test_a_bare_weekday_in_the_past_is_the_latest_one_on_or_before_the_anchor() -> None:
    text = "Thank you for meeting with me on Tuesday."
    m = mention(text, "Tuesday", (D(2026, 6, 9), D(2026, 6, 12)))
    assert (m.role, m.dates) == ("past", (D(2026, 6, 9),))


def test_month_day_without_year_takes_the_year_closest_to_the_first_anchor() -> None:
    assert mention("by January 5", "January 5", (D(2026, 12, 20),)).dates == (D(2027, 1, 5),)
    assert mention("on December 28", "December 28", (D(2027, 1, 3),)).dates == (D(2026, 12, 28),)
    # only the first anchor decides the year
    anchors = (D(2026, 12, 20), D(2025, 1, 1))
    assert mention("by January 5", "January 5", anchors).dates == (D(2027, 1, 5),)


def test_relative_expressions_resolve_against_every_anchor_without_duplicates() -> None:
    anchors = (D(2026, 2, 3), D(2026, 2, 4), D(2026, 2, 4))
    assert mention("in two weeks", "in two weeks", anchors).dates == (
        D(2026, 2, 17),
        D(2026, 2, 18),
    )
    assert mention("next Tuesday", "next Tuesday", anchors).dates == (D(2026, 2, 10),)


def test_end_of_next_week_is_the_friday_of_the_following_week() -> None:
    for anchor in (D(2026, 1, 19), D(2026, 1, 23), D(2026, 1, 25)):  # Mon, Fri, Sun
        m = mention("by the end of next week", "end of next week", (anchor,))
        assert m.dates == (D(2026, 1, 30),)


def test_end_of_the_month_is_the_last_day_of_the_anchor_month() -> None:
    text = "by the end of the month"
    assert mention(text, "end of the month", (D(2026, 2, 10),)).dates == (D(2026, 2, 28),)
    assert mention(text, "end of the month", (D(2028, 2, 10),)).dates == (D(2028, 2, 29),)


def test_the_following_monday_counts_from_the_date_before_it() -> None:
    text = (
        "You mentioned that the team expects to make decisions by April 24. I will check in "
        "the following Monday."
    )
    m = mention(text, "the following Monday", (D(2026, 4, 14),))
    assert (m.role, m.dates) == ("follow_up", (D(2026, 4, 27),))


def test_an_impossible_calendar_date_is_a_mention_without_dates() -> None:
    assert mention("by February 30", "February 30", (TUESDAY,)).dates == ()
    assert mention("by 2026-02-30", "2026-02-30", (TUESDAY,)).dates == ()


def test_without_anchors_relative_and_yearless_dates_stay_unresolved() -> None:
    assert [(m.text, m.dates) for m in find_time_mentions("by June 2 or next Friday", ())] == [
        ("June 2", ()),
        ("next Friday", ()),
    ]
    assert find_time_mentions("by April 24, 2026", ())[0].dates == (D(2026, 4, 24),)


@pytest.mark.parametrize(
    "text",
    [
        "I enjoyed our one-hour interview.",
        "With two new graduate nurses joining the unit",
        "After four years at a regional lender, I am ready.",
        "We provide 24/7 support.",
        "The call is at 3 pm.",
        "The call is at 3:30 p.m.",
        "Shifts change on 3/6 and 4/7.",
        "I may follow up with a question.",
        "The team grew by 15 people.",
        "It took 20 minutes and two hours.",
        "I am interested in a week-long onboarding program.",
        "We hope to hear back in the coming weeks.",
        "I look forward to hearing from you soon.",
    ],
)
def test_these_are_not_dates(text: str) -> None:
    assert find_time_mentions(text, (TUESDAY,)) == []


# ------------------------------------------------------------------------------ roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("The team will be in touch by October 2.", [("October 2", "reply")]),
        ("Invitations should go out by September 29.", [("September 29", "reply")]),
        ("You hope to finish interviews by March 6.", [("March 6", "reply")]),
        ("You said you would let candidates know by Friday.", [("Friday", "reply")]),
        ("I will check in on June 3.", [("June 3", "follow_up")]),
        ("I will plan to reach out on Monday, February 2.", [("Monday, February 2", "follow_up")]),
        ("I'll follow up next week.", [("next week", "follow_up")]),
        ("I would like to touch base on Friday.", [("Friday", "follow_up")]),
        ("I will be in touch by Friday.", [("Friday", "follow_up")]),
        ("When we spoke on February 17, I learned a lot.", [("February 17", "past")]),
        ("We met on Tuesday, and I will check in on Feb. 10.", [
            ("Tuesday", "past"), ("Feb. 10", "follow_up"),
        ]),
        ("Our interview on June 2 was a pleasure.", [("June 2", "past")]),
        ("Thank you for meeting with me yesterday.", [("yesterday", "past")]),
        ("Thank you for meeting with me this morning.", [("this morning", "past")]),
        ("The appeal you argued last spring stayed with me.", [("last spring", "past")]),
        ("If I haven't heard back by Friday, I'll follow up on Monday.", [
            ("Friday", "reply"), ("Monday", "follow_up"),
        ]),
        ("I am happy to start on June 1.", [("June 1", "other")]),
        ("Enjoy your no-meeting Wednesday!", [("Wednesday", "other")]),
        ("Dr. Smith said the team would decide by the 15th.", [("the 15th", "reply")]),
    ],
)  # fmt: skip
def test_role_comes_from_the_clause_around_the_mention(
    text: str, roles: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.role) for m in find_time_mentions(text, (TUESDAY,))] == roles


# ------------------------------------------------------------------------- properties

VOCABULARY = [
    "June 2", "2 June", "March 27th", "Monday, February 2", "April 24, 2026", "2026-03-06",
    "by Friday", "next Tuesday", "on Monday", "next week", "end of next week",
    "the end of the month", "within two weeks", "in 10 days", "a week from today",
    "early next week", "mid-December", "yesterday", "this morning", "last spring",
    "the following Monday", "by the 15th", "February 30", "9999-12-31", "0000-01-01",
    "I will check in", "you mentioned a decision", "when we spoke", ",", ".", ";", " and I ",
    "so", "the", "in", "a", "3/6", "24/7", "at 3 pm", "Feb.", "Dr.", "\n", "May", "may",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=5), max_size=25).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=25).map("".join),
)
anchor_sets = st.lists(st.dates(), max_size=3).map(tuple)


@settings(max_examples=400, deadline=None)
@given(texts, anchor_sets)
def test_resolution_never_raises_and_mentions_are_well_formed(
    text: str, anchors: tuple[date, ...]
) -> None:
    mentions = find_time_mentions(text, anchors)
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end  # in order, not overlapping
        previous_end = m.end
        assert m.role in ROLES
        assert list(m.dates) == sorted(set(m.dates))
        assert len(m.dates) <= max(1, len(set(anchors)))
    assert has_timeline(text) == any(m.role in ("reply", "follow_up") for m in mentions)


@given(st.sampled_from(VOCABULARY[:22]), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)))
def test_every_listed_expression_resolves_against_an_ordinary_anchor(
    expression: str, anchor: date
) -> None:
    mentions = find_time_mentions(expression, (anchor,))
    assert mentions
    assert all(m.dates for m in mentions if m.text != "last spring")
