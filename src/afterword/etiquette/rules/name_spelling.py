"""Every name spelled as on record, and the right person greeted (AW104).

Misspelling an interviewer's name is the error people remember. Names are judged against
the record, which a grammar checker cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from rapidfuzz.distance import DamerauLevenshtein

from afterword.etiquette.engine.registry import Facts, Hit, Rule, Segment, flags, passes
from afterword.etiquette.rules.salutation import greeting_parts, is_generic, needs_addressee
from afterword.etiquette.text.names import (
    NameForms,
    are_variants,
    closest_form,
    fold,
    forms,
    greeting_for,
    similarity,
    strip_accents,
)
from afterword.model import Person
from afterword.report import Severity

_NAME_AFTER_HONORIFIC = re.compile(
    r"\b(?P<h>Mr|Ms|Mrs|Mx|Dr|Prof|Professor|Doctor)\b\.?[ \t]+"
    r"(?P<n>(?:(?:van|von|der|den|de|del|della|la|le|da|di|du|dos|ter|ten|bin|al|el)[ \t]+)*"
    r"[^\W\d_][\w'’\-]*(?:[ \t]+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’\-]*))?)"
)


def _other_person(name: str, facts: Facts, person: Person) -> Person | None:
    folded = fold(name)
    for other in facts.context.people:
        found = forms(other)
        if other is not person and found and (folded in found.all or folded in found.full):
            return other
    return None


def _check_name(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None
    parts = greeting_parts(facts)
    if parts is not None and not is_generic(parts[1]):
        yield from _judge_greeting(facts, person, *parts)
    yield from _body_names(facts)


def _judge_greeting(
    facts: Facts, person: Person, honorific: str | None, name: str, start: int, end: int
) -> Iterator[Hit]:
    found = forms(person)
    assert found is not None
    written = facts.note.body[start:end]
    prefix = written[: len(written) - len(written.lstrip()) + written.find(name)] if name else ""
    if fold(name) in found.all:
        return
    other = _other_person(name, facts, person)
    proper = greeting_for(person)
    if other is not None:
        yield Hit(
            f"The greeting names {other.name}, but this note is for {person.name}. "
            f"Greet {proper}.",
            start=start, end=end, suggestions=(proper,),
        )
        return
    best = closest_form(name, person)
    if best and (best[1] >= facts.thresholds.name_similarity or
                 strip_accents(name) == strip_accents(best[0])):
        right = prefix + best[0]
        yield Hit(
            f"'{name}' is not how {person.name} spells their name: write '{best[0]}'.",
            start=start, end=end, suggestions=(right,),
        )
        return
    yield Hit(
        f"The greeting names '{name}', which does not match {person.name} (the addressee). "
        f"Greet {proper}.",
        start=start, end=end, suggestions=(proper,),
    )


def _known_tokens(facts: Facts) -> dict[str, str]:
    """Folded name token -> display token, for everyone on record and the writer."""
    return facts.lasting("name_tokens", partial(_name_tokens, facts))


def _name_tokens(facts: Facts) -> dict[str, str]:
    out: dict[str, str] = {}
    names = [p.name or "" for p in facts.context.people] + [facts.context.candidate.name or ""]
    names += [p.given_name or "" for p in facts.context.people]
    names += [p.family_name or "" for p in facts.context.people]
    for name in names:
        for token in [*name.split(), *re.split(r"[\s\-'’]+", name)]:
            if len(token) > 1:
                out.setdefault(fold(token), token)
    return out


def _body_names(facts: Facts) -> Iterator[Hit]:
    """Names anywhere the recipient reads (body, P.S., Subject) against everyone's record."""
    people = [p for p in facts.context.people if forms(p)]
    yield from facts.scan("AW104", lambda segment: _in_segment(facts, segment, people))


def _in_segment(facts: Facts, segment: Segment, people: list[Person]) -> Iterator[Hit]:
    text, base = segment.text, segment.base
    flagged: set[int] = set()
    yield from _after_honorifics(facts, text, base, people, flagged)
    if base is not None:
        yield from _proof_near_misses(facts, segment, flagged)
    yield from _name_tokens_in(facts, text, base, people, flagged)

def _after_honorifics(facts: Facts, text: str, base: int | None, people: list[Person],
                      flagged: set[int]) -> Iterator[Hit]:
    for match in _NAME_AFTER_HONORIFIC.finditer(text):
        name = _trim_to_known(_before_possessive(match.group("n")), people)
        if not name or any(fold(name) in f.all for p in people if (f := forms(p))):
            continue
        scored = [(c, s, p) for p in people if (c_s := closest_form(name, p)) for c, s in [c_s]]
        if not scored:
            continue
        right, score, who = max(scored, key=lambda t: t[1])
        if (score >= facts.thresholds.name_similarity or _one_slip(name, right)
                or _short_slip(name, right)):
            start = match.start("n")
            flagged.add(start)
            yield Hit.at(f"'{name}' looks like a misspelling of {who.name}'s name: write "
                         f"'{right}'.", text, base, start, start + len(name), (right,))


def _before_possessive(name: str) -> str:
    """The name up to and without a possessive ("Raman's Friday" -> "Raman")."""
    tokens = name.split()
    for i, token in enumerate(tokens):
        if _POSSESSIVE.search(token) and token[-1:] != token:
            bare = _POSSESSIVE.sub("", token)
            if bare != token:
                return " ".join([*tokens[:i], bare])
    return name


def _one_slip(written: str, right: str) -> bool:
    """One letter added, dropped, changed or two swapped, in a name of four letters or more
    (two swapped in a three-letter one)."""
    a, b = fold(written), fold(right)
    if a == b or abs(len(a) - len(b)) > 1 or DamerauLevenshtein.distance(a, b) > 1:
        return False
    return len(b) >= 4 or (len(b) == 3 and sorted(a) == sorted(b))  # "Lui" for "Liu"


