"""Every rule, registered explicitly, in code order."""

from __future__ import annotations

from afterword.etiquette import (
    employer,
    medium,
    personal,
    proof,
    recipients,
    salutation,
    shape,
    timing,
)
from afterword.etiquette.registry import Rule

RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *recipients.RULES,
            *salutation.RULES,
            *employer.RULES,
            *personal.RULES,
            *shape.RULES,
            *timing.RULES,
            *proof.RULES,
            *medium.RULES,
        ),
        key=lambda rule: rule.code,
    )
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def get_rule(code: str) -> Rule | None:
    """The rule with this code (case-insensitive), or None."""
    return BY_CODE.get(code.strip().upper())
