"""Spelling (AW501): Harper's findings minus every word the interview record knows.

Also the helpers the other proofreading rules share: the known words, names by position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from afterword.etiquette.engine.registry import Facts, Hit, ProofIssue, Rule, flags, passes
from afterword.etiquette.text.names import HONORIFICS, fold
from afterword.report import Severity

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.I)


def known_words(facts: Facts) -> frozenset[str]:
    """Every word the context knows (names, company, role, moments), folded."""
    if "known_words" not in facts.memo:
        facts.memo["known_words"] = _known_words(facts)
    return facts.memo["known_words"]  # type: ignore[no-any-return]


def _known_words(facts: Facts) -> frozenset[str]:
    ctx = facts.context
    texts: list[str] = [
        ctx.company or "", ctx.role or "", ctx.industry or "", ctx.candidate.name or "",
        *ctx.company_aliases, *ctx.other_companies, *ctx.other_roles,
    ]
    for person in ctx.people:
        texts += [person.name or "", person.given_name or "", person.family_name or "",
                  person.title or "", person.mailing_address or "", *person.moments]
    return _vocabulary(tuple(texts))


@lru_cache(maxsize=1024)
def _vocabulary(texts: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set(HONORIFICS)
    for text in texts:
        for token in re.split(r"[^\w'’\-]+", text):
            token = _POSSESSIVE.sub("", token)
            if token:
                out.add(fold(token))
                out |= {fold(t) for t in re.split(r"[\-'’]", token) if t}
    return frozenset(out)


def is_known(word: str, known: frozenset[str]) -> bool:
    """Whether a flagged word is one the context knows, in any case or possessive form."""
    base = fold(_POSSESSIVE.sub("", word))
    parts = [p for p in re.split(r"[\s\-'’]+", base) if p]
    return base in known or (bool(parts) and all(p in known for p in parts))


def is_known_name(text: str, known: frozenset[str]) -> bool:
    """A flagged stretch that is a capitalised name the context knows (not 'the the')."""
    return text[:1].isupper() and is_known(text, known)


def as_recorded(facts: Facts, issue: ProofIssue) -> bool:
    """Flagged text written exactly as the context records it ('pro bono', 'roadmap'):
    Harper's style preferences about the writer's own record are not mistakes."""
    text = facts.note.body[issue.start : issue.end].strip()
    if len(text) < 4:
        return False
    ctx = facts.context
    records = [m for p in ctx.people for m in p.moments] + [
        ctx.company or "", ctx.role or "", *ctx.company_aliases]
    pattern = re.compile(r"(?<![\w'’])" + re.escape(text) + r"(?![\w'’])")
    return any(pattern.search(record) for record in records)


def spelling_issues(facts: Facts) -> list[ProofIssue]:
    """Harper's spelling findings minus the words the context knows and names by position."""
    known = known_words(facts)
    return [
        issue for issue in facts.proof or ()
        if issue.family == "spelling"
        and not is_known(facts.note.body[issue.start : issue.end], known)
        and not in_name_position(facts, issue)
    ]


_AFTER_HONORIFIC = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+$"
)


def in_name_position(facts: Facts, issue: ProofIssue) -> bool:
    """Inside the greeting's name or the signature, or right after an honorific: a name,
    judged by the name rules (AW103/AW104), never by the dictionary."""
    note = facts.note
    for span in (note.greeting_name, note.signer):
        if span and span.start <= issue.start and issue.end <= span.end:
            return True
    before = note.body[max(0, issue.start - 12) : issue.start]
    capitalised = note.body[issue.start : issue.end][:1].isupper()
    return capitalised and bool(_AFTER_HONORIFIC.search(before))


def _needs_proof(facts: Facts) -> str | None:
    return None if facts.proof is not None else "proofreading is off (Harper is not available)"


def from_issues(issues: list[ProofIssue]) -> Iterator[Hit]:
    for issue in issues:
        yield Hit(issue.message, start=issue.start, end=issue.end, suggestions=issue.suggestions)


def _check_spelling(facts: Facts) -> Iterator[Hit]:
    yield from from_issues(spelling_issues(facts))


RULES = (
    Rule(
        code="AW501", name="spelling", severity=Severity.ERROR,
        summary="No misspelled words.",
        rationale=(
            "Careless spelling undercuts the care you showed in the interview. Names and terms "
            "the interview record knows are never flagged; a near miss of a name is AW104."
        ),
        check=_check_spelling, needs=_needs_proof, proofreading=True,
        examples=(
            flags('typo', 'generous', 'generuos'),
            passes(
                'known names are not misspellings',
                'Hearing how',
                "Dr. Raman's point about dbt, and hearing how",
            ),
        ),
    ),
)
