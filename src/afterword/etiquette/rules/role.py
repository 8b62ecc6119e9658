"""The role interviewed for, not another (AW106)."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.text.phrases import inside, spans
from afterword.report import Severity


def _needs_roles(facts: Facts) -> str | None:
    if not facts.context.other_roles:
        return "no other roles known (context 'other_roles')"
    return None


def _check_role(facts: Facts) -> Iterator[Hit]:
    text, base = facts.note.main_text, facts.note.main.start
    role = facts.context.role
    masks = spans(role, text) if role else []
    for other in facts.context.other_roles:
        if not other.strip() or (role and other.casefold() == role.casefold()):
            continue
        for start, end in spans(other, text):
            if inside((start, end), masks):
                continue
            yield Hit(
                f"'{text[start:end]}' is not the role you interviewed for"
                + (f"; write '{role}'." if role else "."),
                start=base + start, end=base + end, suggestions=(role,) if role else (),
            )


RULES = (
    Rule(
        code="AW106",
        name="wrong-role",
        severity=Severity.WARNING,
        summary="Refer to the role you interviewed for.",
        rationale=(
            "Naming a role from another application is a sure sign of copy and paste. Use the "
            "title of the position you actually interviewed for."
        ),
        check=_check_role,
        needs=_needs_roles,
        examples=(
            flags('other role', 'Senior Data Analyst', 'Product Analyst'),
            passes(
                'a role inside the real title is not another role',
                other_roles=['Data Analyst'],
            ),
        ),
    ),
)
