"""Real-word errors that a spelling checker cannot see (your/you're, it's/its, ...).

A thank-you note with "If your open to it" or "Thank you for you time" reads as careless
to exactly the reader it is meant to impress, and every word in it is spelled correctly,
so the speller passes it. Harper (our proofreader) catches part of this class: its
ThenThan, ModalOf, AnA, NounVerbConfusion (affect/effect), ToLoseTooLoose ("to loose"),
OpenCompounds ("alot"), SpellCheck (apostrophe-less "dont", "didnt", "youre", ...) and a
few narrower rules fire reliably. The confusions it misses in short formal notes are
listed in the rules (:mod:`._realword_rules`); :data:`HARPER_COVERS` names what was left to
Harper.

Precision comes before recall: a false alarm on a correct sentence costs the writer's
trust more than a missed slip costs the note. So, apart from "whats" and "loosing" (not
words in modern English, yet unflagged by Harper), no rule fires on a word alone. Each
needs the confusable word *and* context on one or both sides that only the wrong reading fits:
"your" becomes "you're" only after a clause opener ("If your open to it") and only when
the adjective is not followed by a noun ("your open roles" passes). Every rule's correct
form is a must-pass case in the tests.

The module is pure (standard library :mod:`re`, no I/O); patterns are compiled once at
import. One scan finds the candidate words; only those are examined further.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from afterword.etiquette.confusions.pairs import _RULES
from afterword.etiquette.confusions.vocab import _APOS, _alt, _Rule

__all__ = ["HARPER_COVERS", "RealWordError", "find_real_word_errors"]

#: Error families Harper 0.2.0 (American, plaintext) already flags with the right fix in
#: our measurements, so there is no rule for them here. Left as documentation for the
#: code that merges Harper's lints with ours.
HARPER_COVERS: frozenset[str] = frozenset(
    {
        "then/than",  # ThenThan: "more then", "rather then", "other then", "later then"...
        "affect/effect",  # NounVerbConfusion
        "could of/should of/would of",  # ModalOf (also might of, must of)
        "a/an",  # AnA
        "alot",  # OpenCompounds
        "to loose",  # ToLoseTooLoose; other "loose" verbs are ours
        "missing apostrophe: dont/didnt/isnt/wasnt/Im/Ive/youre/theyre/cant",  # SpellCheck, Cant
        "there -> their before a noun",  # ThereToTheir
        "their -> there before is",  # TheirToThere
        "its -> it's before a/been/not",  # ItsContraction
        "you're -> your after 'for'",  # PronounContraction ("for you're time")
        "to -> too before much/late/few",  # ToTwoToo (partly: not "to long", "to bad")
        "peaked/peeked my interest",  # PiqueInterest (not "peaks", not "curiosity")
        "principle -> principal before role/goal",  # PrincipleToPrincipalRoleNoun
    }
)


@dataclass(frozen=True)
class RealWordError:
    """One real-word error: ``text[start:end]`` should be replaced by ``suggestion``."""

    start: int  # character offset into text
    end: int
    message: str  # says what is wrong and what to do
    suggestion: str  # replacement for text[start:end], with the original capitalisation


def _index(rules: tuple[_Rule, ...]) -> dict[str, tuple[_Rule, ...]]:
    index: dict[str, list[_Rule]] = {}
    for rule in rules:
        for trigger in rule.triggers:
            index.setdefault(trigger, []).append(rule)
    return {key: tuple(value) for key, value in index.items()}


_BY_TRIGGER = _index(_RULES)
# Start of a trigger word: not inside a URL, an address, a file name or a hyphenated word.
_NOT_AFTER = r"(?<![\w'’/@.%#-].)"
_NOT_BEFORE = r"(?![\w'’/@%-]|\.\w)"


def _trie(words: Iterable[str]) -> str:
    """A case-sensitive alternation factored into a trie. Python's ``re`` does not factor
    alternations itself, and a pattern whose branches start with plain literals lets it
    skip ahead to candidate characters: about four times faster than ``(?i)\\b(?:...)``.
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any], *, top: bool) -> str:
        branches = [
            ("['’]" if char == "'" else re.escape(char)) + (_NOT_AFTER if top else "")
            + emit(child, top=False)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return emit(root, top=True)


# Matched against the lower-cased text (same offsets; checked), so it needs no IGNORECASE.
_TRIGGER = re.compile(_trie(_BY_TRIGGER) + _NOT_BEFORE)
# For the rare text whose lower-case form has another length ("İ" becomes two characters).
_TRIGGER_ANY_CASE = re.compile(
    _NOT_AFTER.replace(".)", ")") + _alt(_BY_TRIGGER).replace("'", _APOS) + _NOT_BEFORE,
    re.IGNORECASE,
)
_CLAUSE_PUNCT = frozenset(".!?\n\r:;,—–-(\"“”‘’'…")
_SPACE = frozenset(" \t\u00a0")


def _previous(text: str, pos: int) -> tuple[str, bool]:
    """The word before ``pos`` (lowercase, straight apostrophes) and whether ``pos``
    starts a sentence or clause (nothing, or only punctuation such as ``. , ;`` before it).
    """
    i = pos
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    if i == 0:
        return "", True
    end = i
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] in "'’"):
        i -= 1
    word = text[i:end].strip("'’")
    if word:
        return word.lower().replace("’", "'"), False
    return "", text[end - 1] in _CLAUSE_PUNCT


