"""The role interviewed for, not another (AW106): any job title in a role's place ("the
Product Analyst role") that is not this role's title, listed in `other_roles` or not."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, Segment, flags, passes
from afterword.etiquette.text.phrases import inside, spans
from afterword.etiquette.text.roles import fits_role, role_titles
from afterword.report import Severity


def _needs_roles(facts: Facts) -> str | None:
    if not facts.context.other_roles and not facts.context.role:
        return "no role known (context 'role' or 'other_roles')"
    return None


def _message(found: str, role: str | None) -> str:
    return f"'{found}' is not the role you interviewed for" + (
        f"; write '{role}'." if role else ".")


def _check_role(facts: Facts) -> Iterator[Hit]:
    yield from facts.scan("AW106", lambda segment: _in_segment(facts, segment))


def _in_segment(facts: Facts, segment: Segment) -> Iterator[Hit]:
    role = facts.context.role
    fix = (role,) if role else ()
    text, base = segment.text, segment.base
    masks = spans(role, text) if role else []
    taken: list[tuple[int, int]] = []
    for other in facts.context.other_roles:
        if not other.strip() or (role and other.casefold() == role.casefold()):
            continue
        for start, end in spans(other, text):
            if not inside((start, end), masks):
                taken.append((start, end))
                yield Hit.at(_message(text[start:end], role), text, base, start, end, fix)
    if not role:
        return
    for start, end in role_titles(text):
        if (inside((start, end), masks) or any(s < end and start < e for s, e in taken)
                or fits_role(text[start:end], role)):
            continue
        yield Hit.at(_message(text[start:end], role), text, base, start, end, fix)


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
            flags("other role", "Senior Data Analyst", "Product Analyst"),
            flags("a title nobody listed, in the role's place", "Senior Data Analyst",
                  "Marketing Coordinator"),
            flags("in the subject", subject="Thank you: Product Manager interview"),
            passes("a role inside the real title is not another role",
                   other_roles=["Data Analyst"]),
            passes("the role without its seniority", "Senior Data Analyst role",
                   "data analyst role"),
            passes("the writer's own title", "share work early.",
                   "share work early, as I learned in my Marketing Coordinator role."),
        ),
    ),
)
