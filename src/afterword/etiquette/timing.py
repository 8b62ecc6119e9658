"""When: the next step named, the dates right, the note on time (AW401–AW404).

The thank-you is not the end of the line: say when you expect to hear or will follow
up, get the date they gave right, send the thanks within a day, and space check-ins
weeks apart so interest never turns into pressure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from afterword.etiquette import timetext
from afterword.etiquette.registry import Facts, Hit, Rule
from afterword.plan.business import add_business_days, next_business_day, thank_you_window
from afterword.report import Severity


def _has_timeline(facts: Facts) -> bool:
    """A reply date or a follow-up plan with a concrete time (same analysis as AW402's)."""
    return any(m.role in ("reply", "follow_up") for m in _mentions(facts))


def _mentions(facts: Facts) -> list[timetext.TimeMention]:
    if "mentions" not in facts.memo:
        facts.memo["mentions"] = timetext.find_time_mentions(facts.note.main_text, _anchors(facts))
    return facts.memo["mentions"]  # type: ignore[no-any-return]


def _check_follow_up(facts: Facts) -> Iterator[Hit]:
    if _has_timeline(facts):
        return
    expected = facts.context.expected_reply_by
    hint = (
        f"They said to expect a decision by {expected:%B} {expected.day}; say so and that you "
        "will check in after that."
        if expected else "Say when you will follow up, or the timeline they gave you."
    )
    yield Hit(f"The note does not say what happens next. {hint}")


def _anchors(facts: Facts) -> tuple[date, ...]:
    ctx = facts.context
    out: list[date] = []
    if ctx.interview.start or ctx.interview.end:
        when = ctx.interview.start or ctx.interview.end
        assert when is not None
        out.append(when.date())
    if ctx.send_at:
        out.append(_local(ctx.send_at, facts).date())
    return tuple(dict.fromkeys(out))


def _local(moment: datetime, facts: Facts) -> datetime:
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
    if not _anchors(facts):
        return "no interview or send date to read dates against"
    return None


def _check_timeline(facts: Facts) -> Iterator[Hit]:
    expected = facts.context.expected_reply_by
    assert expected is not None
    said = f"{expected:%B} {expected.day}"
    base = facts.note.main.start
    for mention in _mentions(facts):
        if not mention.dates:
            continue
        slack = 3 if mention.relative else 1
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


def ctx_kind(facts: Facts) -> str:
    """The kind of note being checked."""
    return facts.context.kind


def _needs_times(facts: Facts) -> str | None:
    if facts.context.send_at is None:
        return "no send time (context 'send_at')"
    if facts.context.interview.end is None and facts.context.interview.start is None:
        return "no interview time (context 'interview.end')"
    return None


def _check_late(facts: Facts) -> Iterator[Hit]:
    ctx = facts.context
    end = ctx.interview.end or ctx.interview.start
    assert end is not None and ctx.send_at is not None
    sent = ctx.send_at.astimezone(end.tzinfo)
    due, ceiling = thank_you_window(end, facts.settings.holidays_country)
    first_hour = end + timedelta(minutes=facts.thresholds.thank_you_min_minutes)
    hours = (sent - end).total_seconds() / 3600
    if sent < first_hour:
        yield Hit(
            "Sent within an hour of the interview, the note reads as written beforehand. "
            f"Send it later today (after {first_hour:%H:%M}).",
            severity=Severity.SUGGESTION,
        )
    elif sent > ceiling:
        yield Hit(
            f"Sent {hours:.0f} hours after the interview, past the 48-hour ceiling. Send it "
            "now anyway, and keep the apology out of it.",
        )
    elif sent > due:
        yield Hit(
            f"Sent {hours:.0f} hours after the interview; within 24 hours (by {due:%a %H:%M}) "
            "is best.",
            severity=Severity.SUGGESTION,
        )


def _needs_send(facts: Facts) -> str | None:
    if facts.context.send_at is None:
        return "no send time (context 'send_at')"
    if facts.context.expected_reply_by is None and facts.context.interview.end is None:
        return "no reply date or interview end to time the check-in against"
    return None


def _check_too_soon(facts: Facts) -> Iterator[Hit]:
    ctx = facts.context
    country = facts.settings.holidays_country
    assert ctx.send_at is not None
    sent = _local(ctx.send_at, facts)
    if ctx.expected_reply_by is not None:
        first = next_business_day(ctx.expected_reply_by, country)
    else:
        end = ctx.interview.end
        assert end is not None
        first = add_business_days(end.date(), facts.thresholds.business_days_without_date, country)
    if sent.date() < first:
        yield Hit(
            f"A check-in on {sent:%B} {sent.day} comes before they said to expect news. Wait "
            f"until {first:%A, %B} {first.day}.",
        )
        return
    earlier = sorted(
        (n for n in ctx.previous_notes if n.sent_at and n.sent_at < ctx.send_at),
        key=lambda n: n.sent_at or sent,
    )
    if not earlier:
        return
    check_ins = [n for n in earlier if n.kind == "check_in" or (
        n.kind is None and n.sent_at and _local(n.sent_at, facts).date() >= first)]
    if not check_ins:
        return
    gaps = facts.thresholds.check_in_gaps_days
    gap = gaps[min(len(check_ins) - 1, len(gaps) - 1)]
    last = earlier[-1].sent_at
    assert last is not None
    if sent - last < timedelta(days=gap):
        days = (sent - last).days
        yield Hit(
            f"Only {days} days since your last message; space check-ins at least {gap} days "
            "apart and bring something new each time.",
        )


RULES = (
    Rule(
        code="AW401",
        name="no-follow-up-mention",
        severity=Severity.WARNING,
        summary="Say when you will hear or follow up.",
        rationale=(
            "Hiring takes time and candidates slip through the cracks. Ask about the timeline "
            "in the interview, reflect it in the note, and say when you will check in."
        ),
        check=_check_follow_up,
        kinds=frozenset({"thank_you", "check_in"}),
    ),
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
    ),
    Rule(
        code="AW403",
        name="late-thank-you",
        severity=Severity.WARNING,
        summary="Thank them within a day, not within the hour.",
        rationale=(
            "Send the thanks while the conversation is fresh: within 24 hours of the end of "
            "the interview (same afternoon for a morning one, the next business morning for "
            "an afternoon one), with 48 hours the ceiling. One sent within the first hour "
            "looks pre-written."
        ),
        check=_check_late,
        needs=_needs_times,
        kinds=frozenset({"thank_you"}),
    ),
    Rule(
        code="AW404",
        name="check-in-too-soon",
        severity=Severity.WARNING,
        summary="Check in after the date they gave, and weeks apart.",
        rationale=(
            "The first check-in belongs on the business day after the date they gave (or "
            "seven business days after the interview), later ones two, then three or more "
            "weeks apart. Sooner reads as overeager."
        ),
        check=_check_too_soon,
        needs=_needs_send,
        kinds=frozenset({"check_in"}),
    ),
)
