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
from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

__all__ = ["TimeMention", "find_time_mentions", "has_timeline"]

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


# --------------------------------------------------------------------------- vocabulary

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip

# "May" is a month only when capitalised ("I may follow up" is not a date).
_MONTH_FULL = (
    r"(?:january|february|march|april|(?-i:May)|june|july|august|september|october"
    r"|november|december)"
)
_MONTH = rf"(?:{_MONTH_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?=\b\.?\s))"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fourteen|fifteen|twenty|thirty)"
)
_DAY_END = r"(?:st|nd|rd|th)?\b(?![:/.,]?\d)"
_YEAR = r"(?:,?\s+(?P<{0}>\d{{4}})\b(?![/:-]\d))?"
_WD_PAREN = rf"(?:\s*\(\s*{_WEEKDAY}\s*\))?"

# Each kind of expression, tried in this order at the start of a word. The group named
# after the kind is the mention's text (prefix words outside it are context only).
_ALTERNATIVES: dict[str, str] = {
    # 2026-03-06
    "iso": r"(?P<iso>(?<![\w/.-])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\w/-]))",
    # Monday, February 2 / April 24, 2026 / March 27th / Feb. 2
    "md": (
        rf"(?P<md>(?:(?:(?:next|this|coming)\s+)?(?P<md_wd>{_WEEKDAY}),?\s+(?:the\s+)?)?"
        rf"(?P<md_mon>{_MONTH})\b\.?\s+(?:the\s+)?(?P<md_day>\d{{1,2}}){_DAY_END}"
        + _YEAR.format("md_year")
        + rf"{_WD_PAREN})"
    ),
    # 2 June / 27 March / the 2nd of June / Monday, 2 June 2026
    "dm": (
        rf"(?P<dm>(?:(?P<dm_wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d/.:,-])(?P<dm_day>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_mon>{_MONTH})\b\.?" + _YEAR.format("dm_year") + ")"
    ),
    # within two weeks / in 10 days / in the next week / within a week or two
    "dur": (
        r"(?P<dur>(?:within|in|over|during|after)\s+(?:the\s+(?P<dur_next>next|coming)\s+)?"
        rf"(?:(?P<dur_n1>{_NUM})(?:\s*(?:or|to|-)\s*(?P<dur_n2>{_NUM}))?\s+)?"
        r"(?P<dur_bd>(?:business|working)\s+)?(?P<dur_unit>day|week|month)(?P<dur_pl>s)?"
        rf"(?:\s+or\s+(?P<dur_n3>{_NUM}|so)\b)?(?![\w-]))"
    ),
    # a week from today / two weeks ago
    "fn": (
        rf"(?P<fn>(?P<fn_n>{_NUM})\s+(?P<fn_bd>(?:business|working)\s+)?"
        r"(?P<fn_unit>day|week|month)s?\s+(?:from\s+(?P<fn_base>today|now|tomorrow)|(?P<fn_ago>ago))\b)"
    ),
    # end of next week / the end of the month / end of June / beginning of next week
    "eo": (
        r"(?P<eo>(?P<eo_q>end|close|beginning|start)\s+of\s+(?:(?P<eo_rel>the|this|next)\s+)?"
        rf"(?:(?P<eo_unit>week|month|year|day|business(?:\s+day)?)|(?P<eo_mon>{_MONTH_FULL}))\b)"
    ),
    # early next week / mid-December / later this week / the middle of next month
    "pt": (
        r"(?P<pt>(?P<pt_q>early|mid|late|later|middle\s+of)[-\s]+(?:(?P<pt_rel>this|next)[-\s]+"
        rf"(?P<pt_unit>week|month)|(?P<pt_mon>{_MONTH_FULL}))\b)"
    ),
    # next Tuesday / on Monday / last Friday / Tuesday of next week
    "wd": (
        r"(?P<wd>(?:(?P<wd_rel>next|this\s+coming|this\s+past|this|coming|last|past"
        r"|(?:the\s+)?following)\s+)?"
        rf"(?P<wd_day>{_WEEKDAY})\b"
        r"(?:\s+(?P<wd_after>after\s+next|(?:of\s+)?next\s+week|(?:of\s+)?this\s+week)\b)?"
        r"(?:\s+(?:morning|afternoon|evening)\b)?)"
    ),
    # in June / in December 2026
    "mo": rf"(?P<mo>(?<=\bin\s)(?P<mo_mon>{_MONTH_FULL})\b(?:\s+(?P<mo_year>\d{{4}})\b)?)",
    # yesterday / this morning / next week / last spring ...
    "rw": (
        r"(?P<rw>the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight"
        r"|this\s+(?:morning|afternoon|evening|past\s+week)"
        r"|earlier\s+(?:today|this\s+(?:week|month))"
        r"|(?:next|this|last)\s+(?:week(?:end)?|month)|the\s+following\s+week"
        r"|last\s+(?:year|spring|summer|fall|autumn|winter|semester|quarter|term))\b"
    ),
    # by the 15th
    "ord": (
        r"(?P<ord>(?:(?<=\bby\s)|(?<=\bon\s)|(?<=before\s)|(?<=until\s)|(?<=after\s))"
        r"the\s+(?P<ord_day>\d{1,2})(?:st|nd|rd|th)\b)"
    ),
}
_PATTERNS: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"\b" + pattern, re.IGNORECASE) for kind, pattern in _ALTERNATIVES.items()
}
_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9]+)")