def _match_case(original: str, replacement: str, apostrophe: str) -> str:
    if apostrophe != "'":
        replacement = replacement.replace("'", apostrophe)
    if replacement.startswith(("I'", "I’")):
        return replacement.upper() if original.isupper() and len(original) > 1 else replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def find_real_word_errors(text: str, *, curly: bool | None = None) -> list[RealWordError]:
    """Real-word errors (your/you're, then/than, ...) that a spelling checker cannot see.

    Returns at most one error per word, in text order. Families Harper already flags
    (see :data:`HARPER_COVERS`) are left to Harper. A fix takes the text's apostrophe;
    `curly` says which one it is when `text` is part of a larger one.
    """
    errors: list[RealWordError] = []
    for start, end, key, rule in _matches(text):
        wrong = text[start:end]
        fix = rule.fix if isinstance(rule.fix, str) else rule.fix[key]
        if "’" in wrong:
            apostrophe = "’"
        else:
            if curly is None:
                curly = "’" in text and "'" not in text
            apostrophe = "’" if curly else "'"
        suggestion = _match_case(wrong, fix, apostrophe)
        errors.append(
            RealWordError(
                start=start,
                end=end,
                message=f"'{wrong}' should be '{suggestion}' ({rule.note}) here.",
                suggestion=suggestion,
            )
        )
    return errors


def _matches(text: str) -> Iterator[tuple[int, int, str, _Rule]]:
    """Span, lower-case key and first fitting rule of each real-word error, in text order."""
    lowered = text.lower()
    if len(lowered) == len(text):
        candidates = _TRIGGER.finditer(lowered)
    else:
        candidates = _TRIGGER_ANY_CASE.finditer(text)
    for found in candidates:
        start, end = found.span()
        wrong = text[start:end]
        key = wrong.lower().replace("’", "'")
        word, at_clause_start = _previous(text, start)
        for rule in _BY_TRIGGER[key]:
            # Cheapest test first: the previous word is a set lookup.
            if word in rule.not_prev:
                continue
            if (rule.prev is not None or rule.clause_start) and not (
                (rule.clause_start and at_clause_start)
                or (rule.prev is not None and word in rule.prev)
            ):
                continue
            if rule.after is not None and rule.after.match(text, end) is None:
                continue
            if rule.before is not None and (
                rule.before.search(text, max(0, start - 60), start) is None
            ):
                continue
            yield start, end, key, rule
            break
