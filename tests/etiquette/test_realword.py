"""Real-word errors: every rule fires on its error and stays quiet on the correct form.

Cases are written with the flagged word in brackets: "If [your] open to it" means the
error must cover exactly "your" and suggest the given replacement.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.etiquette.confusions import (
    HARPER_COVERS,
    RealWordError,
    find_real_word_errors,
)

# (text with the wrong word in brackets, suggestion)
MUST_FLAG: list[tuple[str, str]] = [
    # your -> you're
    ("If [your] open to it, I would love to talk again.", "you're"),
    ("Thanks again, and [your] welcome to call me anytime.", "you're"),
    ("I think [your] right about the roadmap.", "you're"),
    ("Let me know if [your] interested in my portfolio.", "you're"),
    ("I hope [your] doing well.", "you're"),
    ("[Your] welcome to reach out.", "You're"),
    ("[Your] open to it, which is great.", "You're"),
    ("I know [your] busy this week.", "you're"),
    ("Let me know when [your] available.", "you're"),
    ("I hope [your] well.", "you're"),
    ("I hope [your] not too busy.", "you're"),
    ("Whenever [your] ready, just send it over.", "you're"),
    ("If [your] free, let me know.", "you're"),
    ("If [your] a fan of dashboards, you will like this.", "you're"),
    ("I know [your] looking for someone senior.", "you're"),
    ("I hope [your] all well.", "you're"),
    ("[Your] so kind to offer.", "You're"),
    ("When [your] done with the review, I can send more.", "you're"),
    ("I heard [your] going to the conference.", "you're"),
    ("Thank [your] for your time.", "you"),
    # their/there -> they're
    ("I hope [their] happy with the demo.", "they're"),
    ("I think [there] happy with it.", "they're"),
    ("[There] going to call me on Friday.", "They're"),
    ("Let me know if [their] available next week.", "they're"),
    ("I hope [there] not too busy.", "they're"),
    # you're / they're -> your / their, you -> your
    ("Please reply at [you're] convenience.", "your"),
    ("It was nice to meet [you're] team.", "your"),
    ("Good luck with [you're] launch.", "your"),
    ("I enjoyed hearing about the history of [they're] company.", "their"),
    ("Thank you for [you] time.", "your"),
    ("I appreciate [you] feedback on my portfolio.", "your"),
    ("Thanks for sharing [you] insights.", "your"),
    # it's / its
    ("The team has [it's] own culture.", "its"),
    ("The product has a roadmap of [it's] own.", "its"),
    ("The company and [it's] mission inspire me.", "its"),
    ("[Its] clear that you care about quality.", "It's"),
    ("[Its] so great to hear from you.", "It's"),
    ("For what [its] worth, I loved the tour.", "it's"),
    ("I think [its] worth noting that I can start in May.", "it's"),
    # to -> too
    ("The interview was not [to] long.", "too"),
    ("That is [to] bad.", "too"),
    ("[To] bad we ran out of time.", "Too"),
    ("It was great to meet you [to]!", "too"),
    ("I enjoyed it [to].", "too"),
    ("Thank you [to].", "too"),
    ("It was great talking with you [to].", "too"),
    ("I hope I wasn't [to] formal in my answers.", "too"),
    # loose -> lose
    ("I will [loose] the chance if I wait.", "lose"),
    ("Don't [loose] hope.", "lose"),
    ("I did not [loose] my notes.", "lose"),
    ("I'm [loosing] sleep over this.", "losing"),
    # missing apostrophes Harper does not flag
    ("[Id] love to join the team.", "I'd"),
    ("Thanks! [id] be glad to help.", "I'd"),
    ("[Ill] follow up next week.", "I'll"),
    ("Thanks, and [ill] send the deck tomorrow.", "I'll"),
    ("[Whats] the next step?", "What's"),
    ("[Lets] keep in touch.", "Let's"),
    ("So [lets] talk again soon.", "let's"),
    ("I [wont] forget it.", "won't"),
    ("It [wont] be a problem.", "won't"),
    # who's / whose
    ("I enjoyed meeting Ana, [who's] team builds the API.", "whose"),
    ("Please thank the person [whose] leading the project.", "who's"),
    ("[Whose] available next week?", "Who's"),
    ("I wonder [who's] idea that was.", "whose"),
    ("Do you know [whose] going to lead the project?", "who's"),
    # compliment / complement
    ("My skills would [compliment] your team.", "complement"),
    ("I think my background [compliments] the role.", "complements"),
    ("Thank you for the kind [complement].", "compliment"),
    ("Thank you for the [complement].", "compliment"),
    ("She paid me a [complement] on the portfolio.", "compliment"),
    # principal / principle
    ("I met the [principle] engineer yesterday.", "principal"),
    ("The [Principle] Designer role sounds great.", "Principal"),
    ("I admire the company's core [principals].", "principles"),
    ("The [principals] of good design came up.", "principles"),
    ("We agreed in [principal].", "principle"),
    ("It is a matter of [principal] for me.", "principle"),
    # peak -> pique
    ("The role [peaks] my interest.", "piques"),
    ("It [peaked] my curiosity.", "piqued"),
    # here / hear, form / from
    ("I look forward to [here] from you.", "hearing"),
    ("I hope to [here] from you soon.", "hear"),
    ("I look forward to [hear] from you.", "hearing"),
    ("I was glad to [here] about the new office.", "hear"),
    ("I look forward to hearing [form] you.", "from"),
    # are / our, meat / meet, except / accept, weather / whether, advise / advice
    ("I really enjoyed [are] conversation.", "our"),
    ("Thank you for [are] chat on Tuesday.", "our"),
    ("It was great to [meat] you.", "meet"),
    ("I'm happy to [except] the offer.", "accept"),
    ("Please [except] my thanks.", "accept"),
    ("[Weather] or not I get the role, thank you.", "Whether"),
    ("I am wondering [weather] to send my portfolio.", "whether"),
    ("Thank you for the [advise].", "advice"),
    ("I appreciate your [advise] on the case study.", "advice"),
]

# Correct sentences, many one letter away from a rule above.
MUST_PASS: list[str] = [
    # your
    "I saw your open roles on the careers page.",
    "If your open roles are still posted, I'd love to apply.",
    "I applied because your open position matched my skills.",
    "Thank you for your welcome.",
    "Your welcome message was lovely.",
    "I appreciated the tour and your welcome.",
    "Thank you for the warm welcome to the team.",
    "Thanks, and your welcome to the team was warm.",
    "I respect your right to privacy.",
    "I know your right to ask.",
    "I know your busy schedule.",
    "Your very kind words meant a lot.",
    "It was your doing.",
    "Thank you for your open, honest feedback.",
    "I enjoyed the tour and your open, honest answers.",
    "If your team is open to it, I'd love to talk.",
    "I hope your week is going well.",
    "Give it your all.",
    "I hope you're well.",
    "You're welcome to call.",
    "If you're open to it, I would love to talk again.",
    "Your not-for-profit work is inspiring.",
    "Your not knowing the answer was fine.",
    "I loved the tour and your coming to say hello.",
    "I know your kind.",
    # then / than (Harper's) must not trip anything here
    "I am more excited now than then.",
    "It is more than then.",
    "I'd rather meet in person than online.",
    "I would rather than not.",
    "Then Tran joined the call, and then we talked.",
    # it's / its
    "It's a pleasure to meet you.",
    "The company and its mission inspire me.",
    "Its own team is small.",
    "It has its own culture.",
    "It's great to hear.",
    "The product and its great design impressed me.",
    "The firm is known for its great, inclusive culture.",
    "I know its worth.",
    # there / their / they're
    "They're their own team.",
    "Their team is growing.",
    "There is a lot to learn.",
    "Is there going to be a second round?",
    "I hope they're happy.",
    "Their happy customers say a lot.",
    "I know there are open roles.",
    "There's a loose end to tie up.",
    "There, I met the team.",
    "There not being any openings, I applied elsewhere.",
    # to / too
    "It was too long.",
    "I enjoyed meeting you too.",
    "My plan is to brief the team.",
    "The aim is to narrow the scope.",
    "I try not to long for the past.",
    "The letter was to senior leadership.",
    "The memo was to senior and junior staff.",
    "The idea was to kind of rethink the process.",
    "We wanted to talk to you.",
    "I'd like to introduce you to.",
    "Who should I send it to?",
    "She is the person I spoke to.",
    "To bad actors, the policy is clear.",
    # lose / loose
    "Don't lose hope.",
    "There are a few loose ends.",
    "Will loose ends be tied up?",
    "The bolts are not loose.",
    "I will lose no time.",
    # apostrophes
    "I'd like to follow up.",
    "The Id and the ego came up in class.",
    "I fell ill last week.",
    "He was ill but recovered.",
    "The tool lets teams share notes.",
    "It lets you plan ahead.",
    "She grips it and lets go.",
    "As is his wont, he arrived early.",
    "I messaged you on WhatsApp.",
    "The changelog is at https://example.com/whats-new today.",
    "Check that all packages containing id have a file.",
    # who's / whose
    "Who's available next week?",
    "Who's leading the project?",
    "Whose team builds the API?",
    "I enjoyed meeting Ana, whose team builds the API.",
    "Ana, who's team lead for the API, was kind.",
    "A manager whose available time is limited still met me.",
    # compliment / complement
    "My skills complement the team.",
    "Thank you for the kind compliment.",
    "I must compliment your team on the process.",
    "She complimented the team.",
    "The new hires are a great complement to the team.",
    # principal / principle
    "The principal engineer was kind.",
    "I share the principles of your company.",
    "I met the principals of the firm.",
    "The principle engineers follow is simplicity.",
    "We paid down the loan in principal and interest.",
    # pique
    "The role piques my interest.",
    "Peak interest rates are high.",
    "Rates peaked last year.",
    # you / your
    "Thank you for your time.",
    "It may take you time to adjust.",
    "I'll give you time to decide.",
    "I appreciate you taking the time.",
    # hear / here / from
    "I look forward to hearing from you.",
    "I hope to hear from you soon.",
    "I moved here from Boston.",
    "From there to here.",
    "I could hear the enthusiasm.",
    "Fall through to here if it fails.",
    "Please fill in the form you received.",
    # our / meet / accept / whether / advice
    "The following are interview questions I prepared.",
    "What are your plans?",
    "We had meat with rice at lunch.",
    "I'm happy to accept the offer.",
    "Everyone except the manager joined.",
    "The weather was lovely.",
    "I'd advise you to apply.",
    "Some advise against it.",
    "",
]


def _unmark(marked: str) -> tuple[str, int, int]:
    start = marked.index("[")
    end = marked.index("]") - 1
    return marked.replace("[", "").replace("]", ""), start, end


def _apply(text: str, error: RealWordError) -> str:
    return text[: error.start] + error.suggestion + text[error.end :]


def test_tables_are_large_enough() -> None:
    assert len(MUST_FLAG) >= 40
    assert len(MUST_PASS) >= 40


@pytest.mark.parametrize(("marked", "suggestion"), MUST_FLAG)
def test_flags_the_word_with_the_right_fix(marked: str, suggestion: str) -> None:
    text, start, end = _unmark(marked)
    errors = find_real_word_errors(text)
    assert len(errors) == 1, errors
    (error,) = errors
    assert (error.start, error.end) == (start, end), text[error.start : error.end]
    assert error.suggestion == suggestion
    assert f"'{text[start:end]}'" in error.message
    assert f"'{suggestion}'" in error.message


@pytest.mark.parametrize(("marked", "suggestion"), MUST_FLAG)
def test_the_corrected_sentence_passes(marked: str, suggestion: str) -> None:
    text, _, _ = _unmark(marked)
    (error,) = find_real_word_errors(text)
    assert find_real_word_errors(_apply(text, error)) == []


@pytest.mark.parametrize("text", MUST_PASS)
def test_correct_sentences_pass(text: str) -> None:
    assert find_real_word_errors(text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "suggestion"),
    [
        ("Your open to it, I hope.", "Your", "You're"),
        ("YOUR WELCOME TO CALL ME.", "YOUR", "YOU'RE"),
        ("id love to help.", "id", "I'd"),
        ("THE TEAM HAS IT'S OWN CULTURE.", "IT'S", "ITS"),
        ("WHOSE AVAILABLE?", "WHOSE", "WHO'S"),
    ],
)
def test_capitalisation_is_preserved(text: str, wrong: str, suggestion: str) -> None:
    errors = find_real_word_errors(text)
    assert [(text[e.start : e.end], e.suggestion) for e in errors] == [(wrong, suggestion)]


def test_typographic_apostrophes_are_read_and_kept() -> None:
    text = "If your open to it, I’d love to meet Ana, who’s team builds the API."
    errors = find_real_word_errors(text)
    assert [(text[e.start : e.end], e.suggestion) for e in errors] == [
        ("your", "you’re"),
        ("who’s", "whose"),
    ]


def test_straight_apostrophes_when_the_text_mixes_both() -> None:
    text = "I'd say it’s fine. If your open to it, let's talk."
    (error,) = find_real_word_errors(text)
    assert error.suggestion == "you're"


def test_several_errors_in_a_note_come_back_in_order_with_exact_offsets() -> None:
    note = (
        "Dear Ms. Tran,\n\n"
        "Thank you for you time on Tuesday. Its clear that the team cares about "
        "quality, and I think my experience would compliment it. If your open to it, "
        "I would love to share a short write-up. I look forward to here from you.\n\n"
        "Best regards,\nJordan"
    )
    errors = find_real_word_errors(note)
    assert [(note[e.start : e.end], e.suggestion) for e in errors] == [
        ("you", "your"),
        ("Its", "It's"),
        ("compliment", "complement"),
        ("your", "you're"),
        ("here", "hearing"),
    ]
    assert [e.start for e in errors] == sorted(e.start for e in errors)
    fixed = note
    for error in reversed(errors):
        fixed = _apply(fixed, error)
    assert find_real_word_errors(fixed) == []
    assert "Thank you for your time" in fixed
    assert "If you're open to it" in fixed


def test_a_correct_note_passes() -> None:
    note = (
        "Dear Mr. Then,\n\n"
        "Thank you for taking the time to meet with me on Tuesday to discuss the Senior "
        "Data Analyst position. I enjoyed learning about your team and its approach to "
        "experimentation, and it's clear that you're open to new ideas. If you're open "
        "to it, I'd love to share a short write-up of how I would approach the reporting "
        "backlog. I think my experience with dbt would complement your team's work. I "
        "know you're busy this week, so there is no rush. I enjoyed meeting you too, and "
        "I look forward to hearing from you.\n\n"
        "Best regards,\nJordan Lee"
    )
    assert find_real_word_errors(note) == []


def test_error_is_an_immutable_record() -> None:
    (error,) = find_real_word_errors("If your open to it, let me know.")
    assert error == RealWordError(
        start=3, end=7, message="'your' should be 'you're' (you are) here.", suggestion="you're"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        error.start = 0  # type: ignore[misc]


def test_harper_covers_names_the_families_left_to_harper() -> None:
    assert isinstance(HARPER_COVERS, frozenset)
    assert all(isinstance(family, str) and family for family in HARPER_COVERS)
    assert {"then/than", "a/an", "affect/effect", "alot"} <= HARPER_COVERS


def test_long_adversarial_input_is_read_to_the_end() -> None:
    text = ("your " * 20_000) + ("to " * 20_000) + (" " * 20_000) + "your"
    errors = find_real_word_errors(text)
    assert all(0 <= e.start < e.end <= len(text) for e in errors)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "your", "Your", "you're", "you", "open", "welcome", "to", "it's", "its",
                "own", "their", "there", "busy", "not", "here", "from", "who's", "whose",
                "team", "loose", "lets", "Id", "like", "the", "offer", "except", ",", ".",
                "\n", "’", "'", "if", "and", "principle", "engineer", "peaks", "my",
                "interest", "time", "for", "are", "conversation", "İ",
            ]
        ),
        max_size=30,
    )
)
def test_errors_are_in_bounds_ordered_and_disjoint(tokens: list[str]) -> None:
    text = " ".join(tokens)
    errors = find_real_word_errors(text)
    previous_end = 0
    for error in errors:
        assert 0 <= previous_end <= error.start < error.end <= len(text)
        assert text[error.start : error.end].strip() == text[error.start : error.end]
        assert error.suggestion
        previous_end = error.end
