"""Time expressions in a note: what dates it names and what each date is for.

A thank-you note often repeats the employer's timeline ("you mentioned a decision by
June 2") and states the writer's own plan ("so I will check in on June 3"). This module
finds those expressions, resolves them to dates against one or more anchors (typically
the interview date and the send date) and classifies each one:

* ``reply``     the employer's decision or reply date;
* ``follow_up`` the writer's own plan to check in;
* ``past``      the interview or another past event;
* ``other``     anything else.

Pure: no I/O and no clock reads. Conventions worth knowing:

* A month and day without a year takes the year that puts it closest to the first anchor.
* Relative expressions resolve against every anchor; the dates are deduplicated and sorted.
* A span of time resolves to one day, its end where it reads as a deadline: "next week" and
  "end of next week" are the Friday of the following week, "within two weeks" is anchor +
  14 days, "in June" June 30; "early next week" is the Tuesday, "mid-December" the 15th.
* "the following Monday" counts from the date mentioned before it, if there is one.
* "next Tuesday" is the first Tuesday strictly after the anchor; a bare weekday ("by
  Friday") too, unless the clause is about the past, when it is the latest one on or
  before the anchor.
* Vague spans ("soon", "in the near future", "in the coming weeks", "in a few days") and
  ambiguous numeric dates ("3/6") are not mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from afterword.etiquette.timeexpr.parse import _Candidate, _candidates

__all__ = ["Analysis", "TimeMention", "analyse", "find_time_mentions", "find_time_mentions_in",
           "has_timeline"]

ROLES = ("reply", "follow_up", "past", "other")


@dataclass(frozen=True)
class TimeMention:
    """One time expression in a note.

    `start`/`end` are character offsets of `text` in the note; `dates` holds every plausible
    resolution (one for an absolute date, one per distinct anchor for a relative one, none
    when it cannot be resolved); `role` is one of `ROLES`.
    """

    start: int
    end: int
    text: str
    dates: tuple[date, ...]
    relative: bool
    role: str


# ------------------------------------------------------------------------------- roles

# Clause ends: sentence punctuation (not after an abbreviation such as "Dr." or "Feb."),
# semicolons, line breaks, and ", so" / ", but" / ", and I"; " and I" is found separately.
_ABBREVIATIONS = (
    *("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "a.m", "p.m"),
    *("inc", "ltd", "co", "no", "approx", "dept", "u.s", "jan", "feb", "mar", "apr", "jun"),
    *("jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu"),
    *("thurs", "fri"),
)
_NOT_AFTER_ABBREVIATION = "".join(
    rf"(?<!\b{re.escape(a)}\.)" for a in sorted(_ABBREVIATIONS, key=len, reverse=True)
)
_BOUNDARY = re.compile(  # starts with a character class, which `re` scans for quickly
    r"[.!?;\n,](?:"
    rf"(?<=[.!?]){_NOT_AFTER_ABBREVIATION}[.!?]*(?=[\s\"'”’)\]]|\Z)"
    r"|(?<=[;\n])"
    r"|(?<=,)\s*(?:so\b|but\b|and\s+(?=I\b)))",
    re.IGNORECASE,
)
_AND_I = (" and I", " but I")  # "... and I look forward", "... but I will"

_I = (
    r"\bI(?:\s+will|['’]ll|\s+plan\s+to|\s+would\s+like\s+to|['’]d\s+like\s+to|\s+intend\s+to"
    r"|\s+am\s+going\s+to|['’]m\s+going\s+to|\s+may|\s+might|\s+can|\s+hope\s+to|\s+aim\s+to)\b"
)
_FOLLOW_UP = re.compile(
    _I + r"[^.;!?\n]{0,60}?\b(?:check(?:ing)?\s+(?:in|back|on)|follow(?:ing)?[\s-]+up"
    r"|reach(?:ing)?\s+out|touch(?:ing)?\s+base|get(?:ting)?\s+in\s+touch|be\s+in\s+touch"
    r"|contact|circle\s+back|reconnect|call|e-?mail\s+you|write\s+(?:to\s+)?you)\b",
    re.IGNORECASE,
)
_REPLY = re.compile(
    r"\b(?:decid(?:e|es|ed|ing)|decisions?|hear(?:d|ing)?\s+(?:back|from\s+(?:you|the|your))"
    r"|be\s+in\s+touch|get(?:ting)?\s+back|make\s+(?:\w+\s+)?decisions?|reach\s+a\s+decision"
    r"|(?:finish|finished|finishing|complete|completing|conclude|concluding|wrap(?:ping)?\s+up)"
    r"\s+(?:the\s+|your\s+|their\s+|all\s+)?(?:interviews?|interviewing|the\s+process)"
    r"|interviews?\s+(?:will|should)\s+(?:wrap|conclude|finish|end)"
    r"|invitations?|announce\w*|expect(?:s|ed|ing)?\s+to|hope[sd]?\s+to\s+decide"
    r"|let\s+(?:candidates|applicants|everyone|me|us|people|finalists)\s+know"
    r"|notif(?:y|ied|ication)|respond|response|reply|offers?|timeline|shortlist\w*)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:spoke|met|talked|chatted|interviewed|visited|toured|enjoyed|sat\s+down"
    r"|our\s+(?:conversation|interview|meeting|call|chat|discussion)"
    r"|(?:interview|meeting|conversation|call)\s+on|thank\s+you\s+for|thanks\s+for)\b",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|start\s+date|orientation|onboarding|available"
    r"|availability|vacation|out\s+of\s+(?:the\s+)?office|travel(?:ing|ling)?"
    r"|look(?:ing)?\s+forward\s+to\s+(?:meeting|speaking|seeing|talking|chatting|visiting"
    r"|joining|working))\b",
    re.IGNORECASE,
)
# Who said it: makes "by <date>" a reply date when nothing nearer says otherwise.
_SPEAKER = re.compile(
    r"\b(?:you\s+(?:mentioned|said|noted|indicated|shared|explained|told\s+me|expect)"
    r"|the\s+team|your\s+team|the\s+committee|the\s+panel"
    r"|the\s+hiring\s+(?:team|manager|committee))\b",
    re.IGNORECASE,
)
_REPLY_WORDS = (
    *("decide", "decides", "decided", "deciding", "decision", "decisions", "hear", "heard"),
    *("hearing", "be", "get", "getting", "make", "reach", "finish", "finished", "finishing"),
    *("complete", "completing", "conclude", "concluding", "wrap", "wrapping", "interview"),
    *("interviews", "invitation", "invitations", "expect", "expects", "expected", "expecting"),
    *("hope", "hopes", "hoped", "let", "notify", "notified", "notification", "respond"),
    *("response", "reply", "offer", "offers", "timeline", "announce", "announces"),
    *("announced", "announcing", "announcement", "announcements", "shortlist", "shortlists"),
    *("shortlisted", "shortlisting"),
)
_PAST_WORDS = (
    *("spoke", "met", "talked", "chatted", "interviewed", "visited", "toured", "enjoyed", "sat"),
    *("our", "interview", "meeting", "conversation", "call", "thank", "thanks"),
)
_OTHER_WORDS = (
    *("start", "starts", "starting", "begin", "begins", "beginning", "orientation", "onboarding"),
    *("available", "availability", "vacation", "out", "travel", "traveling", "travelling"),
    *("look", "looking"),
)


def _cue_dispatch() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """word -> (role, pattern) cues that can begin at a word like it."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for role, pattern, words in (
        ("follow_up", _FOLLOW_UP, ("i",)),
        ("reply", _REPLY, _REPLY_WORDS),
        ("past", _PAST, _PAST_WORDS),
        ("other", _OTHER, _OTHER_WORDS),
        ("speaker", _SPEAKER, ("you", "the", "your")),
    ):
        for word in words:
            table.setdefault(word, []).append((role, pattern))
    return {word: tuple(cues) for word, cues in table.items()}