def _dispatch(
    groups: Iterable[tuple[tuple[str, ...], Iterable[str]]],
) -> dict[str, tuple[str, ...]]:
    """word -> kinds worth trying at a word like it, in `_ALTERNATIVES` order."""
    kinds_by_word: dict[str, set[str]] = {}
    for kinds, words in groups:
        for word in words:
            kinds_by_word.setdefault(word, set()).update(kinds)
    return {
        word: tuple(k for k in _ALTERNATIVES if k in kinds) for word, kinds in kinds_by_word.items()
    }


# Only words that can begin an expression are tried: far cheaper than one big alternation.
_STARTS = _dispatch(
    (
        (("iso", "dm", "fn"), ("#",)),
        (("md", "mo"), _MONTHS),
        (("md", "dm", "wd"), _WEEKDAYS),
        (("md", "wd", "rw"), ("next", "this", "coming")),
        (("wd", "rw"), ("last", "past")),
        (("dm", "wd", "rw", "ord"), ("the",)),
        (("wd",), ("following",)),
        (("dur",), ("within", "in", "over", "during", "after")),
        (("fn",), _NUMBERS),
        (("eo",), ("end", "close", "beginning", "start")),
        (("pt",), ("early", "mid", "late", "later", "middle")),
        (("rw",), ("yesterday", "today", "tomorrow", "tonight", "earlier")),
    )
)
_DIGIT_KINDS = _STARTS["#"]
# Common words that start an expression only when the next word could continue one:
# "the 2nd of June", "in two weeks", "a week from today", "end of next week".
_WEAK_STARTS = frozenset(_STARTS) - frozenset(_MONTHS) - frozenset(_WEEKDAYS) - {
    "#", "yesterday", "today", "tomorrow", "tonight", "earlier",
}  # fmt: skip
_FOLLOWERS = frozenset(
    (
        *_MONTHS, *_WEEKDAYS, *_NUMBERS,
        *("day", "days", "week", "weeks", "month", "months", "year", "weekend"),
        *("business", "working", "of", "the", "next", "this", "coming", "past", "following"),
        *("morning", "afternoon", "evening"),
        *("spring", "summer", "fall", "autumn", "winter", "semester", "quarter", "term"),
    )
)  # fmt: skip

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
_DEADLINE_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\bno\s+later\s+than|\baround)\s+(?:the\s+)?$", re.IGNORECASE
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

_Resolver = Callable[[date, str], date | None]  # (anchor, role) -> date


@dataclass
class _Candidate:
    start: int
    end: int
    relative: bool
    forced_role: str | None
    deadline_form: bool
    resolve: _Resolver | None  # per anchor
    first_only: bool = False  # resolve against the first anchor only (year inference)
    fixed: date | None = None
    chained: bool = False  # "the following Monday": after the previous date in the text


