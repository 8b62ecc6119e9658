"""Names as people type them: honorifics and suffixes parsed out, and accent-blind folding.

Pure functions, shared by every interface: "Dr. Nia Okoye" is the name "Nia Okoye" with
the honorific "Dr."; "James Lee Jr." is "James Lee" with the suffix "Jr."; "Prof. Orla Ní
Bhriain" is given name "Orla", family name "Ní Bhriain" (a family-name particle keeps its
name whole).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ParsedName", "fold", "parse_name"]

# Honorifics as typed (without the dot, folded) → the form afterword stores.
HONORIFICS = {
    "dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Prof.", "mr": "Mr.",
    "mister": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "miss": "Miss", "mx": "Mx.", "sir": "Sir",
    "dame": "Dame", "rev": "Rev.", "reverend": "Rev.", "fr": "Fr.", "hon": "Hon.",
}
SUFFIXES = {
    "jr": "Jr.", "junior": "Jr.", "sr": "Sr.", "senior": "Sr.", "ii": "II", "iii": "III",
    "iv": "IV", "phd": "PhD", "md": "MD", "esq": "Esq.", "cpa": "CPA", "mba": "MBA",
    "dds": "DDS", "rn": "RN", "qc": "QC", "kc": "KC",
}
# Words that start a family name of several words ("Ní Bhriain", "van der Berg", "de la Cruz").
_PARTICLES = frozenset({
    "de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du", "la", "le",
    "van", "von", "ten", "ter", "ní", "nic", "ó", "ua", "mac", "bin", "binti", "bint", "al",
    "el", "st", "st.", "san", "santa", "y",
})

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ParsedName:
    """A typed name, split into what afterword stores."""

    name: str  # without honorific or suffix: "Nia Okoye"
    honorific: str | None = None  # "Dr."
    suffix: str | None = None  # "Jr."
    given_name: str | None = None  # set only where the first-and-last-token rule is wrong
    family_name: str | None = None


def fold(text: str) -> str:
    """`text` for comparison: case-folded, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", bare.replace("’", "'")).strip()


PARTICLES = frozenset(fold(p) for p in _PARTICLES)


def _key(token: str) -> str:
    return fold(token).strip(".,")


def parse_name(text: str) -> ParsedName:
    """Split a typed name into name, honorific and suffix (and a particle family name)."""
    clean = _SPACE.sub(" ", "".join(c if c.isprintable() else " " for c in text)).strip()
    tokens = clean.replace(",", " ").split()
    honorific = suffix = None
    if len(tokens) > 1 and _key(tokens[0]) in HONORIFICS:
        honorific = HONORIFICS[_key(tokens.pop(0))]
    suffixes: list[str] = []
    while len(tokens) > 1 and _key(tokens[-1]) in SUFFIXES and _is_suffix(tokens[-1]):
        suffixes.insert(0, SUFFIXES[_key(tokens.pop())])
    suffix = " ".join(suffixes) or None
    name = " ".join(tokens)
    given = family = None
    particle = next((i for i, t in enumerate(tokens[1:-1], 1) if _key(t) in PARTICLES), None)
    if particle is not None:
        given, family = " ".join(tokens[:particle]), " ".join(tokens[particle:])
    return ParsedName(name, honorific, suffix, given, family)


def _is_suffix(token: str) -> bool:
    """A roman-numeral suffix is upper case ("III"), so "Vi" or "Ii" stay names."""
    bare = token.strip(".,")
    return not re.fullmatch(r"[ivxIVX]+", bare) or bare.isupper()
