"""Rules are data plus a small function: the record every rule module fills in."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any, TypeVar

from afterword.config import Settings, Thresholds
from afterword.etiquette.engine.kept import Kept, Segment, shifted
from afterword.model import Context, Person
from afterword.proofread.issue import ProofIssue
from afterword.report import Severity

if TYPE_CHECKING:
    from afterword.etiquette.text.note import Note

__all__ = ["ALL_KINDS", "Example", "Facts", "Hit", "ProofIssue", "Rule", "Segment", "flags",
           "passes"]

T = TypeVar("T")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
ALL_KINDS = frozenset({"thank_you", "check_in", "request_email", "after_rejection"})


@dataclass(frozen=True)
class Hit:
    """What a rule's check function reports; the checker turns it into a Finding."""

    message: str
    start: int | None = None
    end: int | None = None
    suggestions: tuple[str, ...] = ()
    severity: Severity | None = None
    excerpt: str | None = None  # for a finding outside the body (the Subject)

    def moved(self, by: int) -> Hit:
        """The same hit `by` characters further on (it has offsets)."""
        assert self.start is not None and self.end is not None
        return Hit(self.message, self.start + by, self.end + by, self.suggestions, self.severity,
                   self.excerpt)

    @classmethod
    def at(cls, message: str, text: str, base: int | None, start: int, end: int,
           suggestions: tuple[str, ...] = ()) -> Hit:
        """A hit on text[start:end] of a segment (see Facts.segments): offsets into the
        body, or, in the Subject (base None), no offsets and the subject as excerpt."""
        if base is None:
            return cls(message, suggestions=suggestions, excerpt=text)
        return cls(message, start=base + start, end=base + end, suggestions=suggestions)