_CUE_STARTS = _cue_dispatch()
_PRIORITY = {"follow_up": 0, "reply": 1, "past": 2, "other": 3}
_RIGHT_PENALTY = 12  # a cue after the mention counts as this much further away
_BLOCK_PENALTY = 40  # ... and one with another mention in between, this much further


# ------------------------------------------------------------------------- clauses

_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9]+)")


def _tokens(text: str) -> tuple[list[int], list[str]]:
    """Start offsets and lower-cased text of every ASCII word or digit run."""
    if text.isascii():  # lower() keeps every offset
        parts = _TOKEN_SPLIT.split(text.lower())  # [gap, word, gap, word, ..., gap]
        words = parts[1::2]
    else:
        parts = _TOKEN_SPLIT.split(text)
        words = "\0".join(parts[1::2]).lower().split("\0") if len(parts) > 1 else []
    ends = list(accumulate(map(len, parts)))
    return ends[0:-1:2], words


def _boundaries(text: str) -> list[int]:
    """Offsets where a clause begins (after the first one), sorted."""
    cuts = [b.end() for b in _BOUNDARY.finditer(text)]
    n = len(text)
    for joiner in _AND_I:
        pos = text.find(joiner)
        while pos >= 0:
            after = pos + len(joiner)
            if after == n or not text[after].isalnum():
                cuts.append(after - 1)
            pos = text.find(joiner, after)
    cuts.sort()
    return cuts


def _cues(
    text: str, starts: list[int], words: list[str], lo: int, hi: int
) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for i in range(bisect_left(starts, lo), bisect_left(starts, hi)):
        word = words[i]
        cues = _CUE_STARTS.get(word)
        if cues is None:
            continue
        pos = starts[i]
        for role, pattern in cues:
            c = pattern.match(text, pos, hi)
            if c is not None:
                found.append((pos, c.end(), role))
    return found


