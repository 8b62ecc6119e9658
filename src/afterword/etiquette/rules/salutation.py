"""The greeting names the interviewer (AW103).

A generic greeting ('Dear Hiring Manager', a bare 'Hi,') throws away the personal touch the
note exists for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.text.names import (
    fold,
    forms,
    greeting_for,
    split_honorific,
)
from afterword.report import Severity

GENERIC = frozenset(
    fold(g)
    for g in (
        "hiring manager", "hiring team", "team", "sir", "madam", "sir or madam", "sir/madam",
        "madam or sir", "all", "everyone", "there", "whom it may concern", "recruiter",
        "interviewer", "interviewers", "panel", "committee", "search committee",
        "selection committee", "hiring committee", "colleague", "colleagues", "friend",
        "hiring manager and team", "recruiting team", "talent team", "folks", "you",
        "hr", "human resources", "manager", "hiring managers", "team members",
    )
)


def needs_addressee(facts: Facts) -> str | None:
    if facts.addressee is None or forms(facts.addressee) is None:
        return "no addressee with a recorded name (context 'recipient' and its 'name')"
    return None


def greeting_parts(facts: Facts) -> tuple[str | None, str, int, int] | None:
    """(honorific used, name as written, start, end) of the greeting's name."""
    note = facts.note
    if note.greeting_name is None:
        return None
    text = note.text(note.greeting_name)
    honorific, cut = split_honorific(text)
    return honorific, text[cut:].strip(), note.greeting_name.start, note.greeting_name.end


def is_generic(name: str) -> bool:
    folded = fold(name)
    return not folded or folded in GENERIC or bool(re.search(r"[\[\]{}<>]|\bname\b", folded))


def _check_generic(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    person = facts.addressee
    proper = greeting_for(person) if person else ""
    if note.salutation is None:
        yield Hit(
            "The note has no salutation. Open with a greeting that names the interviewer"
            + (f", e.g. 'Dear {proper},'." if proper else "."),
            suggestions=(f"Dear {proper},",) if proper else (),
        )
        return
    parts = greeting_parts(facts)
    if parts is None or is_generic(parts[1]):
        shown = note.text(note.salutation).strip()
        replacement = f"{note.greeting_word or 'Dear'} {proper}," if proper else ""
        yield Hit(
            f"'{shown}' does not greet the interviewer by name. "
            + (f"Use '{replacement}'." if replacement else "Use their name."),
            start=note.salutation.start,
            end=note.salutation.end,
            suggestions=(replacement,) if replacement else (),
        )


RULES = (
    Rule(
        code="AW103",
        name="generic-salutation",
        severity=Severity.ERROR,
        summary="Greet the interviewer by name.",
        rationale=(
            "'Dear Hiring Manager' or a bare 'Hi,' tells the reader the note could have gone "
            "to anyone. Put the salutation on the note and address the person by name."
        ),
        check=_check_generic,
        examples=(
            flags('generic', 'Dear Dr. Raman,', 'Dear Hiring Manager,'),
            flags('no name', 'Dear Dr. Raman,', 'Hi,'),
            flags('no salutation at all', 'Dear Dr. Raman,\n\n', ''),
            passes('first name is a name', 'Dear Dr. Raman,', 'Hi Priya,'),
        ),
    ),
)
