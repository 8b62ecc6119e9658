"""Short, about them, not a résumé, not pushy (AW301, AW302, AW303, AW304).

Hiring managers are busy; a thank-you that runs long, talks only about the writer,
replays the interview, or presses for an answer leaves a worse taste than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.registry import Facts, Hit, Rule
from afterword.report import Severity

_TOKENS = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_FIRST_WORDS = frozenset(
    "i me my mine myself i'm i’m i've i’ve i'd i’d i'll i’ll".split()
)
_SECOND_WORDS = frozenset(
    "you your yours yourself you're you’re you've you’ve you'll you’ll we our us".split()
)
_SELF_QUAL = re.compile(
    r"(?i)^(?:(?:as we discussed|in my (?:current|previous|last) (?:role|job|position)|"
    r"before that|at my (?:current|last|previous) (?:job|role|company)|additionally|also|"
    r"in addition),?\s+)?(?:i|my)\b.{0,40}?\b(?:have|has|had|spent|completed|led|managed|built|"
    r"worked|earned|passed|graduated|trained|developed|designed|created|achieved|delivered|"
    r"automated|increased|reduced|launched|am (?:skilled|experienced|proficient|certified)|"
    r"bring|possess|hold)\b"
)
# Sentences every note needs ("I look forward…", "I will check in…") say nothing about the
# writer's self; they count for neither side.
_FORMULA = re.compile(
    r"(?i)^(?:i|i'll|i’ll)\s+(?:also\s+|still\s+)?(?:hope|look forward|will|wanted to|want to "
    r"thank|remain|understand|would (?:welcome|be glad|be happy)|am (?:glad|happy) to)\b"
)
_BULLET = re.compile(r"(?m)^[ \t]*(?:[-*•▪●◦‣]|\d{1,2}[.)])[ \t]+\S")
_PUSHY = (
    (re.compile(r"\bASAP\b|\bas soon as possible\b", re.I), "ASAP / as soon as possible"),
    (re.compile(r"(?i)\bI expect (?:to hear|an? (?:answer|reply|response|offer|decision))"),
     "'I expect to hear'"),
    (re.compile(r"(?i)\bwhen (?:do|can|shall|should|will) I start\b|\bwhen I can start\b"),
     "asking when you start"),
    (re.compile(r"(?i)\bI look forward to (?:starting|joining|working with you)\b"),
     "assuming you have the job"),
    (re.compile(r"(?i)\b(?:I need|please give me) (?:an? )?(?:answer|decision|response)\b"),
     "demanding an answer"),
    (re.compile(r"(?i)\byou (?:won't|will not) regret\b|\bI am the (?:best|perfect|only) "
                r"(?:candidate|person|fit)\b|\bI'?m the (?:best|perfect|only) "
                r"(?:candidate|person|fit)\b"), "overselling"),
    (re.compile(r"(?i)\b(?:respond|reply|get back to me) (?:by|before|within) "
                r"(?:tomorrow|the end of (?:the )?day|\d)"), "setting them a deadline"),
    (re.compile(r"!{2,}|\?!|!\?"), "'!!'"),
)


def _words(facts: Facts) -> int:
    return facts.note.word_count


def _check_length(facts: Facts) -> Iterator[Hit]:
    count, t = _words(facts), facts.thresholds
    if facts.context.medium == "handwritten":
        if count > t.card_words_warning:
            yield Hit(
                f"The card runs to {count} words; a handwritten note should stay under "
                f"{t.card_words_warning}. Keep the thanks and one moment, cut the rest.",
            )
        return
    if count > t.email_words_warning:
        yield Hit(
            f"The note runs to {count} words; keep a thank-you under {t.email_words_warning} "
            "(4–6 sentences). Cut the recap and keep one moment and the next step.",
        )
    elif count > t.email_words_suggestion:
        yield Hit(
            f"The note runs to {count} words; {t.email_words_suggestion} or fewer reads "
            "better. Consider trimming a sentence.",
            severity=Severity.SUGGESTION,
        )


def _check_about_me(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    sentences = [note.body[s.start : s.end] for s in note.sentences]
    sentences = [s for s in sentences if not _FORMULA.match(s)]
    tokens = _TOKENS.findall(" ".join(sentences).lower())
    first = sum(1 for token in tokens if token in _FIRST_WORDS)
    second = sum(1 for token in tokens if token in _SECOND_WORDS)
    i_led = sum(1 for s in sentences if re.match(r"(?i)(?:i|i'm|i’m|i've|i’ve|my)\b", s))
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


# A word each phrase must contain: a plain substring test skips most regexes.
_PUSHY_KEYS: tuple[tuple[str, ...], ...] = (
    ("asap", "as soon as possible"), ("i expect",), ("start",), ("look forward to",),
    ("need", "give me"), ("regret", "the best", "the perfect", "the only"),
    ("respond", "reply", "get back to me"), ("!!", "?!", "!?"),
)


def _check_pushy(facts: Facts) -> Iterator[Hit]:
    body = facts.note.body
    lo, hi = facts.note.main.start, facts.note.main.end
    lowered = body[lo:hi].lower()
    for (pattern, label), keys in zip(_PUSHY, _PUSHY_KEYS, strict=True):
        if not any(key in lowered for key in keys):
            continue
        for match in pattern.finditer(body, lo, hi):
            yield Hit(
                f"{label} reads as pushy or presumptuous. Thank them and say when you will "
                "follow up instead.",
                start=match.start(), end=match.end(),
                suggestions=("as soon as you are able",) if "ASAP" in label else (),
            )
    if body.count("!", lo, hi) >= 3:
        yield Hit("Three or more exclamation marks read as overexcited; keep one at most.")


RULES = (
    Rule(
        code="AW301",
        name="too-long",
        severity=Severity.WARNING,
        summary="Short and sweet: 75–180 words for an email, under 110 for a card.",
        rationale=(
            "The reader has a full plate. Career advice converges on four to six sentences; a "
            "handwritten card has even less room."
        ),
        check=_check_length,
    ),
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
    ),
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
    ),
    Rule(
        code="AW304",
        name="overeager",
        severity=Severity.WARNING,
        summary="Interested, not pushy.",
        rationale=(
            "Pressing for an answer ('ASAP', 'I expect to hear', 'when do I start') or a run of "
            "exclamation marks crosses from enthusiastic into overeager."
        ),
        check=_check_pushy,
    ),
)
