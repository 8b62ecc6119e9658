"""No sentence of seven words or more appears in two notes of one panel.

Panelists compare notes. Each stock line is chosen per recipient (a rotation that starts
at a different place for each), and a line already given to an earlier panelist is
skipped. The memory is shared by the drafts of one call to `draft`, so the result is
deterministic: the same record gives the same notes, in panel order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from afterword.etiquette.text.note import WORD

SHARED_LIMIT = 7  # a sentence this long or longer may not be sent to two panelists
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def sentences(text: str) -> list[str]:
    """The sentences of `text` (split at . ! ? and line breaks)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(s.strip() for s in _SENTENCE.findall(line) if s.strip())
    return out


def key(sentence: str) -> str | None:
    """The comparison key of a sentence long enough to count, else None."""
    words = [w.casefold() for w in WORD.findall(sentence)]
    return " ".join(words) if len(words) >= SHARED_LIMIT else None


def long_keys(text: str) -> set[str]:
    """Keys of every sentence of seven words or more in `text`."""
    return {k for s in sentences(text) if (k := key(s)) is not None}


@dataclass
class Memory:
    """The long sentences already given to someone in this panel."""

    used: set[str] = field(default_factory=set)

    def free(self, text: str) -> bool:
        """Whether none of `text`'s long sentences was used yet."""
        return not (long_keys(text) & self.used)

    def take(self, text: str) -> str:
        """Remember `text`'s long sentences as used; returns it."""
        self.used |= long_keys(text)
        return text

    def remember(self, texts: Iterable[str]) -> None:
        """Mark every long sentence of `texts` as used (a whole rendered note)."""
        for text in texts:
            self.used |= long_keys(text)


def rotation(size: int, index: int, stride: int = 0) -> list[int]:
    """Option indices in the order tried for panelist `index` (differs per slot)."""
    if size == 0:
        return []
    shift = 1 + stride % max(size - 1, 1)
    start = (index + (index // size) * shift + stride) % size
    return [(start + step) % size for step in range(size)]


def choose(options: tuple[str, ...], fill: Callable[[str], str], memory: Memory, *,
           index: int, stride: int = 0,
           fallback: str | tuple[str, ...] | None = None) -> str | None:
    """The first option (in this panelist's rotation) whose filled text is unused.

    With every option used, the first `fallback` (filled; one line or several, shortest
    last) that is free, else None: the caller leaves the sentence out or uses `short`.
    """
    for position in rotation(len(options), index, stride):
        text = fill(options[position])
        if memory.free(text):
            return memory.take(text)
    for line in (fallback,) if isinstance(fallback, str) else fallback or ():
        text = fill(line)
        if memory.free(text):
            return memory.take(text)
    return None


def short(forms: tuple[str, ...], fill: Callable[[str], str], memory: Memory) -> str:
    """The first of `forms` (filled) free to use, else the last: a last resort that must
    stay under SHARED_LIMIT words for any value, so it may go to everyone."""
    for line in forms:
        text = fill(line)
        if memory.free(text):
            return memory.take(text)
    return fill(forms[-1])
