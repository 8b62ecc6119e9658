"""The greeting and the names in the note (AW103, AW104, AW107).

Misspelling an interviewer's name is the error people remember; a generic greeting
throws away the personal touch the note exists for. Names are judged against the
record, which a grammar checker cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.names import (
    are_variants,
    canonical_honorific,
    closest_form,
    fold,
    forms,
    greeting_for,
    honorifics_compatible,
    similarity,
    split_honorific,
    strip_accents,
)
from afterword.etiquette.registry import Facts, Hit, Rule
from afterword.model import Person
from afterword.report import Severity

GENERIC = frozenset(
    fold(g)
    for g in (
        "hiring manager", "hiring team", "team", "sir", "madam", "sir or madam", "sir/madam",
        "madam or sir", "all", "everyone", "there", "whom it may concern", "recruiter",
        "interviewer", "interviewers", "panel", "committee", "search committee",
        "selection committee", "hiring committee", "colleague", "colleagues", "friend",
        "hiring manager and team", "recruiting team", "talent team", "folks", "you",
        "hr", "human resources", "manager", "hiring managers", "team members",
    )
)
_NAME_AFTER_HONORIFIC = re.compile(
    r"\b(?P<h>Mr|Ms|Mrs|Mx|Dr|Prof|Professor|Doctor)\b\.?[ \t]+"
    r"(?P<n>(?:(?:van|von|der|den|de|del|della|la|le|da|di|du|dos|ter|ten|bin|al|el)[ \t]+)*"
    r"[^\W\d_][\w'’\-]*(?:[ \t]+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’\-]*))?)"
)


def _needs_addressee(facts: Facts) -> str | None:
    if facts.addressee is None or forms(facts.addressee) is None:
        return "no addressee with a recorded name (context 'recipient' and its 'name')"
    return None


def _greeting_parts(facts: Facts) -> tuple[str | None, str, int, int] | None:
    """(honorific used, name as written, start, end) of the greeting's name."""
    note = facts.note
    if note.greeting_name is None:
        return None
    text = note.text(note.greeting_name)
    honorific, cut = split_honorific(text)
    return honorific, text[cut:].strip(), note.greeting_name.start, note.greeting_name.end


def _is_generic(name: str) -> bool:
    folded = fold(name)
    return not folded or folded in GENERIC or bool(re.search(r"[\[\]{}<>]|\bname\b", folded))


def _check_generic(facts: Facts) -> Iterator[Hit]:
    note = facts.note
    person = facts.addressee
    proper = greeting_for(person) if person else ""
    if note.salutation is None:
        yield Hit(
            "The note has no salutation. Open with a greeting that names the interviewer"
            + (f", e.g. 'Dear {proper},'." if proper else "."),
            suggestions=(f"Dear {proper},",) if proper else (),
        )
        return
    parts = _greeting_parts(facts)
    if parts is None or _is_generic(parts[1]):
        shown = note.text(note.salutation).strip()
        replacement = f"{note.greeting_word or 'Dear'} {proper}," if proper else ""
        yield Hit(
            f"'{shown}' does not greet the interviewer by name. "
            + (f"Use '{replacement}'." if replacement else "Use their name."),
            start=note.salutation.start,
            end=note.salutation.end,
            suggestions=(replacement,) if replacement else (),
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
    parts = _greeting_parts(facts)
    if parts is not None and not _is_generic(parts[1]):
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


def _check_honorific(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None
    parts = _greeting_parts(facts)
    found = forms(person)
    if parts is None or found is None:
        return
    honorific, name, start, end = parts
    if honorific is None or fold(name) not in found.all:
        return
    recorded = canonical_honorific(person.honorific)
    family = found.display_family
    only_given = fold(name) in found.given and fold(name) not in found.family | found.full
    if only_given:
        better = f"{recorded or honorific} {family}" if family else name
        yield Hit(
            f"'{honorific} {name}' pairs an honorific with a first name. Write '{better}', "
            f"or '{found.display_given}' alone if you were on first-name terms.",
            start=start, end=end, suggestions=(better, found.display_given),
        )
    elif recorded and not honorifics_compatible(honorific, recorded):
        yield Hit(
            f"'{honorific}' contradicts the record: {person.name} is {recorded}.",
            start=start, end=end, suggestions=(f"{recorded} {name}",),
        )


RULES = (
    Rule(
        code="AW103",
        name="generic-salutation",
        severity=Severity.ERROR,
        summary="Greet the interviewer by name.",
        rationale=(
            "'Dear Hiring Manager' or a bare 'Hi,' tells the reader the note could have gone "
            "to anyone. Put the salutation on the note and address the person by name."
        ),
        check=_check_generic,
    ),
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
        needs=_needs_addressee,
        proofreading=True,  # Harper's unknown words feed the near misses
    ),
    Rule(
        code="AW107",
        name="honorific-mismatch",
        severity=Severity.WARNING,
        summary="Use the honorific on record, with the family name.",
        rationale=(
            "An honorific that contradicts what the interviewer uses (Mr. for a Dr.), or one "
            "put before a first name ('Dear Ms. Priya'), reads as careless. Use honorific plus "
            "family name, or the first name alone when you were on first-name terms."
        ),
        check=_check_honorific,
        needs=_needs_addressee,
    ),
)
