"""Not a résumé recap or a replay of the interview (AW303)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity

_SELF_QUAL = re.compile(
    r"(?i)^(?:(?:as we discussed|in my (?:current|previous|last) (?:role|job|position)|"
    r"before that|at my (?:current|last|previous) (?:job|role|company)|additionally|also|"
    r"in addition),?\s+)?(?:i|my)\b.{0,40}?\b(?:have|has|had|spent|completed|led|managed|built|"
    r"worked|earned|passed|graduated|trained|developed|designed|created|achieved|delivered|"
    r"automated|increased|reduced|launched|am (?:skilled|experienced|proficient|certified)|"
    r"bring|possess|hold)\b"
)


_BULLET = re.compile(r"(?m)^[ \t]*(?:[-*•▪●◦‣]|\d{1,2}[.)])[ \t]+\S")


def _check_recap(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    t = facts.thresholds
    bullets = list(_BULLET.finditer(note.main_text))
    if bullets:
        start = note.main.start + bullets[0].start()
        yield Hit(
            "A bulleted list turns the note into a résumé recap. Say it in a sentence, or "
            "leave it to the interview.",
            start=start, end=start + len(bullets[0].group()),
        )
        return
    if len(note.paragraphs) > t.max_paragraphs:
        yield Hit(
            f"The note has {len(note.paragraphs)} paragraphs; a thank-you needs two or three. "
            "Let the interview speak for itself.",
        )
        return
    run_start, run = 0, 0
    for span in note.sentences:
        if _SELF_QUAL.match(note.body[span.start : span.end]):
            run_start = span.start if run == 0 else run_start
            run += 1
            if run >= t.self_qualification_run:
                yield Hit(
                    f"{run} sentences in a row list your qualifications. The interview covered "
                    "them; keep one if it ties to something they said.",
                    start=run_start, end=span.end,
                )
                return
        else:
            run = 0


RULES = (
    Rule(
        code="AW303",
        name="play-by-play",
        severity=Severity.WARNING,
        summary="No résumé recap or replay of the interview.",
        rationale=(
            "The interview already made your case. Bullet lists, a run of qualification "
            "sentences, or more than four paragraphs turn thanks into a second application."
        ),
        check=_check_recap,
        examples=(
            flags('bullets', 'share work early.', 'share work early.\n\n- SQL\n- dbt\n- Python'),
            passes('two paragraphs'),
        ),
    ),
)
