"""Vocabulary and patterns of the date expressions :mod:`.timetext` looks for.

Private to :mod:`afterword.etiquette.timeexpr`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
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
        r"(?P<dur>(?:within|in|over|during|after)\s+"
        r"(?:(?:about|around|roughly|approximately|maybe|perhaps|another|just|under|less\s+than)"
        r"\s+)?(?:the\s+(?P<dur_next>next|coming)\s+)?"
        rf"(?:(?P<dur_n1>{_NUM}|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few)"
        rf"(?:\s*(?:or|to|-)\s*(?P<dur_n2>{_NUM}))?\s+)?"
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
        *("morning", "afternoon", "evening", "couple", "few", "about", "around", "roughly"),
        *("approximately", "maybe", "perhaps", "another", "just", "under", "less"),
        *("spring", "summer", "fall", "autumn", "winter", "semester", "quarter", "term"),
    )
)  # fmt: skip
# Words before a mention that make it a deadline ("by June 2", "no later than Friday").
_DEADLINE_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\bno\s+later\s+than|\baround)\s+(?:the\s+)?$", re.IGNORECASE
)
