"""Pieces every kind of note shares: greeting, sign-off, role and company, timing words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime

from afterword.compose.dates import format_date, format_long, spell
from afterword.compose.greeting import greeting, one_line
from afterword.compose.timewords import relative_when
from afterword.compose.variety import Memory, choose, short
from afterword.config import Thresholds
from afterword.etiquette.text.note import WORD  # the checker's word, so counts agree
from afterword.model import Context, Person

__all__ = ["CLOSINGS", "Setup", "company_name", "greeting", "one_line", "role_phrase",
           "signer", "tidy", "when_phrase", "word_count"]

CLOSINGS = ("Best regards", "Kind regards", "With thanks", "Warm regards", "Sincerely",
            "All the best", "With appreciation", "With gratitude", "Many thanks")


@dataclass(frozen=True)
class Setup:
    """What a composer needs besides the context: who, which variant, dialect, dates.

    `memory` is shared by every draft of one panel, so no long sentence repeats.
    """

    context: Context
    person: Person
    index: int
    dialect: str
    medium: str
    country: str | None
    send_at: datetime | None
    news: str | None = None
    remarks: list[str] = field(default_factory=list)
    memory: Memory = field(default_factory=Memory)
    thresholds: Thresholds = field(default_factory=Thresholds)

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

    def choose(self, options: tuple[str, ...], stride: int = 0, /, *,
               fallback: str | tuple[str, ...] | None = None,
               **values: str) -> str | None:
        """`pick`, filled with `values`, skipping lines an earlier panelist already got."""
        return choose(options, lambda line: fill(line, **values), self.memory,
                      index=self.index, stride=stride, fallback=fallback)

    def short(self, forms: tuple[str, ...], **values: str) -> str:
        """A short form when every `choose` option is taken (see `variety.short`)."""
        return short(forms, lambda line: fill(line, **values), self.memory)


def fill(line: str, **values: str) -> str:
    """A stock line with its placeholders filled; spaces left by empty ones removed."""
    capitals = {k.upper(): v[:1].upper() + v[1:] for k, v in values.items() if len(k) == 1}
    text = line.format(**values, **capitals)
    return " ".join(text.replace(" .", ".").replace(" ,", ",").replace(" ;", ";").split())


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
    """'this morning', 'yesterday afternoon', 'on Thursday': the interview from the send."""
    return relative_when(setup.context, setup.send_at, setup.dialect,
                         handwritten=not setup.email)


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
