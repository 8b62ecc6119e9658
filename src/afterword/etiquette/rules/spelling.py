"""Spelling (AW501): Harper's findings minus every word the interview record knows.

Also the helpers the other proofreading rules share: the known words, names by position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache, partial

from rapidfuzz.distance import DamerauLevenshtein

from afterword.etiquette.engine.registry import Facts, Hit, ProofIssue, Rule, flags, passes
from afterword.etiquette.text.dialects import are_dialect_variants
from afterword.etiquette.text.employers import employer_slots
from afterword.etiquette.text.names import HONORIFICS, fold
from afterword.etiquette.text.note import CONTACT_LINE
from afterword.etiquette.text.phrases import spans as phrase_spans
from afterword.report import Severity

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.I)


def known_words(facts: Facts) -> frozenset[str]:
    """Every word the context knows (names, company, role, moments), folded."""
    return facts.lasting("known_words", partial(_known_words, facts))


def _known_words(facts: Facts) -> frozenset[str]:
    ctx = facts.context
    texts: list[str] = [
        ctx.company or "", ctx.role or "", ctx.industry or "", ctx.candidate.name or "",
        ctx.candidate.strengths or "",
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


# A company name with punctuation in it (Barnes & Noble, Toys"R"Us, E*TRADE, 7-Eleven, AT&T).
_COMPANY_LIKE = re.compile(
    r"(?<![\w])[A-Z0-9][\w]*(?:(?:[ \t]?&[ \t]?|[*\"“”'’!+.\-])[A-Za-z0-9][\w]*)+[\"”]?"
)


def not_prose(facts: Facts) -> list[tuple[int, int]]:
    """Stretches no proofreading finding may touch: the signature's detail lines, contact
    details anywhere (links, addresses, phone numbers, handles, pronouns), company names
    with punctuation, and the names of the context's companies as written there."""
    if "not_prose" in facts.memo:
        return facts.memo["not_prose"]  # type: ignore[no-any-return]
    body = facts.note.body
    spans = [(m.start(), m.end()) for m in CONTACT_LINE.finditer(body)]
    spans += [(m.start(), m.end()) for m in _COMPANY_LIKE.finditer(body)
              if not m.group().endswith(".")]
    ctx = facts.context
    for name in (ctx.company, *ctx.company_aliases, *ctx.other_companies):
        if name and name.strip():
            spans += phrase_spans(name, body)
    if facts.note.signature is not None:
        spans.append((facts.note.signature.start, facts.note.signature.end))
    facts.memo["not_prose"] = spans
    return spans


def in_not_prose(facts: Facts, issue: ProofIssue) -> bool:
    """Whether a proofreading finding touches a stretch that is not prose."""
    return any(s < issue.end and issue.start < e for s, e in not_prose(facts))


def spelling_issues(facts: Facts) -> list[ProofIssue]:
    """Harper's spelling findings minus the words the context knows, names by position and
    what is not prose."""
    known = known_words(facts)
    return [
        issue for issue in facts.proof or ()
        if issue.family == "spelling"
        and not is_known(facts.note.body[issue.start : issue.end], known)
        and not in_name_position(facts, issue) and not in_not_prose(facts, issue)
    ]


def _in_employer_slot(facts: Facts, issue: ProofIssue) -> bool:
    if "employer_slots" not in facts.memo:
        facts.memo["employer_slots"] = [
            (span.start + s, span.start + e) for span in facts.note.scanned
            for s, e in employer_slots(facts.note.body[span.start : span.end])]
    slots: list[tuple[int, int]] = facts.memo["employer_slots"]
    return any(s <= issue.start and issue.end <= e for s, e in slots)


def _proper_noun(body: str, start: int, end: int) -> bool:
    """A capitalised word that is not a sentence's first, or is possessive or followed by
    another capitalised word: a name of something (a product, a place, an employer)."""
    word = body[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    if any(c.isupper() for c in word[1:]):
        return True  # MSc, PhD, McKinsey, DataBricks: an abbreviation or a name
    before = body[:start].rstrip(" \t\"“'‘(")
    mid_sentence = bool(before) and before[-1] not in ".!?:\n"
    after = body[end : end + 3]
    return mid_sentence or after[:1] in "'’" or bool(re.match(r" [A-Z]", after))


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
    body = facts.note.body
    for issue in spelling_issues(facts):
        word = body[issue.start : issue.end]
        variant = next((s for s in issue.suggestions if are_dialect_variants(word, s)), None)
        if variant is not None:
            # The writer's spelling is the other dialect's: a choice, not a mistake.
            yield Hit(f"'{word}' is the other dialect's spelling of '{variant}'; use one "
                      "dialect throughout (context or settings 'dialect').",
                      start=issue.start, end=issue.end, suggestions=(variant,),
                      severity=Severity.SUGGESTION)
            continue
        if not _proper_noun(body, issue.start, issue.end):
            yield Hit(issue.message, start=issue.start, end=issue.end,
                      suggestions=issue.suggestions)
            continue
        # An unknown name is not a misspelling of a dictionary word ("Contoso" is not
        # "Cantos"): only a one-letter slip of a known proper noun keeps its fix.
        close = tuple(s for s in issue.suggestions if s[:1].isupper()
                      and DamerauLevenshtein.distance(s.casefold(), word.casefold()) <= 1)
        if not close or _in_employer_slot(facts, issue) or any(c.isupper() for c in word[1:]):
            continue
        yield Hit(
            f"'{word}' is not in the dictionary. If it is a name, add it to the interview's "
            "record; otherwise check its spelling"
            + (f" ('{close[0]}'?)." if close else "."),
            start=issue.start, end=issue.end, suggestions=close, severity=Severity.SUGGESTION,
        )


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
            passes("British spellings with dialect british", "share work early.",
                   "share work early; I would prioritise the catalogue of labour modelling.",
                   dialect="british"),
            passes("an unknown name is not a dictionary word", "share work early.",
                   "share work early, much as the Quorvane crowd does."),
            passes("signature contact lines", "Sam Ortiz\n",
                   "Sam Ortiz (they/them)\nlinkedin.com/in/samortiz | +1 555 0100\n"),
            passes(
                'known names are not misspellings',
                'Hearing how',
                "Dr. Raman's point about dbt, and hearing how",
            ),
        ),
    ),
)
