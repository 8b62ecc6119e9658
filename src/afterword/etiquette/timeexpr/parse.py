"""Finding time expressions in text and building their per-anchor resolvers.

Private to :mod:`afterword.etiquette.timeexpr`, which classifies what this finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from afterword.etiquette.timeexpr.dates import (
    _add_months,
    _add_weekdays,
    _closest_month_part,
    _closest_year,
    _friday_this_week,
    _monday,
    _month_part,
    _nth_of_month,
    _safe_date,
    _weekday_after,
    _weekday_before,
)
from afterword.etiquette.timeexpr.patterns import (
    _DEADLINE_BEFORE,
    _DIGIT_KINDS,
    _FOLLOWERS,
    _MONTHS,
    _NUMBERS,
    _PATTERNS,
    _STARTS,
    _WEAK_STARTS,
    _WEEKDAYS,
)

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


_Make = Callable[..., _Candidate]  # builds a candidate spanning one match (see `_maker`)


def _num(word: str | None, default: int = 1) -> int:
    if word is None:
        return default
    w = " ".join(word.lower().split())
    return int(w) if w.isdecimal() else _NUMBERS.get(w, default)


def _month_num(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


# ------------------------------------------------------------------------ candidates


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


def _candidate(kind: str, m: re.Match[str]) -> _Candidate | None:
    start, end = m.span(kind)
    if kind == "wd":
        return _weekday_candidate(m, start, end)
    build = _BUILDERS.get(kind)
    return None if build is None else build(kind, m, _maker(start, end))


def _maker(start: int, end: int) -> _Make:
    def make(
        resolve: _Resolver | None,
        *,
        relative: bool = True,
        forced: str | None = None,
        first_only: bool = False,
        fixed: date | None = None,
    ) -> _Candidate:
        return _Candidate(start, end, relative, forced, False, resolve, first_only, fixed)

    return make


def _date_candidate(kind: str, m: re.Match[str], make: _Make) -> _Candidate | None:
    """iso, md, dm, mo: a calendar date, or a month."""
    g = m.group
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

    if kind == "mo":
        at = _month_part(_month_num(g("mo_mon")), "")
        if g("mo_year") is not None:
            year = int(g("mo_year"))
            return make(None, relative=False, fixed=at(year) if 1 <= year <= 9999 else None)
        return make(lambda a, _r: _closest_month_part(a, at), relative=False, first_only=True)
    return None


def _span_candidate(kind: str, m: re.Match[str], make: _Make) -> _Candidate | None:
    """dur, fn: a number of days, weeks or months from the anchor."""
    g = m.group
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
    return None


def _part_candidate(kind: str, m: re.Match[str], make: _Make) -> _Candidate | None:
    """eo, pt: a part (end, start, early, mid, late) of a week, month or year."""
    g = m.group
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
    return None


def _word_candidate(kind: str, m: re.Match[str], make: _Make) -> _Candidate | None:
    """rw, ord: a relative word (tomorrow, next week, ...) or "the 15th"."""
    g = m.group
    if kind == "rw":
        return _relative_word(" ".join(g("rw").lower().split()), make)

    if kind == "ord":
        day = int(g("ord_day"))
        if not 1 <= day <= 31:
            return None
        return make(lambda a, r: _nth_of_month(a, day, past=r == "past"))
    return None


_BUILDERS: dict[str, Callable[[str, re.Match[str], _Make], _Candidate | None]] = {
    "iso": _date_candidate,
    "md": _date_candidate,
    "dm": _date_candidate,
    "mo": _date_candidate,
    "dur": _span_candidate,
    "fn": _span_candidate,
    "eo": _part_candidate,
    "pt": _part_candidate,
    "rw": _word_candidate,
    "ord": _word_candidate,
}


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
