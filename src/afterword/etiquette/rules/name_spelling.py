"""Every name spelled as on record, and the right person greeted (AW104).

Misspelling an interviewer's name is the error people remember. Names are judged against
the record, which a grammar checker cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.rules.salutation import greeting_parts, is_generic, needs_addressee
from afterword.etiquette.text.names import (
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
    if "name_tokens" not in facts.memo:
        facts.memo["name_tokens"] = _name_tokens(facts)
    return facts.memo["name_tokens"]  # type: ignore[no-any-return]


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
    note = facts.note
    text, base = note.main_text, note.main.start
    people = [p for p in facts.context.people if forms(p)]
    flagged: set[int] = set()
    for match in _NAME_AFTER_HONORIFIC.finditer(text):
        name = match.group("n")
        name = _trim_to_known(name, people)
        if any(fold(name) in f.all for p in people if (f := forms(p))):
            continue
        scored = [(c, s, p) for p in people if (c_s := closest_form(name, p)) for c, s in [c_s]]
        if not scored:
            continue
        right, score, who = max(scored, key=lambda t: t[1])
        if score >= facts.thresholds.name_similarity:
            start = base + match.start("n")
            flagged.add(start)
            yield Hit(
                f"'{name}' looks like a misspelling of {who.name}'s name: write '{right}'.",
                start=start, end=start + len(name), suggestions=(right,),
            )
    yield from _proof_near_misses(facts, flagged)
    known = _known_tokens(facts)
    by_accent = {strip_accents(k): v for k, v in known.items()}
    givens = [f.display_given for p in people if (f := forms(p))]
    for match in re.finditer(r"(?<![\w'’])([A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+)(?![\w])", text):
        token, start = match.group(1), base + match.start(1)
        if start in flagged or fold(token) in known:
            continue
        accent_twin = by_accent.get(strip_accents(token))
        variant = next((g for g in givens if are_variants(token, g)), None)
        if accent_twin is not None:
            yield Hit(
                f"'{token}' is missing or changing accents: the name is spelled '{accent_twin}'.",
                start=start, end=start + len(token), suggestions=(accent_twin,),
            )
        elif variant is not None and not _sentence_start(text, match.start(1)):
            yield Hit(
                f"'{token}' is a different spelling of '{variant}', the name on record.",
                start=start, end=start + len(token), suggestions=(variant,),
            )


def _proof_near_misses(facts: Facts, flagged: set[int]) -> Iterator[Hit]:
    """Words the proofreader cannot spell that are near misses of a name on record."""
    known = _known_tokens(facts)
    lo, hi = facts.note.main.start, facts.note.main.end
    for issue in facts.proof or ():
        if issue.family != "spelling" or not lo <= issue.start < hi or issue.start in flagged:
            continue
        word = re.sub(r"(?i)['’]s?$", "", facts.note.body[issue.start : issue.end])
        if len(word) < 4 or not word[:1].isupper() or fold(word) in known:
            continue
        best = max(known.values(), key=lambda t: similarity(word, t), default=None)
        if best and similarity(word, best) >= facts.thresholds.name_similarity + 5:
            yield Hit(
                f"'{word}' looks like a misspelling of the name '{best}'.",
                start=issue.start, end=issue.start + len(word), suggestions=(best,),
            )


def _trim_to_known(name: str, people: list[Person]) -> str:
    """Drop a trailing capitalised word that is not part of anyone's name."""
    tokens = name.split()
    if len(tokens) > 1:
        every = {t for p in people if (f := forms(p)) for t in f.tokens}
        if fold(tokens[-1]) not in every:
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