def _short_slip(written: str, right: str) -> bool:
    """One letter changed after the first in a three-letter name ("Ray" for "Roy", "Kin"
    for "Kim"): after an honorific the word can only be a name, so even a short one that
    close to a recorded one is a slip (elsewhere it may be another real name)."""
    a, b = fold(written), fold(right)
    return (len(a) == len(b) == 3 and a[0] == b[0]
            and sum(x != y for x, y in zip(a, b, strict=True)) == 1)


def _name_tokens_in(facts: Facts, text: str, base: int | None, people: list[Person],
                    flagged: set[int]) -> Iterator[Hit]:
    known = _known_tokens(facts)
    by_accent = {strip_accents(k): v for k, v in known.items()}
    found = [f for p in people if (f := forms(p))]
    for match in _CAPITALISED.finditer(text):
        token, start = match.group(1), match.start(1)
        if start in flagged or fold(token) in known:
            continue
        right = by_accent.get(strip_accents(token))
        why = "is missing or changing accents: the name is spelled"
        if right is None:
            right, why = _variant_or_slip(text, match, found)
        if right is not None:
            yield Hit.at(f"'{token}' {why} '{right}'.", text, base, start,
                         start + len(token), (right,))


def _variant_or_slip(text: str, match: re.Match[str], found: list[NameForms]
                     ) -> tuple[str | None, str]:
    """The recorded name a capitalised token is a variant or a slip of, where it reads as a
    name: a given-name variant mid-sentence, a slip next to the rest of the name or in a
    name's place ("with Priay", "Arjn's", "Priya Ramam")."""
    token, start = match.group(1), match.start(1)
    before = text[max(0, start - 30) : start]
    after = text[match.end(1) : match.end(1) + 30]
    for f in found:
        given, family = f.display_given, f.display_family
        if are_variants(token, given) and not _sentence_start(text, start):
            return given, "is a different spelling of the name on record,"
        if family and before.endswith(given + " ") and (
                are_variants(token, family) or _close(token, family)):
            return family, "is not how the family name is spelled: write"
        if family and after.startswith(" " + family) and (
                are_variants(token, given) or _close(token, given)):
            return given, "is not how the given name is spelled: write"
        for name in (given, family):
            if name and _one_slip(token, name) and (
                    _NAME_PLACE.search(before) or _NAME_AFTER.match(after)):
                return name, "looks like a misspelling of the name"
    return None, ""


def _close(written: str, right: str) -> bool:
    return _one_slip(written, right) or similarity(written, right) >= 80


_POSSESSIVE = re.compile(r"['’]s?$")
_CAPITALISED = re.compile(r"(?<![\w'’])([A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+)(?![\w])")
_NAME_PLACE = re.compile(r"(?i)(?:\b(?:with|thank|thanks|to|from|and|met|meeting|hi|dear)"
                         r"|,)\s+$")
_NAME_AFTER = re.compile(r"(?:['’]s?\b|,? (?:said|mentioned|shared|explained|asked|described|"
                         r"noted|told|walked|showed|talked|spoke|and I)\b)")


def _proof_near_misses(facts: Facts, segment: Segment, flagged: set[int]) -> Iterator[Hit]:
    """Words the proofreader cannot spell that are near misses of a name on record."""
    known = _known_tokens(facts)
    base = segment.base or 0
    for issue in segment.proof:
        if issue.family != "spelling" or issue.start in flagged:
            continue
        word = re.sub(r"(?i)['’]s?$", "", segment.text[issue.start : issue.end])
        if len(word) < 4 or not word[:1].isupper() or fold(word) in known:
            continue
        best = max(known.values(), key=lambda t: similarity(word, t), default=None)
        if best and similarity(word, best) >= facts.thresholds.name_similarity + 5:
            yield Hit(
                f"'{word}' looks like a misspelling of the name '{best}'.",
                start=base + issue.start, end=base + issue.start + len(word),
                suggestions=(best,),
            )
            flagged.add(issue.start)

def _trim_to_known(name: str, people: list[Person]) -> str:
    """Drop a trailing capitalised word that is not part of anyone's name."""
    tokens = name.split()
    if len(tokens) > 1:
        every = {t for p in people if (f := forms(p)) for t in f.tokens}
        last = fold(tokens[-1])
        if last not in every and not any(_one_slip(last, t) or similarity(last, t) >= 75
                                         for t in every):
            return " ".join(tokens[:-1])
    return name


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in ".!?\n"


RULES = (
    Rule(
        code="AW104",
        name="name-misspelled",
        severity=Severity.ERROR,
        summary="Every name spelled exactly as on record; greet the right person.",
        rationale=(
            "Misspelling the interviewer's name is among the most common and most noticed "
            "slips. A variant spelling (Kathryn for Katherine), a dropped accent or a swapped "
            "letter counts, and so does greeting a different panelist than the one the note is "
            "for. Naming the other panelists in the body is fine."
        ),
        check=_check_name,
        needs=needs_addressee,
        proofreading=True,  # Harper's unknown words feed the near misses
        examples=(
            flags('swapped vowel', 'Dear Dr. Raman,', 'Dear Dr. Ramen,'),
            flags('wrong panelist', 'Dear Dr. Raman,', 'Dear Mr. Mehta,'),
            flags('misspelled in the body', 'Hearing how', 'Mr. Mehtta said, and hearing how'),
            passes(
                'other panelist named in the body',
                'Hearing how',
                'Mr. Mehta said, and hearing how',
            ),
        ),
    ),
)