def _classify(
    text: str,
    tokens: tuple[list[int], list[str]],
    cands: list[_Candidate],
    clause_starts: list[int],
) -> list[str]:
    starts, words = tokens
    mention_starts = [c.start for c in cands]
    cue_cache: dict[int, list[tuple[int, int, str]]] = {}
    roles: list[str] = []
    for cand in cands:
        if cand.forced_role is not None:
            roles.append(cand.forced_role)
            continue
        ci = bisect_right(clause_starts, cand.start)
        clause_cues = cue_cache.get(ci)
        if clause_cues is None:
            lo = clause_starts[ci - 1] if ci > 0 else 0
            hi = clause_starts[ci] if ci < len(clause_starts) else len(text)
            clause_cues = cue_cache[ci] = _cues(text, starts, words, lo, hi)
        best: tuple[int, int, str] | None = None
        for cs, ce, cue_role in clause_cues:
            if cs >= cand.start and ce <= cand.end:
                continue  # the cue word is part of the mention ("start of next week")
            role = cue_role
            if role == "speaker":
                if not cand.deadline_form:
                    continue
                role = "reply"
            if ce <= cand.start:
                gap, lo, hi = cand.start - ce, ce, cand.start
            elif cs >= cand.end:
                gap, lo, hi = cs - cand.end + _RIGHT_PENALTY, cand.end, cs
            else:
                gap, lo, hi = 0, 0, 0
            if hi > lo and any(lo <= s < hi for s in mention_starts):
                gap += _BLOCK_PENALTY
            key = (gap, _PRIORITY[role], role)
            if best is None or key < best:
                best = key
        roles.append("other" if best is None else best[2])
    return roles


# ---------------------------------------------------------------------------- public


def _analyse(text: str) -> tuple[list[_Candidate], list[str]]:
    tokens = _tokens(text)
    cands = _candidates(text, tokens)
    if not cands:
        return [], []
    clause_starts = _boundaries(text)
    return cands, _classify(text, tokens, cands, clause_starts)


def _resolve(cand: _Candidate, role: str, anchors: Iterable[date]) -> tuple[date, ...]:
    if cand.resolve is None:
        return () if cand.fixed is None else (cand.fixed,)
    out: set[date] = set()
    for a in anchors:
        try:
            d = cand.resolve(a, role)
        except (OverflowError, ValueError):
            d = None  # an anchor at the edge of the calendar
        if d is not None:
            out.add(d)
    return tuple(sorted(out))


def find_time_mentions(text: str, anchors: tuple[date, ...]) -> list[TimeMention]:
    """Dates and timeframes in `text`, resolved against each anchor.

    The anchors are typically the interview date and the send date; the first one decides
    the year of a month and day written without one.
    """
    return find_time_mentions_in([(0, text)], anchors)


Analysis = tuple[tuple[_Candidate, ...], tuple[str, ...]]


def analyse(text: str) -> Analysis:
    """The time expressions of one paragraph with their roles, before any date is resolved
    (the costly part, the same for the same text)."""
    cands, roles = _analyse(text)
    return tuple(cands), tuple(roles)


def find_time_mentions_in(
    pieces: Iterable[tuple[int, str]],
    anchors: tuple[date, ...],
    analysed: Callable[[str], Analysis] = analyse,
) -> list[TimeMention]:
    """Dates and timeframes in a text given as (offset, paragraph) pieces, each analysed on
    its own by `analysed` (a caller may keep its results per paragraph); offsets in the
    mentions are the pieces' offsets plus the place in the piece. "The following Monday"
    counts from the date mentioned before it, in this piece or an earlier one."""
    mentions: list[TimeMention] = []
    previous: tuple[date, ...] = ()  # dates of the latest mention that has any
    for offset, text in pieces:
        cands, roles = analysed(text)
        for c, role in zip(cands, roles, strict=True):
            if c.chained and previous:
                dates = _resolve(c, role, previous)
            else:
                dates = _resolve(c, role, anchors[:1] if c.first_only else anchors)
            if dates:
                previous = dates
            mentions.append(TimeMention(
                start=offset + c.start, end=offset + c.end, text=text[c.start : c.end],
                dates=dates, relative=c.relative, role=role,
            ))
    return mentions

def has_timeline(text: str) -> bool:
    """True when the text says when a reply is expected or when the writer will follow up.

    The time must be concrete ("by June 2", "within two weeks", "next Tuesday", "I will
    check in on Monday"). False for vague ones ("I hope to hear from you soon", "in the near
    future") and for past references only.
    """
    return any(role in ("reply", "follow_up") for role in _analyse(text)[1])
