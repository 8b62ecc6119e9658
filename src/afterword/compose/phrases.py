"""Turn a moment as the user typed it into words that address the interviewer.

A moment may be a noun phrase ("the Friday demo sessions"), a gerund phrase
("migrating to dbt"), a wh-clause ("how she runs retros") or a whole clause ("she
showed me the roadmap"). Third-person references to the interviewer become second
person ("her question about on-call" -> "your question about on-call"), and the
phrase is classified so a sentence frame can be chosen that stays grammatical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Shape = Literal["phrase", "clause"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
_SUBJECT = frozenset({"she", "he", "they"})
_OBJECT = frozenset({"him", "them"})
_POSSESSIVE = frozenset({"his", "their"})
_REFLEXIVE = frozenset({"herself", "himself", "themselves", "themself"})
_STANDALONE_POSSESSIVE = frozenset({"hers", "theirs"})
_CONTRACTIONS = {
    "she's": "you're", "he's": "you're", "they're": "you're", "she'd": "you'd",
    "he'd": "you'd", "they'd": "you'd", "she'll": "you'll", "he'll": "you'll",
    "they'll": "you'll", "they've": "you've",
}
_IRREGULAR = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "goes": "go",
}
# After "her", these words mean "her" was an object ("asked her about"), not a possessive.
_AFTER_OBJECT = frozenset(
    [
        "about", "to", "for", "with", "from", "in", "on", "at", "by", "of", "and", "or", "but",
        "as", "when", "while", "if", "that", "than", "so", "during", "after", "before", "into",
        "over", "through", "up", "down", "out", "off", "again", "too", "also", "later", "i", "me",
        "we", "you", "it", "us"
    ]
)
_LOWER_FIRST = frozenset(
    [
        "the", "a", "an", "her", "his", "their", "its", "your", "my", "our", "this", "that",
        "these", "those", "some", "any", "how", "why", "what", "when", "where", "whether", "which",
        "who", "she", "he", "they", "it", "we", "i", "you", "about", "and", "of", "on", "in",
        "for", "with", "to", "one", "two", "three", "four", "five", "several", "many", "each",
        "every", "all", "both"
    ]
)
_WH = frozenset({"how", "why", "what", "when", "where", "whether", "which", "who"})
_STRIP_LEAD = ("about ", "regarding ", "re: ", "re ", "that ", "- ", "• ", "* ")
_NOT_GERUND = frozenset(
    [
        "thing", "things", "something", "nothing", "anything", "everything", "morning", "evening",
        "building", "meeting", "meetings", "ceiling", "king", "ring", "spring", "string", "wing",
        "sibling", "darling", "during", "offering", "offerings", "painting", "paintings",
        "recording", "recordings", "setting", "settings", "reading", "readings", "finding",
        "findings"
    ]
)


@dataclass(frozen=True)
class Moment:
    """A recorded moment, rephrased to address the interviewer."""

    original: str
    text: str
    shape: Shape

    @property
    def as_topic(self) -> str:
        """The moment as something one can talk 'about' (works for phrases and wh-clauses)."""
        return self.text if self.shape == "phrase" else f"how {self.text}"


def clean(moment: str) -> str:
    """One line, no list markers or final punctuation, lower-cased first word if common."""
    text = " ".join(moment.split()).strip(" \t.;:,!?\"'“”-•*")
    lowered = text.casefold()
    changed = True
    while changed:
        changed = False
        for lead in _STRIP_LEAD:
            if lowered.startswith(lead) and len(text) > len(lead):
                text, lowered = text[len(lead) :].lstrip(), lowered[len(lead) :].lstrip()
                changed = True
    if not any(ch.isalnum() for ch in text):
        return ""
    first = text.split()[0]
    bare = first.strip("'’").casefold()
    if first[:1].isupper() and first[1:].islower() and (
        bare in _LOWER_FIRST or bare in _SUBJECT or _is_gerund(bare)
    ):
        text = first[0].lower() + text[1:]
    return text


def _is_gerund(word: str) -> bool:
    return word.endswith("ing") and len(word) > 4 and word not in _NOT_GERUND


def _second_person_verb(word: str) -> str:
    lowered = word.casefold()
    if lowered in _IRREGULAR:
        return _match_case(_IRREGULAR[lowered], word)
    if re.fullmatch(r"[a-z]+(?:ches|shes|sses|xes|zzes|oes)", lowered):
        return word[:-2]
    if re.fullmatch(r"[a-z]+[^aeiou]ies", lowered):
        return word[:-3] + "y"
    if re.fullmatch(r"[a-z]+[^su's]s", lowered):
        return word[:-1]
    return word


def _match_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _swap(tokens: list[str]) -> tuple[list[str], bool]:
    """Third person -> second person; also says whether a subject pronoun led a clause."""
    out: list[str] = []
    led = False
    for index, token in enumerate(tokens):
        low = token.casefold().replace("’", "'")
        nxt = tokens[index + 1].casefold() if index + 1 < len(tokens) else ""
        if low in _CONTRACTIONS:
            out.append(_match_case(_CONTRACTIONS[low], token))
            led = led or index == 0
        elif low in _SUBJECT:
            out.append(_match_case("you", token))
            led = led or index == 0
            if low != "they" and index + 1 < len(tokens):
                tokens[index + 1] = _second_person_verb(tokens[index + 1])
        elif low == "her":
            possessive = bool(nxt) and nxt not in _AFTER_OBJECT and nxt[:1].isalpha()
            out.append(_match_case("your" if possessive else "you", token))
        elif low in _POSSESSIVE:
            out.append(_match_case("your", token))
        elif low in _OBJECT:
            out.append(_match_case("you", token))
        elif low in _REFLEXIVE:
            out.append(_match_case("yourself", token))
        elif low in _STANDALONE_POSSESSIVE:
            out.append(_match_case("yours", token))
        else:
            out.append(token)
    return out, led


def _join(tokens: list[str], original: str) -> str:
    """Rebuild text from tokens, keeping the original spacing between them."""
    out: list[str] = []
    pos = 0
    matches = list(_TOKEN.finditer(original))
    for match, token in zip(matches, tokens, strict=True):
        out.append(original[pos : match.start()])
        out.append(token)
        pos = match.end()
    out.append(original[pos:])
    return "".join(out)


def rephrase(moment: str) -> Moment | None:
    """The moment addressed to the interviewer, or None when nothing is left of it."""
    text = clean(moment)
    if not text:
        return None
    tokens = [m.group() for m in _TOKEN.finditer(text)]
    swapped, led = _swap(list(tokens))
    result = _join(swapped, text)
    first = tokens[0].casefold() if tokens else ""
    shape: Shape = "clause" if led and first not in _WH else "phrase"
    return Moment(original=moment, text=result, shape=shape)


def topic(moment: Moment) -> str:
    """The moment as an 'about ...' object: 'how you ...' for a clause, else as is."""
    return moment.as_topic
