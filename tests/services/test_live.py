"""The live check session: at every keystroke, the same report as a full check, for less work."""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.config import Settings
from afterword.etiquette.text.note import parse_note
from afterword.proofread.harper import shared
from afterword.proofread.paragraphs import ParagraphCache, paragraphs
from afterword.report import Report
from afterword.services.checking import check
from afterword.services.live import CheckSession, SessionPool, live_check
from tests.conftest import BASE_NOTE, EXTRA_CORPUS, context

CASES = {c["id"]: c for c in map(json.loads, EXTRA_CORPUS.read_text("utf-8").splitlines())}
# Several voices and shapes: headers, a long email, a card, a British note, a check-in.
NOTES = ["clean-160-word-email", "clean-family-name-first-nguyen", "aw301-two-hundred-word-email",
         "clean-first-check-in-with-news"]


def wire(report: Report) -> dict[str, Any]:
    """Everything a caller sees of a report."""
    return {**report.to_dict(), "warnings": report.warnings, "body": report.body,
            "findings_raw": report.findings}


def assert_same_as_full(session: CheckSession, text: str, ctx: Any) -> None:
    assert wire(session.check(text)) == wire(check(text, ctx, settings=session.settings)), text


def typed(note: str) -> list[str]:
    """The note as it stands after each word is typed."""
    return [note[: m.end()] for m in re.finditer(r"\S+\s*", note)]


@pytest.mark.parametrize("case_id", NOTES)
def test_typing_word_by_word_gives_the_full_checks_findings_at_every_word(case_id: str) -> None:
    case = CASES[case_id]
    session = CheckSession(case["context"], Settings())
    for text in typed(case["note"]):
        assert_same_as_full(session, text, case["context"])


