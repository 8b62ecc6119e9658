"""No template blanks left in the note (AW203)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.text.names import greeting_for
from afterword.report import Severity

_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{1,40}\]|\{\{?[^{}\n]{1,40}\}?\}|<<?[A-Za-z_][^<>\n]{0,38}>?>|%[A-Z_]{2,30}%"
    r"|\$\{?[A-Za-z_]{2,30}\}?(?![\d.,])|\b[Xx]{3,}\b|\bINSERT(?:[ _][A-Z]{2,})*\b|\bTBD\b|\bTK\b"
    r"|\bTODO\b|\bFIXME\b|_{3,}|\bYOUR[ _](?:NAME|COMPANY)\b|\bFIRST[ _]NAME\b"
)


_FIELD_HINTS = (
    ("name", "name"), ("interviewer", "name"), ("company", "company"),
    ("employer", "company"), ("organi", "company"), ("role", "role"), ("position", "role"),
    ("title", "role"), ("job", "role"),
)


def _fill(token: str, facts: Facts) -> str | None:
    lowered = token.lower()
    for hint, field_name in _FIELD_HINTS:
        if hint in lowered:
            if field_name == "name" and facts.addressee is not None:
                return greeting_for(facts.addressee) or None
            if field_name == "company":
                return facts.context.company
            if field_name == "role":
                return facts.context.role
    return None


_PLACEHOLDER_HINT = re.compile(r"[\[{<%$_]|[Xx]{3}|INSERT|TBD|TK|TODO|FIXME|YOUR|FIRST")


def _check_placeholders(facts: Facts) -> Iterator[Hit]:
    body = facts.note.body
    # Most notes hold no hint of a placeholder: looked for paragraph by paragraph, kept by
    # a session (the hint is a few characters, never across a blank line).
    if not any(facts.remember(("hint", text), partial(_hinted, text))
               for _, text in facts.body_paragraphs) and not (
        facts.subject and _PLACEHOLDER_HINT.search(facts.subject)
    ):
        return
    for match in _PLACEHOLDER.finditer(body):
        token = match.group()
        fill = _fill(token, facts)
        yield Hit(
            f"Template placeholder '{token}' is still in the note. Replace it"
            + (f" with '{fill}'." if fill else " with the real detail."),
            start=match.start(), end=match.end(), suggestions=(fill,) if fill else (),
        )
    if facts.subject:
        for match in _PLACEHOLDER.finditer(facts.subject):
            yield Hit(f"Template placeholder '{match.group()}' is still in the subject line.")



def _hinted(text: str) -> bool:
    return _PLACEHOLDER_HINT.search(text) is not None


RULES = (
    Rule(
        code="AW203",
        name="placeholder-left",
        severity=Severity.ERROR,
        summary="No template placeholders left in.",
        rationale=(
            "A template's blank ('[Name]', '{company}', 'XXX', 'TBD') that survives into the "
            "sent note is the clearest sign of a form letter."
        ),
        check=_check_placeholders,
        examples=(
            flags('brackets', 'Senior Data Analyst role', '[Role] role'),
            flags('XXX', 'the highlight', 'the XXX'),
            passes('no placeholders'),
        ),
    ),
)
