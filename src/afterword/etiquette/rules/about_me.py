"""Mostly about them, not the writer (AW302)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity

_TOKENS = re.compile(r"[a-z]+(?:['’][a-z]+)?")


_FIRST_WORDS = frozenset(
    "i me my mine myself i'm i’m i've i’ve i'd i’d i'll i’ll".split()
)


_SECOND_WORDS = frozenset(
    "you your yours yourself you're you’re you've you’ve you'll you’ll we our us".split()
)


# Sentences every note needs ("I look forward…", "I will check in…") say nothing about the
# writer's self; they count for neither side.
_FORMULA = re.compile(
    r"(?i)^(?:i|i'll|i’ll)\s+(?:also\s+|still\s+)?(?:hope|look forward|will|wanted to|want to "
    r"thank|remain|understand|would (?:welcome|be glad|be happy)|am (?:glad|happy) to)\b"
)


def _check_about_me(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    # Counted sentence by sentence (a token never crosses the space that joins them).
    sentences = [count for count in (_counted(facts, note.text(s)) for s in note.sentences)
                 if count is not None]
    first = sum(count[0] for count in sentences)
    second = sum(count[1] for count in sentences)
    i_led = sum(count[2] for count in sentences)
    t = facts.thresholds
    heavy = first >= 8 and first >= t.first_person_ratio * max(second, 1)
    led = len(sentences) >= 4 and i_led >= 3 and i_led / len(sentences) >= t.i_sentence_share
    if heavy or led:
        why = (
            f"{i_led} of {len(sentences)} sentences start with 'I'"
            if led else f"'I/me/my' appears {first} times against {second} for 'you/your'"
        )
        yield Hit(
            f"The note is mostly about you ({why}). Turn a sentence or two toward the "
            "interviewer: what they said, what their team is doing.",
        )


def _counted(facts: Facts, sentence: str) -> tuple[int, int, int] | None:
    return facts.remember(("AW302", sentence), lambda: _counts(sentence))


def _counts(sentence: str) -> tuple[int, int, int] | None:
    """(first-person words, second-person words, 1 if it starts with 'I') of a sentence;
    None for a formula every note needs."""
    if _FORMULA.match(sentence):
        return None
    tokens = _TOKENS.findall(sentence.lower())
    return (sum(1 for token in tokens if token in _FIRST_WORDS),
            sum(1 for token in tokens if token in _SECOND_WORDS),
            int(bool(re.match(r"(?i)(?:i|i'm|i’m|i've|i’ve|my)\b", sentence))))


RULES = (
    Rule(
        code="AW302",
        name="all-about-me",
        severity=Severity.WARNING,
        summary="Mostly about them, not about you.",
        rationale=(
            "A note that is all about the writer can sour a good interview. Keep the focus on "
            "the conversation and the interviewer's work."
        ),
        check=_check_about_me,
        kinds=frozenset({"thank_you", "check_in"}),
        examples=(
            flags(
                'I-led',
                (
                    'Hearing how your team is moving the sales dashboards to dbt was the '
                    'highlight of the afternoon, and I would enjoy helping with the testing side '
                    'of that work. Your Friday demo sessions also sound like a generous way to '
                    'share work early.'
                ),
                (
                    'I enjoyed hearing about the move to dbt. I have done this before. I think I '
                    'would fit in well. I am a quick learner and I love demo sessions.'
                ),
            ),
            passes('balanced'),
        ),
    ),
)
