"""The salutation from the record: 'Dear Dr. Raman', 'Hi Priya', 'Dear Priya' — never the
full name — and a hint to record the honorific where the field expects one.

Formal when an honorific is recorded and the conversation was not on first-name terms;
the given name otherwise. Formal fields (law, finance, government, academia,
consulting) are read from the industry, the role, the company and the person's title.
"""

from __future__ import annotations

import re

from afterword.etiquette.text.names import canonical_honorific, forms
from afterword.model import Context, Person
from afterword.plan.advise import FORMAL, is_formal

# Words in a role, company or title that place the work in a formal field.
FORMAL_WORDS = frozenset({
    *FORMAL, "solicitor", "solicitors", "barrister", "attorney", "attorneys", "counsel",
    "paralegal", "llp", "chambers", "partner", "partners", "advisory", "audit", "auditor",
    "actuary", "actuarial", "bank", "capital", "investment", "investments", "treasury",
    "fund", "equity", "ministry", "department", "council", "federal", "agency", "embassy",
    "parliament", "professor", "lecturer", "faculty", "dean", "college", "institute",
    "consultant", "consultancy", "strategy", "tax", "judicial", "court", "legal",
})
PARTICLES = frozenset([
    "ní", "nic", "mac", "mc", "ó", "o'", "ua", "van", "von", "der", "den", "de", "del",
    "della", "la", "le", "da", "di", "du", "dos", "das", "ter", "ten", "bin", "ibn", "al",
    "el", "st", "st.", "abu",
])


def one_line(text: str | None) -> str:
    """Any run of whitespace (CR/LF included) as one space, trimmed."""
    return " ".join((text or "").split())


def formal_field(ctx: Context, person: Person | None = None) -> bool:
    """Whether the industry, role, company or the person's title names a formal field."""
    if is_formal(ctx.industry):
        return True
    texts = [ctx.role, ctx.company, ctx.industry, person.title if person else None]
    words = set(re.findall(r"[a-z]+", " ".join(t for t in texts if t).lower()))
    return bool(words & FORMAL_WORDS)


def salutation_name(person: Person) -> str:
    """'Dr. Raman' (honorific recorded, not on first-name terms), else the given name."""
    found = forms(person)
    if found is None:
        return ""
    honorific = canonical_honorific(person.honorific)
    family = found.display_family
    if person.first_name_terms or honorific is None or not family:
        return one_line(found.display_given)
    return f"{honorific} {_with_particles(person, one_line(family))}"


def greeting(person: Person) -> str:
    """'Dear Dr. Raman', 'Hi Priya' (first-name terms) or 'Dear Priya'; no comma."""
    name = salutation_name(person)
    if not name:
        return "Dear"
    return f"Hi {name}" if person.first_name_terms else f"Dear {name}"


def honorific_hint(ctx: Context, person: Person) -> str | None:
    """A remark asking for the honorific, when a formal field greets by given name."""
    if person.first_name_terms or canonical_honorific(person.honorific):
        return None
    if not formal_field(ctx, person):
        return None
    who = one_line(person.name) or one_line(person.given_name)
    return (f"greeted {who} by given name: in a formal field, record their honorific "
            "(Ms., Mr., Mx., Dr., Prof.) to write 'Dear <honorific> <family name>' instead")


def _with_particles(person: Person, family: str) -> str:
    """Put back the particles of a family name ('Ní', 'van der') the split dropped."""
    tokens = one_line(person.name).split()
    if person.family_name or len(tokens) < 3 or tokens[-1] != family:
        return family
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].casefold() in PARTICLES:
        start -= 1
    return " ".join(tokens[start:])
