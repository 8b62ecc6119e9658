"""Relative time words that fit the day the note is sent (AW405).

A note drafted on the evening of the interview says "this afternoon"; sent the next
morning it is wrong. Words about the interview ("this afternoon", "earlier today",
"today's conversation", "yesterday", "on Tuesday") are judged against the send time
(context `send_at`, or the time of the check) in the interview's time zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from afterword.etiquette.engine.registry import Facts, Hit, Rule, Segment, flags, passes
from afterword.report import Severity

_ABOUT_INTERVIEW = re.compile(
    r"(?i)\b(?:interview\w*|conversation|meeting|met|meet|speak\w*|spoke|talk\w*|chat\w*|"
    r"call|visit\w*|discussion|time|walk\w* me|tour|sitting down|sat down)\b")
_FUTURE = re.compile(
    r"(?i)\b(?:will|['’]ll|going to|tomorrow|next|plan to|hope to|later|free|available|"
    r"would|could|can|if|every|each|weekly|usually)\b")
_SAME_DAY = re.compile(
    r"(?i)\b(?:this (?:morning|afternoon|evening)|earlier today|today(?:['’]s)?|tonight)\b")
_YESTERDAY = re.compile(r"(?i)\byesterday(?:['’]s)?\b")
_WEEKDAY = re.compile(
    r"(?i)(?<!by )(?<!before )(?<!until )(?<!after )(?<!from )\b(?:on |last )?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?\b"
    r"(?! (?:mornings|afternoons|evenings|nights))")
# The weekday is the interview's: "our conversation on Tuesday", "Tuesday's interview".
_EVENT = r"(?:interview|conversation|meeting|call|chat|visit|discussion|panel|talk)"
_EVENT_BEFORE = re.compile(
    rf"(?i)(?<![\w-])(?:{_EVENT}|met|meet|meeting|see|seeing|saw|spoke|speaking|talked|"
    r"talking|chatted|interviewing)"
    r"(?:\s+with\s+(?:me|you|us|the\s+team|[A-Z][\w'’-]+))?\s+(?:on\s+|last\s+)?$")
_EVENT_AFTER = re.compile(rf"(?i)\s+(?:\w+\s+)?{_EVENT}")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _needs_times(facts: Facts) -> str | None:
    if facts.context.interview.start is None and facts.context.interview.end is None:
        return "no interview time (context 'interview')"
    if facts.sent is None:
        return "no send time (context 'send_at')"
    return None


def _days(facts: Facts) -> tuple[datetime, date, int]:
    """(interview start in its zone, its date, days from it to the send date)."""
    ctx = facts.context
    when = ctx.interview.start or ctx.interview.end
    assert when is not None and facts.sent is not None
    sent = facts.sent.astimezone(when.tzinfo)
    return when, when.date(), (sent.date() - when.date()).days


def _same_day_word(when: datetime) -> str:
    return ("this morning" if when.hour < 12 else "this afternoon" if when.hour < 17
            else "this evening")


def _fix_for(word: str, when: datetime, days: int) -> str | None:
    """The word that fits `days` after the interview, in the form of `word` (None: a
    possessive more than a week on, which reads best reworded)."""
    possessive = word.casefold().endswith(("'s", "’s"))
    if possessive and days >= 7:
        return None
    if days == 0:
        right = "today" if possessive or word.casefold().startswith("today") else (
            _same_day_word(when))
    elif days == 1:
        right = "yesterday"
    else:
        right = f"on {_DAYS[when.weekday()]}" if days < 7 else f"on {when:%B} {when.day}"
        if possessive:
            right = right.removeprefix("on ")
    if possessive and not right.endswith("'s"):
        right += "'s" if "'" in word else "’s"
    return right[:1].upper() + right[1:] if word[:1].isupper() else right


def _check_relative(facts: Facts) -> Iterator[Hit]:
    when, day, days = _days(facts)
    if days < 0:
        return
    yield from facts.scan(("AW405", when, days), lambda seg: _in_segment(seg, when, day, days))


def _in_segment(segment: Segment, when: datetime, day: date, days: int) -> Iterator[Hit]:
    text, base = segment.text, segment.base
    for sentence in _sentences_with_time_words(text):
        piece = sentence.group()
        if not _ABOUT_INTERVIEW.search(piece) or _FUTURE.search(piece):
            continue
        for match in _wrong_words(piece, when, days):
            start, end = sentence.start() + match.start(), sentence.start() + match.end()
            word = match.group()
            fix = _fix_for(word, when, days)
            yield Hit.at(
                f"'{word}' does not fit a note going out {_sent_phrase(days)} the interview "
                f"({_DAYS[day.weekday()]} {day:%B} {day.day}): "
                + (f"write '{fix}'." if fix else "name the day instead."),
                text, base, start, end, (fix,) if fix else ())


_ANY_TIME_WORD = re.compile(
    r"(?i)today|yesterday|this (?:morning|afternoon|evening)|tonight|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday")


def _sentences_with_time_words(text: str) -> list[re.Match[str]]:
    """The sentences of `text` that hold a relative time word (most hold none)."""
    if not _ANY_TIME_WORD.search(text):
        return []
    return [s for s in _SENTENCE.finditer(text) if _ANY_TIME_WORD.search(s.group())]


def _sent_phrase(days: int) -> str:
    return "on the day of" if days == 0 else f"{days} day{'s' if days > 1 else ''} after"


def _wrong_words(piece: str, when: datetime, days: int) -> Iterator[re.Match[str]]:
    if days >= 1:
        yield from _SAME_DAY.finditer(piece)
    if days != 1:
        yield from _YESTERDAY.finditer(piece)
    if days < 7:
        for match in _WEEKDAY.finditer(piece):
            said = match.group().casefold()
            if said.endswith(("'s", "’s")):
                about = _EVENT_AFTER.match(piece, match.end())
            else:
                about = _EVENT_BEFORE.search(piece[max(0, match.start() - 50) : match.start()])
            if about and match.group(1).casefold() != _DAYS[when.weekday()].casefold():
                yield match


RULES = (
    Rule(
        code="AW405",
        name="relative-time-mismatch",
        severity=Severity.WARNING,
        summary="Words like 'this afternoon' or 'yesterday' fit the day the note is sent.",
        rationale=(
            "A note written on the evening of the interview and sent the next morning still "
            "says 'this afternoon'; one that says 'yesterday' on the same day, or names the "
            "wrong weekday, shows it was not reread. Say 'yesterday' or name the day."
        ),
        check=_check_relative,
        needs=_needs_times,
        kinds=frozenset({"thank_you", "check_in"}),
        examples=(
            flags("'this afternoon' sent the next morning", "meeting with me yesterday",
                  "meeting with me this afternoon"),
            flags("'yesterday' sent the same evening", send_at="2026-11-20T19:00:00-05:00"),
            flags("the wrong weekday", "meeting with me yesterday",
                  "meeting with me on Wednesday"),
            passes("'yesterday' sent the next day"),
            passes("the interview's weekday", "meeting with me yesterday",
                   "meeting with me on Friday"),
            passes("a plan for later today is not about the interview", "share work early.",
                   "share work early. I will send the notebook this afternoon."),
        ),
    ),
)
