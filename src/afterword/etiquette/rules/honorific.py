"""The honorific on record, with the family name (AW107)."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.rules.salutation import greeting_parts, needs_addressee
from afterword.etiquette.text.names import (
    canonical_honorific,
    fold,
    forms,
    honorifics_compatible,
)
from afterword.report import Severity


def _check_honorific(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None
    parts = greeting_parts(facts)
    found = forms(person)
    if parts is None or found is None:
        return
    honorific, name, start, end = parts
    if honorific is None or fold(name) not in found.all:
        return
    recorded = canonical_honorific(person.honorific)
    family = found.display_family
    only_given = fold(name) in found.given and fold(name) not in found.family | found.full
    if only_given:
        better = f"{recorded or honorific} {family}" if family else name
        yield Hit(
            f"'{honorific} {name}' pairs an honorific with a first name. Write '{better}', "
            f"or '{found.display_given}' alone if you were on first-name terms.",
            start=start, end=end, suggestions=(better, found.display_given),
        )
    elif recorded and not honorifics_compatible(honorific, recorded):
        yield Hit(
            f"'{honorific}' contradicts the record: {person.name} is {recorded}.",
            start=start, end=end, suggestions=(f"{recorded} {name}",),
        )


RULES = (
    Rule(
        code="AW107",
        name="honorific-mismatch",
        severity=Severity.WARNING,
        summary="Use the honorific on record, with the family name.",
        rationale=(
            "An honorific that contradicts what the interviewer uses (Mr. for a Dr.), or one "
            "put before a first name ('Dear Ms. Priya'), reads as careless. Use honorific plus "
            "family name, or the first name alone when you were on first-name terms."
        ),
        check=_check_honorific,
        needs=needs_addressee,
        examples=(
            flags('honorific+first', 'Dear Dr. Raman,', 'Dear Dr. Priya,'),
            flags('contradicts Dr.', 'Dear Dr. Raman,', 'Dear Ms. Raman,'),
            passes('equivalent', 'Dear Dr. Raman,', 'Dear Doctor Raman,'),
        ),
    ),
)
