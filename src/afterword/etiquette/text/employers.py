"""Where a note names an employer: the slots ("the role at X", "join X", "X's mission"),
whether a name there is the writer's own employer, and words that are never employers."""

from __future__ import annotations

import re
from functools import lru_cache

from afterword.etiquette.text.names import fold
from afterword.model import Context

# A company-like name: capitalised words (with &, *, quotes, hyphens, digits), joined by
# "&", "and", "of", "the"; a sentence's full stop never joins two runs.
_WORD = r"[A-Z0-9ÀÖØ-ÞĀ-ſ][\w'’&*!+\-]*(?:[\"“”][A-Za-z]+[\"“”]?[\w]*)?"
_NAME = rf"{_WORD}(?:(?:[ \t]+(?:&|and|of|the|for|de)[ \t]+|[ \t]+|\.(?=[A-Za-z]))?{_WORD}){{0,4}}"
_SLOT_NOUNS = (
    r"role|position|job|opening|opportunity|vacancy|post|team|teams|offices?|culture|"
    r"people|staff|folks|career|internship|work|future|organi[sz]ation|company|interview|"
    r"colleagues|everyone|engineers|analysts|group|department|division|family"
)
_TRIGGER = re.compile(
    rf"(?i)\b(?:(?:{_SLOT_NOUNS})\s+(?:here\s+)?(?:at|with)|"
    r"join|joining|joined|contribute\s+to|contributing\s+to|working\s+(?:at|for)|"
    r"work\s+(?:at|for)|be\s+part\s+of|a\s+fit\s+(?:at|for)|fit\s+in\s+at|"
    r"future\s+(?:at|with))\s+(?=[A-Z0-9ÀÖØ-ÞĀ-ſ])"
)
_POSSESSED = re.compile(
    r"['’]s\s+(?i:mission|vision|values|culture|customers|clients|products?|platform|growth|"
    r"success|commitment|approach|strategy|brand|roadmap|reputation|hiring|engineering|data|"
    r"history|future|people|offices?|employees|users)\b"
)
_NAME_RE = re.compile(_NAME)
# Immediately before the name: it is where the writer works or worked, not this employer.
_OWN = re.compile(
    r"(?i)(?:\b(?:my|our)\s+(?:(?:current|present|previous|prior|last|former|old|first|"
    r"day|full-time|part-time)\s+)*(?:role|job|position|team|work|employer|company|time|"
    r"years?|months?|internship|tenure|days|colleagues|manager|experience|placement|"
    r"stint|post)\s+(?:\w+\s+){0,2}(?:at|with|for|in)\s+"
    r"|\b(?:currently|previously|formerly|now|still|already)\s+(?:\w+\s+){0,2}(?:at|with|for)\s+"
    r"|\bI(?:'ve|’ve| have| had)?\s+(?:(?:currently|still|also|been|recently)\s+)*"
    r"(?:work|worked|working|interned|spent\s+\w+\s+\w+|served|been)\s+(?:\w+\s+){0,2}"
    r"(?:at|for|with)\s+"
    r"|\b(?:while|when)\s+(?:I\s+was\s+)?(?:\w+ing\s+)?(?:at|with)\s+"
    r"|\b(?:back|time|years|days)\s+at\s+"
    r"|\bat\s+my\s+(?:current|previous|last|former)\s+(?:company|employer|job|role),?\s+"
    r"|\bI\s+(?:joined|left)\s+)$"
)
_NEVER = frozenset(fold(w) for w in (
    "I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Ms", "Mrs", "Dr", "Prof", "Zoom", "Teams",
    "Google Meet", "Slack", "LinkedIn", "Engineering", "Finance", "Marketing", "Sales",
    "Operations", "Product", "Design", "Research", "Analytics", "Data", "Legal", "HR",
    "Support", "Platform", "Security", "Strategy", "Customer Success", "IT", "Ops", "You",
    "Your", "Our", "The", "This", "That", "We", "Us", "It", "All", "Everyone", "Both",
))


@lru_cache(maxsize=512)
def employer_slots(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each name standing where an employer belongs in `text`."""
    out: list[tuple[int, int]] = []
    for match in _TRIGGER.finditer(text):
        name = _NAME_RE.match(text, match.end())
        if name:
            out.append(_trimmed(text, name.start(), name.end()))
    for match in _POSSESSED.finditer(text):
        window = max(0, match.start() - 60)
        last = None
        for name in _NAME_RE.finditer(text, window, match.start()):
            last = name
        if last is not None and last.end() == match.start():
            out.append(_trimmed(text, last.start(), last.end()))
    return tuple(sorted(out))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    name = text[start:end].rstrip(".,;:!?\"'’”)")
    return start, start + len(name)


def is_own_employer(text: str, start: int) -> bool:
    """Whether the name at `start` follows words that make it the writer's own employer."""
    return bool(_OWN.search(text[max(0, start - 80) : start]))


@lru_cache(maxsize=256)
def _context_words(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(t) for text in texts for t in re.split(r"[^\w'’\-]+", text) if t)


def not_an_employer(name: str, ctx: Context) -> bool:
    """A name that is a person, a weekday, a department or only words of the role and the
    interviewers' titles and moments: not an employer."""
    folded = fold(name)
    words = [w for w in re.split(r"[^\w'’\-]+", folded) if w]
    if not words or folded in _NEVER or words[0] in _NEVER:
        return True
    names = [n for p in ctx.people for n in (p.name, p.given_name, p.family_name) if n]
    people = _context_words((*names, ctx.candidate.name or ""))
    if words[0] in people or re.sub(r"['’]s$", "", words[0]) in people:
        return True
    known = _context_words(tuple([ctx.role or "", *(p.title or "" for p in ctx.people),
                                  *(m for p in ctx.people for m in p.moments)]))
    return all(w in known or w in _NEVER for w in words)
