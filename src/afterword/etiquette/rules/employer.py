"""The right employer, spelled as it spells itself (AW105).

Job seekers write many notes at once; a sentence pasted from another application, or a
company name spelled the way a dictionary prefers ('Harbor' for 'Harbour'), tells the
reader the note was not written for them. Any employer named where this company belongs
("the role at X", "join X", "X's mission") is judged, listed in `other_companies` or not;
the writer's own employer ("in my current role at X") is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from afterword.etiquette.engine.registry import Facts, Hit, Rule, Segment, flags, passes
from afterword.etiquette.text.employers import (
    employer_slots,
    is_own_employer,
    not_an_employer,
)
from afterword.etiquette.text.names import strip_accents
from afterword.etiquette.text.phrases import inside, spans
from afterword.report import Severity

_CAP = (
    r"(?:(?:St|Mt|Ft|Co|Inc|Ltd|Bros|Jr|Sr)\.(?=[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ])"  # "St. Brigid's"
    r"|[A-ZÀ-ÖØ-ÞĀ-ſ0-9][\w'’&*+!\-]*)"  # a sentence's full stop never joins two runs
)
_JOIN = r"(?:[ \t]+(?:&|and|of|the|de|du|la|for)[ \t]+|[ \t]+)"
_CAP_RUN = re.compile(rf"(?<![\w'’]){_CAP}(?:{_JOIN}{_CAP})*")
_POSSESSIVE = re.compile(r"['’]s$")


def _own_names(facts: Facts) -> list[str]:
    ctx = facts.context
    return [n for n in (ctx.company, *ctx.company_aliases) if n and n.strip()]


def _needs_company(facts: Facts) -> str | None:
    if not _own_names(facts) and not facts.context.other_companies:
        return "no company known (context 'company' or 'other_companies')"
    return None


def _wrong(found: str, company: str, *, listed: bool) -> str:
    what = "is another employer you are talking to" if listed else "is not the employer"
    return (f"'{found}' {what}; this note is for {company or 'a different company'}."
            + (f" Write '{company}'." if company else ""))


def _check_company(facts: Facts) -> Iterator[Hit]:
    yield from facts.scan("AW105", lambda segment: _in_segment(facts, segment))


def _in_segment(facts: Facts, segment: Segment) -> Iterator[Hit]:
    own = _own_names(facts)
    company = facts.context.company or (own[0] if own else "")
    text, base = segment.text, segment.base
    masks = [s for name in own for s in spans(name, text)]
    hits: list[tuple[int, int]] = []
    for other in facts.context.other_companies:
        if not other.strip() or any(other.casefold() == n.casefold() for n in own):
            continue
        for start, end in spans(other, text):
            if (inside((start, end), masks) or not text[start].isupper()
                    or is_own_employer(text, start)):
                continue
            hits.append((start, end))
            yield Hit.at(_wrong(text[start:end], company, listed=True), text, base, start,
                         end, (company,) if company else ())
    if own:
        yield from _unlisted(facts, text, base, own, masks + hits)
        yield from _near_misses(facts, text, base, own, masks + hits)


def _unlisted(facts: Facts, text: str, base: int | None, own: list[str],
              masks: list[tuple[int, int]]) -> Iterator[Hit]:
    """Employers named in an employer's place that are not this one, listed or not."""
    company = facts.context.company or own[0]
    limit = facts.thresholds.company_similarity
    for start, end in employer_slots(text):
        name = _POSSESSIVE.sub("", text[start:end])
        end = start + len(name)
        if (inside((start, end), masks) or any(s < end and start < e for s, e in masks)
                or not_an_employer(name, facts.context) or is_own_employer(text, start)):
            continue
        folded = strip_accents(name)
        if any(fuzz.ratio(folded, strip_accents(n)) >= limit
               or folded.startswith(strip_accents(n)) or strip_accents(n).startswith(folded)
               for n in own):
            continue  # this company, or a near miss of it (judged below)
        masks.append((start, end))
        yield Hit.at(_wrong(name, company, listed=False), text, base, start, end, (company,))


def _near_misses(
    facts: Facts, text: str, base: int | None, own: list[str], masks: list[tuple[int, int]]
) -> Iterator[Hit]:
    people = {strip_accents(t) for p in facts.context.people for t in (p.name or "").split()}
    limit = facts.thresholds.company_similarity
    targets = [(name, strip_accents(name), len(name.split())) for name in own]
    for match in _CAP_RUN.finditer(text):
        words = match.group().split()
        for name, target, size in targets:
            for i in range(0, max(1, len(words) - size + 1)):
                # A misspelling keeps the first letter; checking it first skips most windows.
                if strip_accents(words[i][:1]) != target[:1]:
                    continue
                candidate = " ".join(words[i : i + size])
                hit = _near_miss(candidate, name, target, size, limit, people)
                if hit is None:
                    continue
                start = match.start() + match.group().find(candidate)
                if inside((start, start + len(candidate)), masks):
                    continue
                masks.append((start, start + len(candidate)))
                yield Hit.at(
                    f"'{candidate}' looks like a misspelling of the employer's name: write "
                    f"'{name}'.", text, base, start, start + len(candidate), (name,))


def _near_miss(
    candidate: str, name: str, target: str, size: int, limit: float, people: set[str]
) -> bool | None:
    """True when `candidate` is close to, but not, the employer's name `name`."""
    if len(candidate) < 4 or strip_accents(candidate) in people:
        return None
    bare = _POSSESSIVE.sub("", candidate)
    if candidate == name or bare == name or (size == 1 and len(target) < 5):
        return None
    folded = strip_accents(bare)
    score = 100.0 if folded == target else fuzz.ratio(folded, target, score_cutoff=limit)
    return True if score >= limit else None


RULES = (
    Rule(
        code="AW105",
        name="wrong-company",
        severity=Severity.ERROR,
        summary="Name this employer, spelled as it spells itself.",
        rationale=(
            "A line pasted from another application names the wrong employer, and a company "
            "name in its dictionary spelling ('Harbor' for 'Harbour') is still a misspelling. "
            "Either tells the reader the note was not written for them."
        ),
        check=_check_company,
        needs=_needs_company,
        examples=(
            flags("another employer", "share work early.", "share work early at Globex."),
            flags("an employer nobody listed, in an employer's place",
                  "about the Senior Data Analyst role.",
                  "about the Senior Data Analyst role at Contoso."),
            flags("in the subject", subject="Thank you from a future Globex analyst"),
            flags(
                "misspelled employer",
                "share work early.",
                "share work early at Northwind Analitics.",
            ),
            passes("the alias", "share work early.", "share work early at Northwind."),
            passes("the writer's own employer", "share work early.",
                   "share work early, as we do in my current role at Wexley Freight."),
        ),
    ),
)
