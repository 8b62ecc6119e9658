"""Pieces every kind of note shares: greeting, sign-off, role and company, timing words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime

from afterword.compose.dates import format_date, format_long, spell
from afterword.etiquette.text.names import greeting_for
from afterword.etiquette.text.note import WORD  # the checker's word, so counts agree
from afterword.model import Context, Person
from afterword.thresholds import DEFAULT, Thresholds

CLOSINGS = ("Best regards", "Kind regards", "With thanks", "Warm regards", "Sincerely",
            "All the best", "With appreciation", "With gratitude", "Many thanks")


@dataclass(frozen=True)
class Setup:
    """What a composer needs besides the context: who, which variant, dialect, dates."""

    context: Context
    person: Person
    index: int
    dialect: str
    medium: str
    country: str | None
    send_at: datetime | None
    news: str | None = None
    remarks: list[str] = field(default_factory=list)
    thresholds: Thresholds = DEFAULT

    @property
    def email(self) -> bool:
        """Whether this is an email (else a handwritten card)."""
        return self.medium == "email"

    def date(self, day: dt.date) -> str:
        """A date in the writer's dialect ('June 2' / '2 June')."""
        return format_date(day, self.dialect, reference=self._reference())

    def long_date(self, day: dt.date) -> str:
        """A date with its weekday."""
        return format_long(day, self.dialect, reference=self._reference())

    def _reference(self) -> dt.date | None:
        when = self.send_at or self.context.interview.end or self.context.interview.start
        return when.date() if when else None

    def spell(self, word: str) -> str:
        """A word in the writer's dialect."""
        return spell(word, self.dialect)

    def pick(self, options: tuple[str, ...], stride: int = 0) -> str:
        """One option, a different one for each panelist (and per slot, via `stride`)."""
        size, index = len(options), self.index
        shift = 1 + stride % max(size - 1, 1)
        return options[(index + (index // size) * shift + stride) % size]


def one_line(text: str | None) -> str:
    """Any run of whitespace (CR/LF included) as one space, trimmed."""
    return " ".join((text or "").split())


PARTICLES = frozenset(
    [
        "ní", "nic", "ní", "mac", "mc", "ó", "o'", "ua", "van", "von", "der", "den", "de", "del",
        "della", "la", "le", "da", "di", "du", "dos", "das", "ter", "ten", "bin", "ibn", "al",
        "el", "st", "st.", "abu"
    ]
)


def greeting(person: Person) -> str:
    """'Dear Dr. Raman' or 'Hi Priya' (first-name terms); 'Ms. Ní Bhriain' keeps particles."""
    name = one_line(greeting_for(person))
    if not name:
        return "Dear"
    if person.first_name_terms:
        return f"Hi {name}"
    return f"Dear {_with_particles(person, name)}"


def _with_particles(person: Person, name: str) -> str:
    """Put back the particles of a family name ('Ní', 'van der') that the greeting dropped."""
    tokens = one_line(person.name).split()
    if person.family_name or len(tokens) < 3 or len(name.split()) != 2 or not (
        name.endswith(" " + tokens[-1])
    ):
        return name
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].casefold() in PARTICLES:
        start -= 1
    if start == len(tokens) - 1:
        return name
    return name[: len(name) - len(tokens[-1])] + " ".join(tokens[start:])


def role_phrase(ctx: Context, noun: str = "role") -> str:
    """'the Senior Data Analyst role', or 'the role' when none is recorded."""
    role = one_line(ctx.role)
    return f"the {role} {noun}" if role else f"this {noun}"


def company_name(ctx: Context, fallback: str = "your team") -> str:
    """The employer's name as recorded, or a neutral fallback."""
    return one_line(ctx.company) or fallback


def signer(ctx: Context) -> str:
    """The writer's name, as it should close the note."""
    return one_line(ctx.candidate.name)


def when_phrase(setup: Setup) -> str:
    """'this morning', 'yesterday afternoon', 'on June 2': the interview seen from the send."""
    when = setup.context.interview.start or setup.context.interview.end
    if when is None:
        return ""
    sent = setup.send_at.astimezone(when.tzinfo) if setup.send_at else None
    part = "morning" if when.hour < 12 else "afternoon" if when.hour < 17 else "evening"
    if sent is None:
        return f"on {setup.date(when.date())}"
    days = (sent.date() - when.date()).days
    if days == 0:
        return "today" if part == "evening" else f"this {part}"
    if days == 1:
        return f"yesterday {part}" if part != "evening" else "yesterday evening"
    return f"on {setup.date(when.date())}"


def word_count(text: str) -> int:
    """Words as the checker counts them."""
    return len(WORD.findall(text))


def tidy(text: str) -> str:
    """Single spaces inside lines, no trailing blanks, at most one blank line in a row."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
