"""Punctuation and spacing (AW503)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from afterword.etiquette.engine.kept import shifted
from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.rules.spelling import (
    as_recorded,
    from_issues,
    in_name_position,
    in_not_prose,
    is_known_name,
    known_words,
)
from afterword.report import Severity

_OWN_PUNCT = (
    (re.compile(r"(?<=\w) +(?=[,;:.!?](?:\s|$))"), "Remove the space before the punctuation.", ""),
    (re.compile(r"(?<=[a-z]),(?=[A-Za-z])"), "Add a space after the comma.", ", "),
    (re.compile(r"(?<=\S)  +(?=\S)"), "Use a single space between words.", " "),
)


def _check_punctuation(facts: Facts) -> Iterator[Hit]:
    known = known_words(facts)
    issues = [
        i for i in facts.proof or ()
        if i.family == "punctuation"
        and not is_known_name(facts.note.body[i.start:i.end], known)
        and not in_name_position(facts, i) and not as_recorded(facts, i)
        and not in_not_prose(facts, i)
    ]
    yield from from_issues(issues)
    taken = [(i.start, i.end) for i in issues]
    # No pattern runs across a blank line: each paragraph on its own, kept by a session.
    found = [(p.start, facts.remember(("AW503", text), partial(_own, text)))
             for p in facts.note.paragraphs for text in [facts.note.text(p)]]
    for index in range(len(_OWN_PUNCT)):  # pattern by pattern, as they are listed
        for start, per_pattern in found:
            for hit in shifted(per_pattern[index], start):
                if not any(s <= (hit.end or 0) and (hit.start or 0) <= e for s, e in taken):
                    yield hit


def _own(text: str) -> tuple[tuple[Hit, ...], ...]:
    """afterword's own punctuation hits in one paragraph, pattern by pattern."""
    return tuple(tuple(Hit(message, start=match.start(), end=match.end(), suggestions=(fix,))
                       for match in pattern.finditer(text))
                 for pattern, message, fix in _OWN_PUNCT)

RULES = (
    Rule(
        code="AW503", name="punctuation", severity=Severity.SUGGESTION,
        summary="Punctuation, spacing and capitalisation.",
        rationale="Small slips in spacing and punctuation are cheap to fix and noticed.",
        check=_check_punctuation, proofreading=True,
        examples=(
            flags('space before a period', 'early.', 'early .'),
            passes('clean punctuation'),
        ),
    ),
)
