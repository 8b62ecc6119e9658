"""How people's names may be written, and how close a written name is to a recorded one.

Conventions (docs/check-contract.md): an explicit `given_name`/`family_name` wins; otherwise the
first token is the given name and the last the family name. Hyphenated and
apostrophised names are one name. Diacritics matter: "Zoe" for "Zoë" is a misspelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from afterword.model import Person

HONORIFICS = {
    "mr": "Mr.", "mister": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "miss": "Miss", "mx": "Mx.",
    "dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Prof.", "rev": "Rev.",
    "reverend": "Rev.", "sir": "Sir", "dame": "Dame", "judge": "Judge", "justice": "Justice",
    "hon": "Hon.", "capt": "Capt.", "captain": "Capt.", "coach": "Coach", "chef": "Chef",
}
_HONORIFIC = re.compile(
    r"(?i)^(?P<h>" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\b\.?\s*"
)
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d",
                          "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th"})
VARIANTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "katherine catherine kathryn katharine kathrine catharine cathryn",
        "jon john", "steven stephen stephan", "sara sarah", "ann anne", "eric erik erich",
        "philip phillip", "geoffrey jeffrey jeffery", "marc mark", "carl karl",
        "alan allan allen", "brian bryan", "sean shaun shawn", "lindsay lindsey",
        "teresa theresa", "rebecca rebekah", "isabel isabelle isobel", "michelle michele",
        "nicolas nicholas nikolas", "mohammed muhammad mohamed mohammad", "hannah hanna",
        "susan suzanne", "elisabeth elizabeth", "matthew mathew", "caitlin kaitlyn katelyn",
        "megan meghan", "ashley ashleigh", "zachary zachery", "deborah debra",
        "anna ana", "christopher kristopher", "kristen kirsten kristin",
        "mackenzie mckenzie mckenzy", "macdonald mcdonald", "mcintosh macintosh",
        "li lee leigh", "smith smyth smithe", "thompson thomson", "peterson petersen",
        "anderson andersen", "nielsen nielson neilson", "johnson jonson", "jensen jenson",
        "aidan aiden", "jacob jakob", "joseph josef", "natalie nathalie", "sophia sofia",
        "zoe zoey", "leah lea", "rachel rachael", "claire clare", "louis lewis",
        "frederick frederic fredrick", "alison allison alyson", "madeline madeleine madelyn",
        "neil neal", "jeff geoff", "greg gregg", "tomas thomas", "kathleen cathleen",
        "jennifer jenifer", "yasmin yasmine", "danial daniel",
        "vicky vicki vikki", "nikki nicky", "debbie debby", "shelley shelly",
        "brittany britney brittney", "kaylee kayleigh kailey", "jasmine jazmine",
        "mikhail michail", "aleksandr alexander aleksander", "sergey sergei",
        "yuri yury", "dmitri dmitry", "olga olha", "mohamad muhammed",
    )
)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Compare-form: NFC, casefolded, without periods or extra spaces; diacritics kept."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace(".", "")
    return " ".join(text.casefold().split())


@lru_cache(maxsize=4096)
def strip_accents(text: str) -> str:
    """The text without diacritics ("Nguyễn" -> "nguyen"), folded."""
    decomposed = unicodedata.normalize("NFKD", fold(text).translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def canonical_honorific(text: str | None) -> str | None:
    """'Doctor' -> 'Dr.', 'professor' -> 'Prof.'; None when not an honorific."""
    if not text:
        return None
    return HONORIFICS.get(fold(text).strip())


def split_honorific(text: str) -> tuple[str | None, int]:
    """(canonical honorific, length of it in `text` including spaces) at the start of text."""
    match = _HONORIFIC.match(text)
    if not match:
        return None, 0
    return HONORIFICS[match.group("h").lower()], match.end()


def honorifics_compatible(used: str, recorded: str) -> bool:
    """Whether the honorific used agrees with the record (a professor may be called Dr.)."""
    return used == recorded or (used == "Dr." and recorded == "Prof.")


def are_variants(a: str, b: str) -> bool:
    """True for two different spellings of the same given name (Kathryn / Katherine)."""
    fa, fb = strip_accents(a), strip_accents(b)
    group = _VARIANT_OF.get(fa)
    return group is not None and fa != fb and fb in group


_VARIANT_OF: dict[str, frozenset[str]] = {name: group for group in VARIANTS for name in group}


@dataclass(frozen=True)
class NameForms:
    """The ways a person's name may correctly be written."""

    full: frozenset[str]
    given: frozenset[str]
    family: frozenset[str]
    tokens: frozenset[str]
    display_given: str
    display_family: str | None
    display_full: str

    @property
    def all(self) -> frozenset[str]:
        """Every accepted form, folded."""
        return self.full | self.given | self.family


