"""A moment as the user typed it, made ready for a sentence frame.

People type moments as noun phrases ("the Friday demo sessions"), gerunds ("migrating
to dbt"), questions ("How do they handle on-call?"), whole sentences ("She showed me the
roadmap."), verb-first fragments ("showed me the roadmap") and pronoun-bearing fragments
("her team's Friday demos"). `weave` sorts them into the slots a frame can use:

* `about` — a phrase that reads after "about" ("how you handle on-call");
* `thing` — a noun phrase that reads as an object ("your question about X"), used
  where "about" would double up ("about your question about");
* `clause` with `past` — a whole clause ("you showed me the roadmap").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from afterword.compose.phrases import clean, rephrase

_WH = ("how", "why", "what", "when", "where", "whether", "which", "who")
_DO = {"do", "does", "did"}
_BE = {"is", "are", "was", "were"}
_MODAL = {"can", "could", "will", "would", "should", "might", "may", "must", "has", "have",
          "had"}
_PRONOUN_SUBJECT = {"i", "you", "we", "they", "she", "he", "it", "there"}
_IRREGULAR_PAST = {
    "be": "was", "have": "had", "do": "did", "go": "went", "get": "got", "make": "made",
    "think": "thought", "see": "saw", "come": "came", "take": "took", "give": "gave",
    "find": "found", "know": "knew", "run": "ran", "begin": "began", "choose": "chose",
    "build": "built", "lead": "led", "feel": "felt", "keep": "kept", "hold": "held",
    "bring": "brought", "buy": "bought", "teach": "taught", "learn": "learned",
    "win": "won", "write": "wrote", "grow": "grew", "say": "said", "tell": "told",
    "spend": "spent", "meet": "met", "set": "set", "put": "put", "cut": "cut",
}
_PAST_VERBS = frozenset({
    "showed", "asked", "told", "explained", "walked", "mentioned", "described", "shared",
    "gave", "offered", "introduced", "talked", "discussed", "suggested", "recommended",
    "pointed", "said", "spoke", "took", "invited", "answered", "drew", "sketched", "joked",
    "admitted", "noted", "stressed", "emphasised", "emphasized", "laughed", "agreed",
    "brought", "raised", "covered", "went", "demoed", "presented", "argued", "led", "ran",
    "got", "had", "made", "were", "was", "did", "learned", "learnt", "spent", "built",
})
_TALK = re.compile(
    r"^(?:(?:i|we|you)\s+)?(?:talked|spoke|chatted|asked(?:\s+you)?|discussed|covered|"
    r"went\s+over|got\s+into)\s+(?:about\s+|on\s+)?(?P<rest>.+)$", re.IGNORECASE)
_ABOUT_HEAD = re.compile(
    r"^(?:(?:your|the|my|our|a|an)\s+)?(?:[\w'-]+\s+){0,2}?(?:question|questions|story|"
    r"stories|point|points|advice|comment|comments|remark|thoughts|talk|discussion|chat|"
    r"joke|anecdote|answer|explanation|tip|tips)\s+(?:about|on|regarding)\b", re.IGNORECASE)
_PREPOSITIONS = {"of", "for", "on", "to", "at", "in", "with", "from", "behind", "across"}
_DETERMINERS = {
    "the", "a", "an", "your", "my", "our", "their", "his", "her", "its", "this", "that",
    "these", "those", "some", "any", "each", "every", "all", "both", "one", "two", "three",
    "four", "five", "several", "many", "how", "why", "what", "when", "where", "whether",
    "which", "who", "no", "more", "most", "other", "another", "such", "next", "last",
}


@dataclass(frozen=True)
class Woven:
    """A moment ready for frames: at least one of `about`, `thing`, `clause` is set."""

    original: str
    about: str | None = None
    thing: str | None = None
    clause: str | None = None
    past: bool = True

    @property
    def mention(self) -> str:
        """Something that always reads after 'about' or 'on': used by check-ins and panels
        ('your question about on-call' gives 'on-call', never 'about your question about')."""
        if self.about:
            return self.about
        if self.thing:
            head = _ABOUT_HEAD.match(self.thing)
            return self.thing[head.end():].strip() if head else self.thing
        return f"the moment {self.clause}" if self.past else f"how {self.clause}"

    @property
    def open_ended(self) -> bool:
        """An about-phrase that is itself a clause ('what the challenge is'): frames put it
        last, since a verb right after it misreads ('what the challenge is gave me')."""
        return self.about is not None and self.about.split()[0].casefold() in (*_WH, "whether")


def weave(typed: str, *, addressed: bool = True) -> Woven | None:
    """The moment sorted into frame slots; `addressed` turns she/he/they into you."""
    text = clean(typed)
    if not text:
        return None
    question = typed.strip().endswith("?") or text.split()[0].casefold() in _DO | _BE | _MODAL
    if question:
        text = indirect(text)
    talk = _TALK.match(text)
    if talk and not talk.group("rest").casefold().startswith(("me ", "me,")):
        text = clean(talk.group("rest"))
    elif text.split()[0].casefold() in _PAST_VERBS and text[:1].islower():
        text = ("you " if addressed else "they ") + text
    spoken = rephrase(text) if addressed else None
    body = spoken.text if spoken else text
    if _clause_led(body) or _finite(body):
        return Woven(typed, clause=body, past=_is_past(body))
    if _ABOUT_HEAD.match(body):
        return Woven(typed, thing=body)
    return Woven(typed, about=_articled(body))


def _clause_led(text: str) -> bool:
    first = text.split()[0].casefold().replace("’", "'")
    return first in {"she", "he", "they", "we", "i", "you", "she's", "he's", "they're",
                     "you're", "we're", "i'm", "there's", "it's"}


def _finite(text: str) -> bool:
    """A noun phrase followed by a verb ('the team is growing'): a clause, not a topic."""
    words = [w.casefold() for w in text.split()[:6]]
    if words[0] in _WH or words[0].endswith("ing"):
        return False
    return any(w in _BE | _MODAL | _DO for w in words[1:])


def _is_past(clause: str) -> bool:
    words = [w.casefold().strip(",;") for w in clause.split()[:4]]
    return any(w in _PAST_VERBS or (w.endswith("ed") and len(w) > 4) for w in words[1:])


def _articled(phrase: str) -> str:
    """'the roadmap for next year' for a bare 'roadmap for next year'."""
    words = phrase.split()
    first = words[0]
    if (len(words) < 2 or not first.islower() or first in _DETERMINERS or first.endswith(
            ("ing", "s", "'s", "’s")) or words[1] not in _PREPOSITIONS):
        return phrase
    return f"the {phrase}"


def indirect(question: str) -> str:
    """A direct question as an indirect one: 'how do they run retros' -> 'how they run
    retros'; 'is remote work possible' -> 'whether remote work is possible'."""
    words = question.rstrip("?").split()
    lead = words[0].casefold()
    if lead in _WH:
        wh, rest = words[0].lower(), words[1:]
    else:
        wh, rest = "whether", words
    if not rest:
        return question.rstrip("?")
    aux, tail = rest[0].casefold(), rest[1:]
    if aux not in _DO | _BE | _MODAL or not tail:
        return " ".join([wh, *rest]) if wh != "whether" else question.rstrip("?")
    subject, after = _subject(tail)
    if aux in _DO:
        return " ".join([wh, *subject, *_inflect(after, aux, subject)])
    if aux in _BE:
        at = _be_position(after, yes_no=wh == "whether",
                          pronoun=subject[0].casefold() in _PRONOUN_SUBJECT)
        return " ".join([wh, *subject, *after[:at], aux, *after[at:]]).strip()
    return " ".join([wh, *subject, aux, *after])


