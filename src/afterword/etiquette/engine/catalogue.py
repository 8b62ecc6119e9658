"""Every rule, registered explicitly, in code order."""

from __future__ import annotations

from afterword.etiquette.engine.registry import Rule
from afterword.etiquette.rules import (
    about_me,
    check_in_spacing,
    employer,
    follow_up,
    grammar,
    honorific,
    late,
    length,
    mailing,
    medium,
    name_spelling,
    overeager,
    personal,
    placeholders,
    punctuation,
    recap,
    recipients,
    relative_time,
    role,
    salutation,
    same_note,
    signoff,
    spelling,
    subject,
    timeline,
)

_MODULES = (
    recipients, salutation, name_spelling, employer, role, honorific, personal, same_note,
    placeholders, length, about_me, recap, overeager, follow_up, timeline, late,
    check_in_spacing, relative_time, spelling, grammar, punctuation, signoff, subject,
    mailing, medium,
)
RULES: tuple[Rule, ...] = tuple(
    sorted((rule for module in _MODULES for rule in module.RULES), key=lambda rule: rule.code)
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def get_rule(code: str) -> Rule | None:
    """The rule with this code (case-insensitive), or None."""
    return BY_CODE.get(code.strip().upper())