class Facts:
    """Everything a rule may look at for one note, with derived values computed once."""

    def __init__(
        self,
        note: Note,
        context: Context,
        settings: Settings,
        proof: list[ProofIssue] | None,
        *,
        now: datetime | None = None,
        kept: Kept | None = None,
    ) -> None:
        self.note = note
        self.now = now
        self.context = context
        self.settings = settings
        self.proof = proof
        self.memo: dict[str, Any] = {}
        self.kept = kept  # an editing session's results per piece of text (engine/kept.py)

    @property
    def thresholds(self) -> Thresholds:
        """The configured thresholds."""
        return self.settings.thresholds

    @cached_property
    def sent(self) -> datetime | None:
        """When the note goes out: context `send_at`, else the `now` the caller passed."""
        return self.context.send_at or self.now

    @cached_property
    def addressee(self) -> Person | None:
        """Who the note is for (see docs/check-contract.md, conventions)."""
        return self.context.addressee

    @cached_property
    def to(self) -> tuple[str, ...] | None:
        """To addresses: from the headers, else from the context."""
        return self.note.to if self.note.is_message else self.context.to

    @cached_property
    def cc(self) -> tuple[str, ...]:
        """Cc addresses: headers, else context."""
        value = self.note.cc if self.note.is_message and self.note.cc is not None else (
            self.context.cc
        )
        return tuple(value or ())

    @cached_property
    def bcc(self) -> tuple[str, ...]:
        """Bcc addresses: headers, else context."""
        value = self.note.bcc if self.note.is_message and self.note.bcc is not None else (
            self.context.bcc
        )
        return tuple(value or ())

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        """What the recipient reads besides the salutation and signature, a piece at a time
        (a name, an employer or a role never runs across a sentence's end): the main text's
        sentences, the P.S.'s paragraphs, and the Subject (base None)."""
        body = self.note.body
        spans = [(span.start, span.end) for span in self.note.sentences]
        if self.note.postscript is not None:
            spans += _paragraphs(body, self.note.postscript.start, self.note.postscript.end)
        issues = sorted(self.proof or (), key=lambda issue: issue.start)
        out = [Segment(body[start:end], start, tuple(
            i.moved(-start)
            for i in issues if start <= i.start < end)) for start, end in spans]
        if self.subject and self.subject.strip():
            out.append(Segment(self.subject, None))
        return tuple(out)

    @cached_property
    def body_paragraphs(self) -> tuple[tuple[int, str], ...]:
        """(offset, text) of each blank-line separated paragraph of the whole body,
        salutation and signature included, stripped."""
        body = self.note.body
        return tuple((start, body[start:end]) for start, end in _paragraphs(body, 0, len(body)))

    def lasting(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` once per check, for a value that depends only on the context and the
        settings (kept by an editing session for its whole life)."""
        if name not in self.memo:
            self.memo[name] = self.remember((name,), compute)
        return self.memo[name]  # type: ignore[no-any-return]

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept by an editing session under `key`, which must hold everything
        the result depends on besides the context and the settings (engine/kept.py)."""
        return compute() if self.kept is None else self.kept.get(key, compute)

    def scan(self, key: Hashable, find: Callable[[Segment], Iterable[Hit]]) -> Iterator[Hit]:
        """The hits of `find` over every segment. `find` may read only the segment, the
        context and the settings (and what `key` holds), so a session keeps its hits per
        segment text."""
        for segment in self.segments:
            if self.kept is None:
                yield from find(segment)
                continue
            local = segment.at_zero()
            yield from shifted(self.remember((key, local), partial(_hits, find, local)),
                               segment.base)

    @cached_property
    def subject(self) -> str | None:
        """The subject: the header, else context `subject`."""
        return self.note.subject if self.note.is_message else self.context.subject


def _hits(find: Callable[[Segment], Iterable[Hit]], segment: Segment) -> tuple[Hit, ...]:
    return tuple(find(segment))


def _paragraphs(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph of body[lo:hi], stripped."""
    out: list[tuple[int, int]] = []
    start = lo
    for gap in [*_BLANK_LINES.finditer(body, lo, hi), None]:
        end = gap.start() if gap else hi
        piece = body[start:end]
        if piece.strip():
            first = start + len(piece) - len(piece.lstrip())
            out.append((first, first + len(piece.strip())))
        start = gap.end() if gap else end
    return out


@dataclass(frozen=True, eq=False)
class Example:
    """Text a rule must flag (`flag`) or must pass: the sample interview of
    :mod:`afterword.etiquette.engine.examples` with `edits` ((old, new) replacements of
    its note) and top-level `context` keys replaced (None removes a key), or a whole
    `note` of its own."""

    flag: bool
    why: str
    edits: tuple[tuple[str, str], ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


def _example(*, flag: bool, why: str, pairs: tuple[str, ...], note: str | None,
             context: dict[str, Any]) -> Example:
    if len(pairs) % 2:
        raise ValueError(f"edits come in (old, new) pairs: {pairs!r}")
    edits = tuple(zip(pairs[::2], pairs[1::2], strict=True))
    return Example(flag, why, edits, context, note)


def flags(why: str, *edits: str, note: str | None = None, **context: Any) -> Example:
    """An example the rule must flag: (old, new) edits of the sample note, context changes."""
    return _example(flag=True, why=why, pairs=edits, note=note, context=context)


def passes(why: str, *edits: str, note: str | None = None, **context: Any) -> Example:
    """An example the rule must pass (same form as :func:`flags`)."""
    return _example(flag=False, why=why, pairs=edits, note=note, context=context)


Check = Callable[[Facts], Iterable[Hit]]
Needs = Callable[[Facts], str | None]


@dataclass(frozen=True)
class Rule:
    """One etiquette rule: stable code and name, default severity, and its check."""

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    check: Check
    needs: Needs | None = None
    kinds: frozenset[str] = ALL_KINDS
    media: frozenset[str] = frozenset({"email", "handwritten"})
    proofreading: bool = False
    examples: tuple[Example, ...] = ()

    @property
    def module(self) -> str:
        """Where the rule lives: the module of its check function."""
        return self.check.__module__

    @property
    def path(self) -> str:
        """The rule's source file, relative to the repository root."""
        return "src/" + self.module.replace(".", "/") + ".py"

    def skip_reason(self, facts: Facts) -> str | None:
        """Why this rule cannot run on these facts, or None when it can."""
        return self.needs(facts) if self.needs else None

    def applies(self, facts: Facts) -> bool:
        """Whether the rule is meant for this kind and medium of note at all."""
        return facts.context.kind in self.kinds and facts.context.medium in self.media
