"""A different note for each panelist (AW202)."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from afterword.etiquette.engine.examples import SAMPLE_NOTE
from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.text.names import fold
from afterword.etiquette.text.note import parse_note
from afterword.report import Severity


def body_of(text: str) -> str:
    """The part of a note between its salutation and sign-off, folded for comparison."""
    note = parse_note(text)
    return " ".join(note.main_text.casefold().split())


def note_similarity(a: str, b: str) -> float:
    """0-100: how alike two notes read, comparing their bodies only."""
    return float(fuzz.ratio(body_of(a), body_of(b)))


def _needs_previous(facts: Facts) -> str | None:
    if not facts.context.previous_notes:
        return "no previous notes to compare with (context 'previous_notes')"
    return None


def _check_same_note(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    own = {fold(v) for v in ((person.email, person.name) if person else ()) if v}
    mine = " ".join(facts.note.main_text.casefold().split())
    for previous in facts.context.previous_notes:
        if previous.recipient and fold(previous.recipient) in own:
            continue
        score = fuzz.ratio(mine, body_of(previous.text))
        if score >= facts.thresholds.similarity_percent:
            other = facts.context.find_person(previous.recipient)
            who = other.name if other and other.name else previous.recipient or "someone else"
            yield Hit(
                f"This note is {score:.0f}% the same as the one to {who}. Panelists compare "
                "notes: write each one from your conversation with that person.",
            )
            return


_SAME_TO_ARJUN = {
    "recipient": "arjun.mehta@northwind.example",
    "text": SAMPLE_NOTE.replace("Dr. Raman", "Mr. Mehta"),
    "sent_at": "2026-11-21T08:30:00-05:00",
}

RULES = (
    Rule(
        code="AW202",
        name="same-note-to-several",
        severity=Severity.WARNING,
        summary="Each interviewer gets a different note.",
        rationale=(
            "Interviewers on a panel often compare notes. The same text with only the name "
            "changed tells each of them they got a form letter."
        ),
        check=_check_same_note,
        needs=_needs_previous,
        examples=(
            flags('same text', previous_notes=[_SAME_TO_ARJUN]),
            passes(
                'a different note',
                previous_notes=[{
                    'recipient': 'arjun.mehta@northwind.example',
                    'text': (
                        'Dear Mr. Mehta,\n\nThank you for the questions about testing SQL models '
                        'and for walking me through the on-call rotation for data '
                        'incidents.\n\nBest regards,\nSam Ortiz'
        ),
                }],
            ),
        ),
    ),
)