@lru_cache(maxsize=1024)
def _forms(name: str, given_name: str | None, family_name: str | None) -> NameForms:
    tokens = name.split()
    if not tokens:
        tokens = [t for t in (given_name, family_name) if t]
    given = given_name or tokens[0]
    family = family_name or (tokens[-1] if len(tokens) > 1 else None)
    given_forms = {given}
    family_forms = {family} if family else set()
    full_forms = {name, f"{given} {family}" if family else given}
    if given_name is None and family_name is None:
        given_forms |= {" ".join(tokens[:i]) for i in range(1, len(tokens))}
        family_forms |= {" ".join(tokens[i:]) for i in range(1, len(tokens))}
        if len(tokens) >= 3:  # could be family-name-first (Nguyễn Thu Trang): accept both
            family_forms.add(tokens[0])
    elif family and given:
        full_forms.add(f"{family} {given}")
    word_tokens = set()
    for form in (*full_forms, *given_forms, *family_forms):
        word_tokens |= {fold(t) for t in re.split(r"[\s\-'’]+", form) if t}
    return NameForms(
        full=frozenset(fold(f) for f in full_forms if f),
        given=frozenset(fold(f) for f in given_forms if f),
        family=frozenset(fold(f) for f in family_forms if f),
        tokens=frozenset(word_tokens),
        display_given=given,
        display_family=family,
        display_full=name or given,
    )


def forms(person: Person) -> NameForms | None:
    """Accepted forms of `person`'s name, or None when no name is recorded."""
    name = person.name or " ".join(t for t in (person.given_name, person.family_name) if t)
    if not name.strip():
        return None
    return _forms(" ".join(name.split()), person.given_name, person.family_name)


def similarity(written: str, recorded: str) -> float:
    """0-100: how alike two names look, ignoring case and accents."""
    return fuzz.ratio(strip_accents(written), strip_accents(recorded))


def closest_form(written: str, person: Person) -> tuple[str, float] | None:
    """The recorded form (display text) nearest to `written`, with its similarity."""
    found = forms(person)
    if found is None:
        return None
    candidates = [found.display_full, found.display_given]
    if found.display_family:
        candidates.append(found.display_family)
    tokens = (person.name or "").split()
    candidates += [" ".join(tokens[i:]) for i in range(1, len(tokens))]
    candidates += [" ".join(tokens[:i]) for i in range(1, len(tokens))]
    best = max(candidates, key=lambda c: (similarity(written, c), len(c)))
    score = similarity(written, best)
    for candidate in candidates:
        if are_variants(written, candidate):
            return candidate, max(score, 90.0)
    return best, score


def greeting_for(person: Person, *, first_name_terms: bool | None = None) -> str:
    """How a draft should greet `person`: honorific + family name, or the given name."""
    found = forms(person)
    if found is None:
        return ""
    use_first = person.first_name_terms if first_name_terms is None else first_name_terms
    honorific = canonical_honorific(person.honorific)
    if use_first or not honorific or not found.display_family:
        if not use_first and found.display_family and honorific is None:
            return found.display_full
        return found.display_given
    return f"{honorific} {found.display_family}"
