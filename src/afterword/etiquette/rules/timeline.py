"""The dates in the note match the ones they gave (AW402), and the time analysis the
timing rules share (mentions resolved against the interview and the send date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from afterword.etiquette import timeexpr
from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity


def mentions(facts: Facts) -> list[timeexpr.TimeMention]:
    """The time expressions of the main text, analysed paragraph by paragraph (offsets into
    the main text)."""
    if "mentions" not in facts.memo:
        note, base = facts.note, facts.note.main.start
        pieces = [(p.start - base, note.body[p.start : p.end]) for p in note.paragraphs]
        facts.memo["mentions"] = timeexpr.find_time_mentions_in(
            pieces, anchors(facts),
            lambda text: facts.remember(("time", text), lambda: timeexpr.analyse(text)))
    return facts.memo["mentions"]  # type: ignore[no-any-return]


def anchors(facts: Facts) -> tuple[date, ...]:
    ctx = facts.context
    out: list[date] = []
    if ctx.interview.start or ctx.interview.end:
        when = ctx.interview.start or ctx.interview.end
        assert when is not None
        out.append(when.date())
    if ctx.send_at:
        out.append(local_time(ctx.send_at, facts).date())
    return tuple(dict.fromkeys(out))


def local_time(moment: datetime, facts: Facts) -> datetime:
    zone = (facts.context.interview.end or facts.context.interview.start or moment).tzinfo
    return moment.astimezone(zone)


_REPLY_WORDS = re.compile(
    r"(?i)\b(?:decid\w*|decision|hear(?:ing)? (?:back|from)|in touch|get back|finish\w*|"
    r"announce\w*|let (?:me|candidates|you) know|next steps?|timeline|invitations?|offers?)\b"
)


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind(".", 0, index), text.rfind("\n", 0, index)) + 1
    end = text.find(".", index)
    return text[start : end if end >= 0 else len(text)]


def _needs_expected(facts: Facts) -> str | None:
    if facts.context.expected_reply_by is None:
        return "no reply date on record (context 'expected_reply_by')"
    if not anchors(facts):
        return "no interview or send date to read dates against"
    return None


def _check_timeline(facts: Facts) -> Iterator[Hit]:
    expected = facts.context.expected_reply_by
    assert expected is not None
    said = f"{expected:%B} {expected.day}"
    base = facts.note.main.start
    for mention in mentions(facts):
        if not mention.dates:
            continue
        slack = _tolerance(facts, expected)
        if mention.role == "reply" and (not mention.relative or _REPLY_WORDS.search(
            _sentence_around(facts.note.main_text, mention.start))):
            if all(abs((d - expected).days) > slack for d in mention.dates):
                yield Hit(
                    f"'{mention.text}' does not match the date they gave: {said}.",
                    start=base + mention.start, end=base + mention.end,
                    suggestions=() if mention.relative else (said,),
                )
        elif (mention.role == "follow_up" and not mention.relative
              and ctx_kind(facts) == "thank_you" and all(d < expected for d in mention.dates)):
            yield Hit(
                f"You plan to follow up ('{mention.text}') before {said}, the date they "
                "gave. Wait until the next business day after it.",
                start=base + mention.start, end=base + mention.end,
            )


def _tolerance(facts: Facts, expected: date) -> float:
    """Days a stated date may differ from the recorded one: the larger of 3 and a quarter
    of the interval from the interview to the recorded date."""
    when = facts.context.interview.start or facts.context.interview.end
    interval = (expected - when.date()).days if when else 0
    return max(3.0, abs(interval) / 4)


def ctx_kind(facts: Facts) -> str:
    """The kind of note being checked."""
    return facts.context.kind


RULES = (
    Rule(
        code="AW402",
        name="timeline-mismatch",
        severity=Severity.WARNING,
        summary="The dates in the note match the ones they gave.",
        rationale=(
            "Quoting the wrong decision date back to an interviewer shows you were not "
            "listening, and planning a follow-up before it looks impatient."
        ),
        check=_check_timeline,
        needs=_needs_expected,
        kinds=frozenset({"thank_you", "check_in"}),
        examples=(
            flags('wrong reply date', 'by December 4', 'by November 30'),
            passes('matching date'),
        ),
    ),
)