def edits(note: str) -> list[str]:
    """A sequence of edits a writer makes to a finished note, each building on the last."""
    paras = note.split("\n\n")
    middle = len(paras) // 2
    steps: list[str] = []

    def step(text: str) -> str:
        steps.append(text)
        return text

    text = step("\n\n".join(paras))
    words = paras[middle].split(" ")
    half = len(words) // 2
    paras[middle] = " ".join([*words[:half], "realy", *words[half:]])  # a typo mid-paragraph
    text = step("\n\n".join(paras))
    paras[middle] = paras[middle].replace(" realy", " really")  # fixed
    text = step("\n\n".join(paras))
    paras[middle] = paras[middle].replace(" the ", " the the ", 1)  # a repeated word
    text = step("\n\n".join(paras))
    paras.insert(middle, "I was thrilled 🎉 to here about teh new Zoë-led proyect, its great.")
    text = step("\n\n".join(paras))  # a pasted paragraph with emoji and typos
    paras[0] = paras[0] + " 👋🏽"
    text = step("\n\n".join(paras))  # emoji before every later finding
    text = step(text.replace("\n", "\r\n"))  # the same note with CRLF line ends
    del paras[middle + 1]
    text = step("\n\n".join(paras))  # a paragraph deleted
    text = step(text.replace("\n\n", "\n\n\n", 1))  # an extra blank line
    text = step(text.replace("\n\n\n", "\n", 1))  # two paragraphs joined into one
    text = step(text[: len(text) // 2])  # the second half cut
    step(text + "\n\nCafe\u0301 talk was fun, a apple a day.")  # a combining accent, pasted
    return steps


@pytest.mark.parametrize("case_id", NOTES)
def test_edits_in_the_middle_deletions_and_pastes_give_the_full_checks_findings(
    case_id: str,
) -> None:
    case = CASES[case_id]
    session = CheckSession(case["context"], Settings())
    for text in edits(case["note"]):
        assert_same_as_full(session, text, case["context"])


def test_a_british_session_matches_a_full_british_check() -> None:
    ctx = context(dialect="british")
    session = CheckSession(ctx, Settings())
    for text in typed(BASE_NOTE.replace("Friday", "Friday colour-coded catalog")):
        assert_same_as_full(session, text, ctx)


def test_editing_the_last_paragraph_relints_only_that_paragraph() -> None:
    ctx = context()
    session = CheckSession(ctx, Settings())
    session.check(BASE_NOTE)
    assert session.proofreader is not None
    before = session.proofreader.linted_chars
    edited = BASE_NOTE.replace("Sam Ortiz", "Sam  Ortiz")
    session.check(edited)
    assert session.proofreader.linted_chars - before == len(paragraphs(edited)[-1][1])


def test_typing_at_the_end_of_a_long_paragraph_relints_only_the_sentence_being_typed() -> None:
    ctx = context()
    session = CheckSession(ctx, Settings())
    body = BASE_NOTE.split("\n\n")
    longest = max(range(len(body)), key=lambda i: len(body[i]))
    assert body[longest].count(". ") >= 1
    session.check(BASE_NOTE)
    assert session.proofreader is not None
    before = session.proofreader.linted_chars
    body[longest] += " I would welcome the chance."
    edited = "\n\n".join(body)
    assert_same_as_full(session, edited, ctx)
    assert session.proofreader.linted_chars - before < len(body[longest]) / 2


def test_the_same_text_twice_lints_nothing_and_the_report_is_the_callers_own() -> None:
    session = CheckSession(context(), Settings())
    first = session.check(BASE_NOTE)
    assert session.proofreader is not None
    linted = session.proofreader.linted_chars
    first.findings.clear()
    second = session.check(BASE_NOTE)
    assert session.proofreader.linted_chars == linted
    assert wire(second) == wire(check(BASE_NOTE, context(), settings=Settings()))


def test_a_later_change_to_the_callers_context_dict_does_not_leak_into_the_session() -> None:
    ctx = context()
    session = CheckSession(ctx, Settings())
    ctx["interviewers"][0]["name"] = "Priya Rahman"
    assert wire(session.check(BASE_NOTE)) == wire(check(BASE_NOTE, context(),
                                                        settings=Settings()))


def test_live_check_rebuilds_a_keys_session_when_its_context_changes() -> None:
    note = BASE_NOTE.replace("Dr. Raman", "Dr. Rahman")
    first = live_check("note-1", context(), Settings(), note)
    assert "AW104" in first.codes
    renamed = context(interviewers=[{**context()["interviewers"][0], "name": "Priya Rahman"}])
    second = live_check("note-1", renamed, Settings(), note)
    assert wire(second) == wire(check(note, renamed, settings=Settings()))
    assert "AW104" not in second.codes


def test_a_session_pool_keeps_only_its_most_recent_sessions() -> None:
    pool = SessionPool(capacity=2)
    first = pool.session("a", context(), Settings())
    pool.session("b", context(), Settings())
    assert pool.session("a", context(), Settings()) is first
    pool.session("c", context(), Settings())
    assert pool.session("b", context(), Settings()) is not first
    assert pool.session("a", context(), Settings()) is not first  # evicted by c and b


def test_with_proofreading_off_the_session_says_so_like_a_full_check() -> None:
    off = Settings(proofreading=False)
    session = CheckSession(context(), off)
    assert session.proofreader is None
    assert wire(session.check(BASE_NOTE)) == wire(check(BASE_NOTE, context(), settings=off))


# Texts built to tempt Harper into looking across a blank line.
ACROSS_BREAKS = [
    "I want a\n\napple.", "I saw the\n\nthe cat.", "hello there\n\nthis is it.",
    "“Hello\n\nworld” he said.", "Its a good\n\nday its.", "It was great .\n\nNext.",
    "Thank you and\n\nand more.", "I look forward to\n\nhearing from you.", "Hi  \n\n  there",
    "He said (hello\n\nworld).", "\n\n\nStarts blank.\n\n\n", "", "\n", "One\n \t\ntwo teh",
    "Dear Dr. Okafor,\n\nwe talked. i think\n\n\n\ni know. 🎉 teh",
    # Harper does look across a single line break and a sentence end: no unit smaller
    # than a paragraph would do.
    "I want a\napple.", "teh\n \nteh", "the\n\t\nthe", "I met Dr. Okafor. we talked.", "1. first\n2. second",
    # Found by replaying edits: a tab or a bullet after the break, an initial before it,
    # an open quote, and a repeated word silenced by a hyphenated name paragraphs earlier.
    "Coordinator helping draws meantime, Picard-Dubois\n\n\tafter or I drawings you you gave",
    "Hello way\n\n-Bioinformatics look course, & to the than feeling\n\n\tyou you\n",
    "them back by too, a\n\n(club I.\n\nyou rosalind.okafor@hartwell.example \n\n",
    "Ngozi's that in the forward and Oyelaran, look to a.\n\naround made ",
    "\"Consultant forecasts been way\n\n\n\nBioinformatics feeling\n\nyou you\n",
    "Best,\nHyun-woo Park\n\nDear Mr. Demir,\n\nI hope your week is going well. I know the "
    "the team hopes to make a decision.",
    # Sentence ends inside a paragraph: cut only before a capital after one space, never
    # inside quotes or brackets, after an abbreviation or an initial.
    "It was great. Its a good day. Thanks a lot.", "We met. the team was kind. A apple.",
    "He said “Great. Thanks” and left. Its fine.", "Ends here.  Two spaces. Then teh end.",
    "I served in the U.S. Army. Next one is an apple.", "I love it! And you? Yes. A apple.",
    "Mr. Smith. Dr. Okafor. Ms. Lee. we talked.", "(We met. The team) was kind. Its fine.",
    "We met J. Smith. Then teh team.", "It was a. B. C. a apple.",
]


@pytest.mark.parametrize("text", ACROSS_BREAKS)
def test_paragraph_by_paragraph_proofreading_equals_harper_on_the_whole_text(text: str) -> None:
    harper = shared()
    alone, together = ParagraphCache(harper, join_runs=False), ParagraphCache(harper)
    assert alone.lint(text) == harper.lint(text)
    assert together.lint(text) == harper.lint(text)
    assert together.lint(text) == harper.lint(text)  # from the cache this time


BODIES = [parse_note(c["note"]).body for c in CASES.values()]
WORDS = [w for body in BODIES for w in body.split()] + ["teh", "🎉", "👋🏽", "Cafe\u0301", "a"]


def edited(text: str, rnd: random.Random) -> str:
    """One edit a writer might make: a word added, removed, doubled or mistyped, a
    paragraph pasted or deleted, or the text cut short."""
    words = list(re.finditer(r"\S+", text)) or [re.match(r"", text)]
    at = rnd.choice(words)
    assert at is not None
    paras = text.split("\n\n")
    choice = rnd.randrange(6)
    if choice == 0:
        return text[: at.end()] + " " + rnd.choice(WORDS) + text[at.end() :]
    if choice == 1:
        return text[: at.start()] + text[at.end() :].lstrip(" ")
    if choice == 2:
        return text[: at.end()] + " " + at.group() + text[at.end() :]
    if choice == 3:
        paras.insert(rnd.randrange(len(paras) + 1), rnd.choice(rnd.choice(BODIES).split("\n\n")))
    elif choice == 4 and len(paras) > 1:
        del paras[rnd.randrange(len(paras))]
    else:
        return text[: rnd.randrange(len(text) + 1)]
    return "\n\n".join(paras)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.booleans())
def test_any_run_of_edits_to_real_notes_matches_harper_on_the_whole_text(
    seed: int, join: bool,
) -> None:
    rnd = random.Random(seed)
    harper = shared()
    cached = ParagraphCache(harper, join_runs=join)
    text = rnd.choice(BODIES)
    for _ in range(6):
        text = edited(text, rnd)
        assert cached.lint(text) == harper.lint(text), text


PIECES = st.sampled_from([
    "teh", "the", "a", "apple", "an", "pear", "Its", "its", "their", "there", ",", ".", " ",
    "\n", "\n\n", "\n \n", "🎉", "e\u0301", "Zoë", "i", "I", "realy", "and", "Okafor", "Dr.",
    "“", "”", "  ", "!", "?", "dont", "recieve", "Thank you", "you're", "your",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(PIECES, min_size=1, max_size=30), min_size=1, max_size=6))
def test_any_sequence_of_edits_matches_harper_on_the_whole_text(
    versions: list[list[str]],
) -> None:
    harper = shared()
    cached = ParagraphCache(harper, join_runs=len(versions) % 2 == 0)
    for pieces in versions:
        text = " ".join(pieces)
        assert cached.lint(text) == harper.lint(text), text


def test_a_session_judges_time_words_against_the_clock_as_a_full_check_does() -> None:
    ctx = context(send_at=None)
    three_days_on = datetime.fromisoformat(ctx["interview"]["end"]) + timedelta(days=3)
    note = BASE_NOTE.replace("yesterday", "this afternoon", 1)
    session = CheckSession(ctx, Settings())
    live = session.check(note, now=three_days_on)
    full = check(note, ctx, settings=Settings(), now=three_days_on)
    assert "AW405" in {f.code for f in full.findings}
    assert wire(live) == wire(full)


REPEAT_PIECES = st.sampled_from([
    "the", "The", "THE", "a", "A", ".", ",", " ", "  ", "\n", "\n\n", "you", "You", "é", "É",
    "İ", "i", "ß", "SS", "Dr.", "11", "_", "—", "... ", "!", "?", ". ", ".\n\n", "Then", "then",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(REPEAT_PIECES, min_size=1, max_size=16))
def test_a_text_with_a_word_said_twice_in_a_row_is_never_cut(pieces: list[str]) -> None:
    text = "".join(pieces)
    if re.search(r"(?i)\b(\w+)\b\W{1,4}\b\1\b", text):
        assert paragraphs(text) == [(0, text)]
