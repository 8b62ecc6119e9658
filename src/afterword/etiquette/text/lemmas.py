"""Meaning-bearing word stems of a text (Snowball), and whether a note touches a moment."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves one two
    three four five six seven eight nine ten new old last next first second every many much
    really still well way lot thing things bit part kind sort get got make made take took come
    came go went see saw say said tell told know knew think thought want like us let may might
    must shall s t ve ll re d m ago week weeks month months year years day days today yesterday
    tomorrow morning afternoon evening night time times january february march april june july
    august september october november december""".split()
)


GENERIC = frozenset(
    """thank thanks interview interviewing opportunity opportunities position role job team
    company organisation organization conversation discussion discuss talk speak meet meeting
    chat learn learning hear hearing forward excite excited exciting enjoy enjoyed appreciate
    interest interested interesting skill skills experience experiences contribute contribution
    fit culture candidate hire hiring process apply application career goal goals passion
    passionate confident believe sure great good wonderful pleasure glad happy grateful
    insight insights valuable value look looking touch follow update decision decide
    reply response soon further help helpful question questions answer answers share
    sharing mission vision work working""".split()
)


_LOCAL = threading.local()


def _stemmer() -> Any:
    """This thread's Snowball stemmer: a stemmer keeps the word it works on in its own
    fields, so threads sharing one (the web's request threads, a worker's jobs) corrupt
    each other's words ("string index out of range")."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=16384)
def lemma(word: str) -> str:
    """The stem of an English word, the same for its inflections ("Fridays" -> "friday",
    "argued" and "argue" -> "argu"): Snowball, loaded in milliseconds."""
    return str(_stemmer().stemWord(word.casefold()))


@lru_cache(maxsize=1)
def generic_stems() -> frozenset[str]:
    """Stems of the words every thank-you uses (interview, opportunity, team …)."""
    return frozenset(lemma(word) for word in GENERIC)


_PARTS = re.compile(r"[^\W\d_]{3,}")


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """Stems of the non-stop words of a text (cached: moments and names recur)."""
    out: set[str] = set()
    for part in _PARTS.findall(text):
        folded = part.casefold()
        if folded not in STOP:
            stem = lemma(folded)
            if stem not in STOP:
                out.add(stem)
    return frozenset(out)


def content_lemmas(text: str, exclude: frozenset[str] = frozenset()) -> set[str]:
    """Meaning-bearing lemmas of `text`: no stop words, numbers or excluded words."""
    return set(stems(text) - exclude)


@lru_cache(maxsize=1024)
def with_generic(stems: frozenset[str]) -> frozenset[str]:
    return stems | generic_stems()


def moment_matches(moment: str, note_lemmas: set[str], exclude: frozenset[str]) -> bool:
    """Whether a note's lemmas touch a recorded moment (two key words, or its only one)."""
    wanted = content_lemmas(moment, exclude)
    if not wanted:
        return False
    return len(wanted & note_lemmas) >= min(2, len(wanted))