# ---------------------------------------------------------------------------- helpers


def _num(word: str | None, default: int = 1) -> int:
    if word is None:
        return default
    w = word.lower()
    return int(w) if w.isdecimal() else _NUMBERS.get(w, default)


def _month_num(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def _add_months(a: date, n: int) -> date:
    idx = a.year * 12 + a.month - 1 + n
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(a.day, monthrange(y, m + 1)[1]))


def _monday(a: date) -> date:
    return a - timedelta(days=a.weekday())


def _friday_this_week(a: date) -> date:
    f = _monday(a) + timedelta(days=4)
    return f if f >= a else f + timedelta(days=7)


def _weekday_after(a: date, wd: int, *, inclusive: bool) -> date:
    delta = (wd - a.weekday()) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return a + timedelta(days=delta)


def _weekday_before(a: date, wd: int, *, inclusive: bool) -> date:
    delta = (a.weekday() - wd) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return a - timedelta(days=delta)


def _add_weekdays(a: date, n: int) -> date:
    d = a
    step = timedelta(days=1 if n >= 0 else -1)
    for _ in range(abs(n)):
        d += step
        while d.weekday() >= 5:
            d += step
    return d


def _closest_year(anchor: date, month: int, day: int) -> date | None:
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if not 1 <= y <= 9999:
            continue
        d = _safe_date(y, month, day)
        if d is None:
            continue
        if best is None or abs((d - anchor).days) <= abs((best - anchor).days):
            best = d
    return best


def _month_part(month: int, q: str) -> Callable[[int], date]:
    """The day within `month` of year y that stands for `q` (early/mid/late/end/start)."""

    def at(y: int) -> date:
        if q in ("end", "close", "late", "later", ""):
            return _last_day(y, month)
        if q in ("beginning", "start"):
            return date(y, month, 1)
        if q == "early":
            return date(y, month, 10)
        return date(y, month, 15)

    return at


def _closest_month_part(anchor: date, at: Callable[[int], date]) -> date | None:
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if not 1 <= y <= 9999:
            continue
        d = at(y)
        if best is None or abs((d - anchor).days) <= abs((best - anchor).days):
            best = d
    return best


# ------------------------------------------------------------------------ candidates


def _candidate(kind: str, m: re.Match[str]) -> _Candidate | None:
    g = m.group
    start, end = m.span(kind)

    def make(
        resolve: _Resolver | None,
        *,
        relative: bool = True,
        forced: str | None = None,
        first_only: bool = False,
        fixed: date | None = None,
    ) -> _Candidate:
        return _Candidate(start, end, relative, forced, False, resolve, first_only, fixed)

    if kind == "iso":
        return make(
            None,
            relative=False,
            fixed=_safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))),
        )

    if kind in ("md", "dm"):
        month = _month_num(g(f"{kind}_mon"))
        day = int(g(f"{kind}_day"))
        if not 1 <= day <= 31:
            return None
        year = g(f"{kind}_year")
        if year is not None:
            return make(None, relative=False, fixed=_safe_date(int(year), month, day))
        return make(lambda a, _r: _closest_year(a, month, day), relative=False, first_only=True)

    if kind == "dur":
        if g("dur_n1") is None and (g("dur_next") is None or g("dur_pl")):
            return None  # "in the coming weeks", "in days": vague
        n = max(_num(g("dur_n1")), _num(g("dur_n2"), 0), _num(g("dur_n3"), 0))
        return make(_span(n, g("dur_unit").lower(), business=g("dur_bd") is not None))

    if kind == "fn":
        n = _num(g("fn_n"))
        if g("fn_ago") is not None:
            n = -n
        offset = 1 if (g("fn_base") or "").lower() == "tomorrow" else 0
        span = _span(n, g("fn_unit").lower(), business=g("fn_bd") is not None)
        return make(
            lambda a, r: span(a + timedelta(days=offset), r),
            forced="past" if n < 0 else None,
        )

    if kind == "eo":
        q = g("eo_q").lower()
        if g("eo_mon") is not None:
            at = _month_part(_month_num(g("eo_mon")), q)
            return make(lambda a, _r: _closest_month_part(a, at), relative=False, first_only=True)
        unit = g("eo_unit").lower()
        rel = (g("eo_rel") or "the").lower()
        return make(_period(q, rel, unit))

    if kind == "pt":
        q = " ".join(g("pt_q").lower().split())
        q = "mid" if q == "middle of" else q
        if g("pt_mon") is not None:
            at = _month_part(_month_num(g("pt_mon")), q)
            return make(lambda a, _r: _closest_month_part(a, at), relative=False, first_only=True)
        return make(_period(q, g("pt_rel").lower(), g("pt_unit").lower()))

    if kind == "wd":
        return _weekday_candidate(m, start, end)

    if kind == "mo":
        at = _month_part(_month_num(g("mo_mon")), "")
        if g("mo_year") is not None:
            year = int(g("mo_year"))
            return make(None, relative=False, fixed=at(year) if 1 <= year <= 9999 else None)
        return make(lambda a, _r: _closest_month_part(a, at), relative=False, first_only=True)

    if kind == "rw":
        return _relative_word(" ".join(g("rw").lower().split()), make)

    if kind == "ord":
        day = int(g("ord_day"))
        if not 1 <= day <= 31:
            return None
        return make(lambda a, r: _nth_of_month(a, day, past=r == "past"))
    return None


