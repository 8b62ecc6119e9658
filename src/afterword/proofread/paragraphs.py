"""Proofread a text paragraph by paragraph (sentence by sentence), remembering findings.

Harper (harper-py 0.2.0) reads a paragraph break as a wall for most of its lints: "a\\n\\n
apple" is no article error and a paragraph's first word is a sentence start wherever the
paragraph stands. So the findings of a text are those of its paragraphs, shifted to
where each starts, and a paragraph that did not change need not be linted again. The
wall has gaps, found by replaying edits and random texts against a whole-text lint
(`tests/services/test_live.py` keeps them found), so a text is cut only where none is:
- at two or more newlines between a non-blank character and a letter (a line of spaces,
  "\\n\\n\\t" or "\\n\\n- " is read across), and inside a paragraph at a sentence's end:
  a mark, one space, a capital letter ("Dr. Okafor. we talked" and two spaces are read
  across);
- after a word of two or more letters closed by at most one mark (not "I.", "a.", "7." or
  "Dr.", which Harper reads with what follows), with every quote and bracket closed;
- never in a text with a word said twice in a row: Harper's repeated-word lint reads
  far back ("Best,\\nHyun-woo Park" paragraphs earlier can silence a "the the").
Nothing smaller is independent: Harper reads across a single newline ("a\\napple"). While
a writer types, the sentence being typed is then the only text Harper sees again.

A paragraph is keyed by its text, its trailing blank lines and whether it opens or closes
the text. Changed paragraphs next to each other are linted together in one call (a call
has a fixed cost). Should a finding cross a cut, the whole text is linted afresh and
nothing is remembered.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

from afterword.proofread.issue import ProofIssue

# Two or more newlines in a row, between two non-blank characters: Harper's paragraph
# break. A line of spaces is not one ("teh\n \nteh" is a repeated word to Harper), nor is
# "\r\n\r\n" (the checker hands Harper text with CRLF normalised), and a break next to
# other whitespace ("\n\n\tyou you") or before a bullet ("\n\n- to to") changes what
# Harper sees on both sides: a break counts only before a letter.
_BREAK = re.compile(r"(?<=\S)\n{2,}(?=[^\W\d_])")
# Harper reads some paragraph ends together with what follows: a single letter or digit
# with a full stop ("I.", "a.", "7." read as an initial or a list number), an
# abbreviation ("Dr."), a closing quote or bracket. A break counts only after a word of
# two or more letters, closed by at most one mark, and with every quote and bracket
# before it closed.
_CLEAN_END = re.compile(r"(?:^|[\s\-'’])([^\W\d_]{2,})([.,!?:;]?)$")
_ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "st", "jr", "sr", "prof", "etc", "vs", "inc", "ltd", "co",
    "corp", "no", "approx", "dept", "rev", "hon", "gen", "col", "capt", "sgt", "lt", "mt",
})
# Harper's repeated-word lint reads far back: "the the" is flagged or not depending on
# text paragraphs earlier (a comma then a hyphenated word, "Best,\nHyun-woo Park", can
# silence it). A text with a word said twice in a row is linted whole.
_REPEATED = re.compile(r"(?i)\b(\w+)\b\W{1,4}\b\1\b")
# A sentence's end inside a paragraph: a mark, one space, a capital letter. Harper reads a
# lower-case start ("Dr. Okafor. we talked") or two spaces together with what is before.
_SENTENCE_END = re.compile(r"[.!?] (?=[A-ZÀ-ÖØ-Þ])")
_PAIRS = (('"', '"'), ("“", "”"), ("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"))
_MARKS = re.compile("[" + re.escape("".join(a + b for a, b in _PAIRS)) + "]")
_Key = tuple[bool, str, bool]


class Linter(Protocol):
    """Whatever lints a whole text (the Harper adapter)."""

    def lint(self, text: str) -> list[ProofIssue]:
        """Issues in `text`, offsets in characters."""
        ...


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(start, chunk) pairs covering `text`: paragraphs, each with the blank lines after it,
    and within them sentences, each with the space after it, cut only at breaks Harper
    never reads across."""
    ends = sorted([match.end() for match in _BREAK.finditer(text)]
                  + [match.end() for match in _SENTENCE_END.finditer(text)])
    out: list[tuple[int, str]] = []
    pos = previous = 0
    open_marks = [0] * len(_PAIRS)
    for end in ends:
        before = text[previous:end].rstrip("\n ")
        previous = end
        _count_marks(open_marks, before)
        if _clean_end(before[-40:]) and not any(open_marks):
            out.append((pos, text[pos:end]))
            pos = end
    out.append((pos, text[pos:]))
    return [(0, text)] if _repeats_a_word([chunk for _, chunk in out]) else out


@lru_cache(maxsize=1024)
def _repeated_in(chunk: str) -> bool:
    return _REPEATED.search(chunk) is not None


_LAST_WORD = re.compile(r"\w+\W*$")
_FIRST_WORD = re.compile(r"\w+")


