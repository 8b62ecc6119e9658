"""Shared pattern pieces and the rule type of the real-word rules (:mod:`.realword`).

Private to :mod:`afterword.etiquette.confusions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# --------------------------------------------------------------------------- helpers


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation; longest first, spaces match any whitespace run."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_APOS = "['’]"
# What may follow an adjective when it is a predicate ("you're free to", "you're free.")
# rather than a modifier ("your free trial"). Coordinators are deliberately absent:
# "your open and honest feedback" is correct.
# A comma ends the clause only before a word that starts one: "If your free, let me know"
# is wrong, "your open, honest feedback" is not.
_CLAUSE_END = (
    r"\s*(?:[.;:!?)…—–]|$|,\s*" + _alt(_words(
        "i i'd i'll i'm i've we we'd we'll let let's please just so then feel no that it "
        "it's there thank thanks as if when which though you you'll maybe perhaps"
    )).replace("'", _APOS) + r"(?![\w'’-]))"
)
_PRED_FOLLOW = (
    r"(?!-)(?=" + _CLAUSE_END + r"|\s+" + _alt(_words(
        "to in with about for that on at from of this next now today tomorrow tonight "
        "again too here there when if because since until after before as enough yet "
        "though while either anymore right"
    )) + r"(?![\w'’-]))"
)

# Predicate adjectives and participles typical of "you are" in a thank-you note.
_PRED = _alt(_words(
    "open interested invited able ready free available busy sure glad happy aware excited "
    "based located supposed allowed expected swamped done finished correct new"
)) + r"|(?:so|very|too|really|always|incredibly|extremely)\s+(?:kind|generous|thoughtful)"
_ADV = _alt(_words(
    "not so very really too also still always all just quite truly probably definitely "
    "clearly absolutely completely totally certainly likely both now currently already"
))
# Gerunds: "I know your going to" is wrong, but "the tour and your coming" is a correct
# possessive gerund, so these take the strict openers.
_ING = r"(?:coming|leaving|traveling|travelling)" + _PRED_FOLLOW
_DOING = r"doing\s+" + _alt(_words("well great fine okay ok good alright better amazing wonderful"))
_GOING = r"going\s+" + _alt(_words("to through with on back out for"))
_LOOKING = r"looking\s+" + _alt(_words("for forward at into to"))
_WORKING = r"working\s+" + _alt(_words("on with at from remotely hard"))
# "you're not" / "they're not" + predicate: "your not" is followed by an adjective or a
# participle, never by a noun it could modify. A gerund after "not" may be a possessive
# ("Your not knowing was fine"), so "-ing" forms only count after a clause opener.
_NOT_ADJ = r"not\s+(?:" + _ADV + r"\s+)?(?:" + _PRED + r"|\w+ed)(?![\w'’-])"
_NOT_ING = r"not\s+(?!being\b)\w+ing(?![\w'’-])"

# Words after which a clause (and so a subject "you're"/"they're") begins.
_OPENERS = _words(
    "if when whenever while since because as that hope know think trust glad and but so "
    "though although unless until once whether believe assume guess understand sure bet "
    "where how why wherever now cause realize realise hear heard see"
)
# The same minus coordinators, for adjectives that are also nouns ("your welcome",
# "your right"): "I enjoyed the tour and your welcome." is correct.
_OPENERS_STRICT = _OPENERS - _words("and but so as or")

_COPULA = _words(
    "is was were are be been being am seem seems seemed feel feels felt not it's that's "
    "i'm you're they're we're he's she's isn't wasn't aren't weren't way"
)
# Prepositions that cannot be followed by a subject "you're"/"they're".
_PREP_STRICT = _words("of with into at from by through during toward towards")

_YOU_NOUNS = _words(
    "time consideration feedback insight insights advice guidance patience hospitality "
    "kindness generosity thoughtfulness attention willingness candor candour perspective "
    "team note input encouragement recommendation openness warmth transparency "
    "convenience email message reply response help support interest offer trust"
)
_YOU_NOUNS_STRICT = _YOU_NOUNS - _words("help support interest offer trust")


@dataclass(frozen=True)
class _Rule:
    """A confusable word (the trigger) and what must surround it for it to be wrong."""

    triggers: tuple[str, ...]  # lowercase, straight apostrophe
    fix: str | Mapping[str, str]  # replacement, or per-trigger replacements
    note: str  # short gloss shown in the message
    after: re.Pattern[str] | None = None  # must match right after the trigger
    prev: frozenset[str] | None = None  # allowed previous word (lowercase)
    clause_start: bool = False  # also allowed at the start of a sentence or clause
    not_prev: frozenset[str] = frozenset()  # forbidden previous word
    before: re.Pattern[str] | None = None  # must match the text just before the trigger


def _after(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _before(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + pattern + r")\s+$", re.IGNORECASE)
