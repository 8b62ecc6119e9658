"""Grammar and word choice (AW502): Harper's findings plus the real-word confusions it misses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from afterword.etiquette.confusions import find_real_word_errors
from afterword.etiquette.engine.kept import shifted
from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.rules.spelling import (
    as_recorded,
    from_issues,
    in_not_prose,
    is_known_name,
    known_words,
)
from afterword.report import Severity

_GERUNDS = {
    "meet": "meeting", "hear": "hearing", "work": "working", "speak": "speaking",
    "talk": "talking", "see": "seeing", "join": "joining", "learn": "learning",
    "discuss": "discussing", "receive": "receiving", "get": "getting", "start": "starting",
    "continue": "continuing", "connect": "connecting", "contribute": "contributing",
}


_FORWARD_TO = re.compile(
    r"(?i)\blook(?:s|ed|ing)?\s+forward\s+to\s+(" + "|".join(_GERUNDS) + r")\b"
)


def _forward_to(text: str) -> Iterator[Hit]:
    """'look forward to hear' -> 'hearing': the 'to' here is a preposition."""
    for match in _FORWARD_TO.finditer(text):
        verb = match.group(1)
        gerund = _GERUNDS[verb.lower()]
        yield Hit(f"After 'look forward to', use '{gerund}', not '{verb}'.",
                  start=match.start(1), end=match.end(1), suggestions=(gerund,))


def _check_grammar(facts: Facts) -> Iterator[Hit]:
    known = known_words(facts)
    issues = [
        i for i in facts.proof or ()
        if i.family == "grammar" and not is_known_name(facts.note.body[i.start:i.end], known)
        and not as_recorded(facts, i) and not in_not_prose(facts, i)
    ]
    yield from from_issues(issues)
    taken = [(i.start, i.end) for i in issues]
    body = facts.note.body
    curly = "’" in body and "'" not in body  # the apostrophe a fix takes
    # A phrase never runs across a blank line: each paragraph on its own, kept by a session.
    found = [(start, facts.remember(("AW502", text, curly), partial(_own, text, curly=curly)))
             for start, text in facts.body_paragraphs]
    for start, (forward, _) in found:
        for hit in shifted(forward, start):
            taken.append((hit.start or 0, hit.end or 0))
            yield hit
    for start, (_, errors) in found:
        for hit in shifted(errors, start):
            if not any(s < (hit.end or 0) and (hit.start or 0) < e for s, e in taken):
                yield hit


def _own(text: str, *, curly: bool) -> tuple[tuple[Hit, ...], tuple[Hit, ...]]:
    """afterword's own grammar hits in one paragraph: 'look forward to' + verb, and the
    real-word errors."""
    return tuple(_forward_to(text)), tuple(
        Hit(error.message, start=error.start, end=error.end, suggestions=(error.suggestion,))
        for error in find_real_word_errors(text, curly=curly))


RULES = (
    Rule(
        code="AW502", name="grammar", severity=Severity.WARNING,
        summary="Grammar and word choice (your/you're, their/there, repeated words, a/an).",
        rationale=(
            "Real-word mistakes slip past a spell checker and past a tired writer; have them "
            "caught before the interviewer does."
        ),
        check=_check_grammar, proofreading=True,
        examples=(
            flags(
                'repeated word',
                'the highlight of',
                'the the highlight of',
            ),
            flags(
                "your for you're",
                'so I will check in',
                'so if your open to it I will check in',
            ),
            passes('clean grammar'),
        ),
    ),
)