def _be_position(after: list[str], *, yes_no: bool, pronoun: bool = False) -> int:
    """Where 'is' goes back: before a participle, else at the end ('what the problem is'),
    or for a yes/no question before the complement ('whether remote work is possible')."""
    if pronoun:
        return 0
    for i, word in enumerate(after):
        if word.endswith(("ed", "ing", "en")) and len(word) > 3:
            return i
    if not yes_no or not after:
        return len(after)
    for i, word in enumerate(after):
        if word.casefold() in {"a", "an", "the", "still", "open", "available"}:
            return i
    return len(after) - 1


def _subject(tail: list[str]) -> tuple[list[str], list[str]]:
    if tail[0].casefold() in _PRONOUN_SUBJECT or tail[0][:1].isupper() or len(tail) < 2:
        return tail[:1], tail[1:]
    if tail[0].casefold() in _DETERMINERS and len(tail) > 2 and tail[1].endswith(("'s", "’s")):
        return tail[:3], tail[3:]
    if tail[0].casefold() in _DETERMINERS:
        return tail[:2], tail[2:]
    return tail[:1], tail[1:]


def _inflect(after: list[str], aux: str, subject: list[str]) -> list[str]:
    if not after:
        return after
    verb = after[0]
    if aux == "did":
        past = _IRREGULAR_PAST.get(verb.casefold())
        verb = past or (verb + "d" if verb.endswith("e") else verb + "ed")
    elif aux == "does" or (aux == "do" and subject[-1].casefold() in {"she", "he", "it"}):
        verb = _third_person(verb)
    return [verb, *after[1:]]


def _third_person(verb: str) -> str:
    low = verb.casefold()
    if low == "have":
        return "has"
    if low.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