def _span(n: int, unit: str, *, business: bool) -> _Resolver:
    def resolve(a: date, _r: str) -> date:
        if unit == "day":
            return _add_weekdays(a, n) if business else a + timedelta(days=n)
        if unit == "week":
            return a + timedelta(days=7 * n)
        return _add_months(a, n)

    return resolve


def _period(q: str, rel: str, unit: str) -> _Resolver:
    """early/mid/late/end/start of this/next week/month/year (or of the day)."""
    nxt = rel == "next"

    def resolve(a: date, _r: str) -> date | None:
        if unit in ("day", "business", "business day"):
            return a + timedelta(days=1) if nxt else a
        if unit == "week":
            monday = _monday(a) + timedelta(days=7 if nxt else 0)
            if q in ("beginning", "start"):
                return monday
            if q == "early":
                return monday + timedelta(days=1)
            if q == "mid":
                return monday + timedelta(days=2)
            return monday + timedelta(days=4) if nxt else _friday_this_week(a)
        if unit == "month":
            first = _add_months(a.replace(day=1), 1 if nxt else 0)
            return _month_part(first.month, q)(first.year)
        # year
        y = a.year + (1 if nxt else 0)
        return date(y, 1, 1) if q in ("beginning", "start") else date(y, 12, 31)

    return resolve


def _weekday_candidate(m: re.Match[str], start: int, end: int) -> _Candidate:
    wd = _WEEKDAYS[m.group("wd_day").lower()]
    rel = " ".join((m.group("wd_rel") or "").lower().split())
    after = " ".join((m.group("wd_after") or "").lower().split())
    forced: str | None = None
    resolve: _Resolver
    if after == "after next":

        def resolve(a: date, _r: str) -> date:
            return _weekday_after(a, wd, inclusive=False) + timedelta(days=7)

    elif after:
        weeks = 7 if "next" in after else 0

        def resolve(a: date, _r: str) -> date:
            return _monday(a) + timedelta(days=weeks + wd)

    elif rel in ("last", "past", "this past"):
        forced = "past"

        def resolve(a: date, _r: str) -> date:
            return _weekday_before(a, wd, inclusive=False)

    elif rel in ("this", "coming", "this coming"):

        def resolve(a: date, r: str) -> date:
            if r == "past":
                return _weekday_before(a, wd, inclusive=True)
            return _weekday_after(a, wd, inclusive=True)

    elif rel in ("next", "following", "the following"):

        def resolve(a: date, _r: str) -> date:
            return _weekday_after(a, wd, inclusive=False)

    else:

        def resolve(a: date, r: str) -> date:
            if r == "past":
                return _weekday_before(a, wd, inclusive=True)
            return _weekday_after(a, wd, inclusive=False)

    chained = rel in ("following", "the following")
    return _Candidate(start, end, True, forced, False, resolve, chained=chained)


