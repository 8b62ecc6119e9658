"""Calendar arithmetic for resolving time expressions (see :mod:`.timetext`).

Private to :mod:`afterword.etiquette.timeexpr`.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta


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
