"""Interested, not pushy or presumptuous (AW304)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from afterword.etiquette.engine.kept import shifted
from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity

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
    (re.compile(r"(?i)\b(?:once|when|after|as soon as)\s+I(?:['’]m| am| get| come)\s+"
                r"(?:on\s*board|onboard(?:ed)?|hired|part of (?:the|your) team|in the role|"
                r"on (?:the|your) team|settled in|started)\b"
                r"|\b(?:once|when|after|as soon as)\s+I\s+(?:start|join|begin)\b"
                r"(?! (?:my|the) (?:search|process|application))"), "assuming you have the job"),
    (re.compile(r"(?i)\bcan(?:['’]t|not| ?not) wait to (?:start|begin|join|get started|be part"
                r"|work with you|come on board)\b"), "assuming you have the job"),
    (re.compile(r"(?i)\bmy first (?:day|week|month|weeks|months|"
                r"\d+ days|hundred days|quarter|seat|rotation|sprint|shift|assignment)\b"
                r"(?! (?:at|in) my\b)(?! there\b)"),
     "assuming you have the job"),
    (re.compile(r"(?i)\b(?:as your new|my new (?:team|colleagues|manager|boss|desk|role "
                r"at)|see you (?:on )?(?:monday|tuesday|wednesday|thursday|friday|next week)"
                r"|(?:given|handed in|put in|gave) (?:my )?notice|start date)\b"),
     "assuming you have the job"),
)


# A word each phrase must contain: a plain substring test skips most regexes.
_PUSHY_KEYS: tuple[tuple[str, ...], ...] = (
    ("asap", "as soon as possible"), ("i expect",), ("start",), ("look forward to",),
    ("need", "give me"), ("regret", "the best", "the perfect", "the only"),
    ("respond", "reply", "get back to me"), ("!!", "?!", "!?"),
    ("once i", "when i", "after i", "as soon as i"), ("wait to",), ("my first",),
    ("as your new", "my new", "see you", "notice", "start date"),
)


def _check_pushy(facts: Facts) -> Iterator[Hit]:
    # No phrase runs across a blank line: each paragraph on its own, kept by a session.
    found = [(p.start, facts.remember(("AW304", text), partial(_pushy, text)))
             for p in facts.note.paragraphs for text in [facts.note.text(p)]]
    for index in range(len(_PUSHY)):  # phrase by phrase, as the patterns are listed
        for start, per_pattern in found:
            yield from shifted(per_pattern[index], start)
    body, lo, hi = facts.note.body, facts.note.main.start, facts.note.main.end
    if body.count("!", lo, hi) >= 3:
        yield Hit("Three or more exclamation marks read as overexcited; keep one at most.")


def _pushy(text: str) -> tuple[tuple[Hit, ...], ...]:
    """The pushy phrases of one paragraph, pattern by pattern."""
    lowered = text.lower()
    return tuple(
        tuple(Hit(f"{label} reads as pushy or presumptuous. Thank them and say when you will "
                  "follow up instead.", start=match.start(), end=match.end(),
                  suggestions=("as soon as you are able",) if "ASAP" in label else ())
              for match in (pattern.finditer(text) if any(k in lowered for k in keys) else ()))
        for (pattern, label), keys in zip(_PUSHY, _PUSHY_KEYS, strict=True))

RULES = (
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
        examples=(
            flags('ASAP', 'before then.', 'before then. Please reply ASAP!!'),
            flags('expecting', 'You mentioned', 'I expect to hear from you soon. You mentioned'),
            flags("presuming the job without a keyword", "share work early.",
                  "share work early. I can't wait to start on Monday."),
            flags("once I'm on board", "share work early.",
                  "share work early. Once I'm on board I will set up the same for us."),
            passes('calm'),
            passes("a conditional is not a presumption", "share work early.",
                   "share work early. If I join the team, I would love to help with them."),
        ),
    ),
)