def _relative_word(w: str, make: Callable[..., _Candidate]) -> _Candidate | None:
    days = {"today": 0, "tonight": 0, "tomorrow": 1, "the day after tomorrow": 2}
    if w in days:
        n = days[w]
        return make(lambda a, _r: a + timedelta(days=n))
    if w == "yesterday":
        return make(lambda a, _r: a - timedelta(days=1), forced="past")
    if w in ("this morning", "this afternoon", "this evening", "earlier today"):
        return make(lambda a, _r: a, forced="past")
    if w in ("earlier this week", "this past week"):
        return make(lambda a, _r: _monday(a), forced="past")
    if w == "earlier this month":
        return make(lambda a, _r: a.replace(day=1), forced="past")
    if w == "last week":
        return make(lambda a, _r: _monday(a) - timedelta(days=7), forced="past")
    if w == "last month":
        return make(lambda a, _r: _add_months(a.replace(day=1), -1), forced="past")
    if w.startswith("last "):
        return make(None, forced="past")  # last year / last spring: no single day
    if w in ("this week", "next week"):
        return make(_period("end", w.split()[0], "week"))
    if w == "the following week":
        cand = make(_period("end", "next", "week"))
        cand.chained = True
        return cand
    if w in ("this month", "next month"):
        return make(_period("end", w.split()[0], "month"))
    if w == "this weekend":
        return make(lambda a, _r: a if a.weekday() == 6 else _weekday_after(a, 5, inclusive=True))
    if w == "next weekend":
        return make(lambda a, _r: _monday(a) + timedelta(days=12))
    return None


def _nth_of_month(a: date, day: int, *, past: bool) -> date | None:
    step = -1 if past else 1
    first = a.replace(day=1)
    for i in range(13):
        cand = _safe_date(*_ym(_add_months(first, step * i)), day)
        if cand is not None and (cand <= a if past else cand >= a):
            return cand
    return None


def _ym(d: date) -> tuple[int, int]:
    return d.year, d.month


# ------------------------------------------------------------------------- clauses


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


def _candidates(text: str, tokens: tuple[list[int], list[str]]) -> list[_Candidate]:
    starts, words = tokens
    last = len(words) - 1
    found: list[_Candidate] = []
    free_from = 0
    for i in [i for i, w in enumerate(words) if w in _STARTS or w < "a"]:  # "a" > digits
        pos = starts[i]
        if pos < free_from:
            continue
        word = words[i]
        if (word in _WEAK_STARTS or word < "a") and (
            i == last or (words[i + 1] not in _FOLLOWERS and words[i + 1] >= "a")
        ):
            continue
        kinds = _STARTS.get(word, _DIGIT_KINDS)
        for kind in kinds:
            m = _PATTERNS[kind].match(text, pos)
            if m is None:
                continue
            free_from = m.end()
            cand = _candidate(kind, m)
            if cand is not None:
                before = text[max(0, cand.start - 24) : cand.start]
                cand.deadline_form = kind == "dur" or _DEADLINE_BEFORE.search(before) is not None
                found.append(cand)
            break
    return found


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
    cands, roles = _analyse(text)
    mentions: list[TimeMention] = []
    previous: tuple[date, ...] = ()  # dates of the latest mention that has any
    for c, role in zip(cands, roles, strict=True):
        if c.chained and previous:
            dates = _resolve(c, role, previous)
        else:
            dates = _resolve(c, role, anchors[:1] if c.first_only else anchors)
        if dates:
            previous = dates
        mentions.append(
            TimeMention(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                dates=dates,
                relative=c.relative,
                role=role,
            )
        )
    return mentions


def has_timeline(text: str) -> bool:
    """True when the text says when a reply is expected or when the writer will follow up.

    The time must be concrete ("by June 2", "within two weeks", "next Tuesday", "I will
    check in on Monday"). False for vague ones ("I hope to hear from you soon", "in the near
    future") and for past references only.
    """
    return any(role in ("reply", "follow_up") for role in _analyse(text)[1])
