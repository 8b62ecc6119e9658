"""Not a résumé recap or a replay of the interview (AW303)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity

# A sentence that states the writer's qualifications: opened by the writer (after an
# optional lead-in such as "At Wexley," or "Over the past five years,") and carrying an
# accomplishment, a credential or a figure.
_SELF_OPENER = re.compile(
    r"(?i)^(?:(?:as we discussed|additionally|also|in addition|previously|before that|"
    r"most recently|currently|earlier in my career|over the (?:past|last) [\w-]+ years?|"
    r"in my [\w\s-]{0,30}?(?:role|job|position|years?)(?: at [^,]{1,40})?|"
    r"at (?:my )?[^,]{1,40}|during my [^,]{1,40}|as an? [^,]{1,40}|"
    r"with [^,]{0,30}years? [^,]{0,40}),?\s+)?(?:i|i['’]ve|i['’]m|my)\b"
)
_QUALIFICATION = re.compile(
    r"(?i)\b(?:led|managed|built|developed|designed|created|launched|delivered|achieved|"
    r"automated|increased|reduced|grew|shipped|implemented|architected|oversaw|supervised|"
    r"spearheaded|drove|owned|mentored|earned|completed|graduated|hold|possess|"
    r"(?:am|'m|’m) (?:skilled|experienced|proficient|certified|fluent|an expert)|"
    r"years? of (?:experience|work)|certifi\w+|degree|bachelor\w*|master['’]?s|mba|phd|"
    r"proficien\w+|expertise|track record|skilled in|experience (?:in|with)|"
    r"(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
    r"several|many)\s*(?:%|percent|years?|k\b|m\b)|\$\d)"
)
_NOT_A_CLAIM = re.compile(
    r"(?i)\b(?:thank|thanks|look(?:ing)? forward|enjoy\w*|appreciat\w*|excit\w*|hope|"
    r"grateful|glad|pleasure|will (?:check|follow)|learn(?:ed|t)? (?:a lot|so much|more))\b"
)


def _self_qualification(sentence: str) -> bool:
    """Whether a sentence lists the writer's qualifications rather than thanks or plans."""
    return (bool(_SELF_OPENER.match(sentence)) and bool(_QUALIFICATION.search(sentence))
            and not _NOT_A_CLAIM.search(sentence))


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
        text = note.text(span)
        if facts.remember(("AW303", text), partial(_self_qualification, text)):
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
            flags("a run of qualification sentences without bullets", "share work early.",
                  "share work early. I have six years of experience in SQL. At Wexley, I led "
                  "the move to dbt. I also hold a certification in Looker."),
            passes('two paragraphs'),
            passes("one qualification tied to what they said", "share work early.",
                   "share work early. I led a similar move to dbt at Wexley, and I enjoyed "
                   "comparing notes."),
        ),
    ),
)
