"""What an editing session keeps between checks: rule work per paragraph, keyed by its text.

A writer changes one paragraph at a time, so most of a note is the same from one check to
the next. Rules that read a note piece by piece (a paragraph, a sentence, the Subject) ask
`Facts.remember` for each piece's result; in a session (`services/live.py`) a piece seen in
the last check costs one look-up, and a full check, with nothing kept, computes everything.
Either way the result is the same, because what is kept is keyed by everything it depends
on: the piece's text and whatever else the rule passes in the key. The context and the
settings are fixed for the life of a session, so they are not part of the key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from afterword.proofread.issue import ProofIssue

if TYPE_CHECKING:
    from afterword.etiquette.engine.registry import Hit

T = TypeVar("T")


class Kept:
    """Results kept for the pieces the last check and this one used (two generations, so it
    never holds more than about two notes' worth). Not thread-safe: a session locks."""

    def __init__(self) -> None:
        self._old: dict[Hashable, object] = {}
        self._new: dict[Hashable, object] = {}
        self.computed = 0  # how many results had to be computed (for tests and benches)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result for `key`, computed only if neither this check nor the last had it."""
        if key in self._new:
            return self._new[key]  # type: ignore[return-value]
        if key in self._old:
            value = self._old.pop(key)
        else:
            value = compute()
            self.computed += 1
        self._new[key] = value
        return value  # type: ignore[return-value]

    def turn(self) -> None:
        """End of a check: what it used is kept for the next one, the rest let go."""
        self._old, self._new = self._new, {}


@dataclass(frozen=True)
class Segment:
    """A piece of what the recipient reads: a sentence of the body (a paragraph of the
    P.S.), with its offset into the body, or the Subject (`base` None). `proof` holds the
    proofreader's issues that start inside it, offsets relative to `text`."""

    text: str
    base: int | None
    proof: tuple[ProofIssue, ...] = ()

    def at_zero(self) -> Segment:
        """The same piece as if it started the body (what a session keeps)."""
        return self if self.base is None or self.base == 0 else Segment(self.text, 0, self.proof)


def shifted(hits: tuple[Hit, ...], by: int | None) -> tuple[Hit, ...]:
    """Hits moved `by` characters (hits without offsets stay as they are)."""
    if not by or not hits:
        return hits
    return tuple(hit if hit.start is None or hit.end is None else hit.moved(by) for hit in hits)