def _repeats_a_word(chunks: list[str]) -> bool:
    """Whether `_REPEATED` finds a word said twice in the text these chunks make: in one of
    them (kept per chunk text, as most do not change between checks) or across a cut, where
    a chunk's last word meets the next one's first (a cut never splits a word)."""
    if any(_repeated_in(chunk) for chunk in chunks):
        return True
    for before, after in itertools.pairwise(chunks):
        # A bounded tail: a word cut short there can only make a false "repeated" (and a
        # whole-text lint), never hide a real one.
        tail, head = _LAST_WORD.search(before[-40:]), _FIRST_WORD.match(after)
        if tail and head and _REPEATED.search(tail.group() + head.group()):
            return True
    return False


def _clean_end(tail: str) -> bool:
    found = _CLEAN_END.search(tail)
    if found is None:
        return False
    return found.group(2) != "." or found.group(1).casefold() not in _ABBREVIATIONS


def _count_marks(open_marks: list[int], piece: str) -> None:
    """Add what `piece` opens and closes to the running count of open quotes and brackets."""
    if not _MARKS.search(piece):
        return
    for index, (opening, closing) in enumerate(_PAIRS):
        if opening == closing:
            open_marks[index] = (open_marks[index] + piece.count(opening)) % 2
        else:
            open_marks[index] += piece.count(opening) - piece.count(closing)


def _shift(issues: list[ProofIssue] | tuple[ProofIssue, ...], by: int) -> list[ProofIssue]:
    return [issue.moved(by) for issue in issues] if by else list(issues)


class ParagraphCache:
    """A proofreader that relints only the paragraphs it has not seen (thread-safe)."""

    def __init__(self, inner: Linter, capacity: int = 256, *, join_runs: bool = True) -> None:
        self.inner = inner
        self.capacity = capacity
        self.join_runs = join_runs  # off: each paragraph alone (the strictest test of the unit)
        self._seen: OrderedDict[_Key, tuple[ProofIssue, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.linted_chars = 0  # how much text went to the inner linter (for tests and bench)

    def lint(self, text: str) -> list[ProofIssue]:
        """The inner linter's issues in `text`, computed only for unseen paragraphs."""
        chunks = paragraphs(text)
        keys = [(i == 0, chunk, i == len(chunks) - 1) for i, (_, chunk) in enumerate(chunks)]
        with self._lock:
            known = [self._get(key) for key in keys]
        fresh: dict[int, tuple[ProofIssue, ...]] = {}
        for first, last in _runs(known, join=self.join_runs):
            start = chunks[first][0]
            end = chunks[last][0] + len(chunks[last][1])
            found = self._lint(text[start:end])
            split = _split(_shift(found, start), chunks, first, last)
            if split is None:  # a finding across a paragraph break: trust only a full lint
                return self._lint(text)
            fresh.update(split)
        with self._lock:
            for index, issues in fresh.items():
                self._put(keys[index], issues)
        out: list[ProofIssue] = []
        for index, (start, _) in enumerate(chunks):
            local = known[index] if known[index] is not None else fresh[index]
            out += _shift(local or (), start)
        return out

    def _lint(self, text: str) -> list[ProofIssue]:
        self.linted_chars += len(text)
        return self.inner.lint(text)

    def _get(self, key: _Key) -> tuple[ProofIssue, ...] | None:
        found = self._seen.get(key)
        if found is not None:
            self._seen.move_to_end(key)
        return found

    def _put(self, key: _Key, issues: tuple[ProofIssue, ...]) -> None:
        self._seen[key] = issues
        self._seen.move_to_end(key)
        while len(self._seen) > self.capacity:
            self._seen.popitem(last=False)


def _runs(known: list[tuple[ProofIssue, ...] | None], *, join: bool) -> Iterator[tuple[int, int]]:
    """(first, last) index of each run of paragraphs not in the cache."""
    if not join:
        yield from ((i, i) for i, value in enumerate(known) if value is None)
        return
    first: int | None = None
    for index, value in enumerate(known):
        if value is None and first is None:
            first = index
        if value is not None and first is not None:
            yield first, index - 1
            first = None
    if first is not None:
        yield first, len(known) - 1


def _split(
    issues: list[ProofIssue], chunks: list[tuple[int, str]], first: int, last: int
) -> dict[int, tuple[ProofIssue, ...]] | None:
    """Issues per paragraph, offsets relative to it; None if one crosses a boundary."""
    out: dict[int, list[ProofIssue]] = {i: [] for i in range(first, last + 1)}
    for issue in issues:
        for index in range(first, last + 1):
            start, chunk = chunks[index]
            if start <= issue.start < start + len(chunk) or (
                issue.start == issue.end == start + len(chunk) and index == last
            ):
                if issue.end > start + len(chunk):
                    return None
                out[index].append(issue.moved(-start))
                break
        else:
            return None
    return {index: tuple(found) for index, found in out.items()}
