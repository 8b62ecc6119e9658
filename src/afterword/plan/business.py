"""Business days: weekends and public holidays, for timing thank-you notes and follow-ups.

Pure functions: callers pass the dates. Holiday calendars come from the ``holidays``
package and are cached per (country, subdivision, year), so the functions are cheap enough
to call thousands of times a second.

``country=None`` means "weekends only" (Saturday and Sunday). For a real country the
country's own weekend is used (for example Friday and Saturday in Israel).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import holidays

from afterword.thresholds import DEFAULT

__all__ = [
    "add_business_days",
    "is_business_day",
    "next_business_day",
    "thank_you_window",
]

_DEFAULT_WEEKEND: frozenset[int] = frozenset({5, 6})
_ONE_DAY = timedelta(days=1)
_NOON = time(12, 0)


@lru_cache(maxsize=1)
def _supported_countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


@lru_cache(maxsize=1024)
def _calendar(
    country: str, subdiv: str | None, year: int
) -> tuple[frozenset[date], frozenset[int]]:
    """(holiday dates, weekend weekdays) for one country, subdivision and year."""
    if country not in _supported_countries():
        raise ValueError(
            f"unknown country code {country!r}: expected an ISO 3166-1 alpha-2 code "
            "supported by the holidays package, such as 'US', or None for weekends only"
        )
    try:
        cal = holidays.country_holidays(country, subdiv=subdiv, years=year)
    except NotImplementedError as exc:
        raise ValueError(f"unknown subdivision {subdiv!r} for country {country!r}") from exc
    weekend = frozenset(int(w) for w in cal.weekend) or _DEFAULT_WEEKEND
    return frozenset(cal.keys()), weekend


def _normalise(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    if not code:
        raise ValueError("country code must not be empty (use None for weekends only)")
    return code


def _is_business_day(d: date, country: str | None, subdiv: str | None) -> bool:
    if country is None:
        return d.weekday() not in _DEFAULT_WEEKEND
    days_off, weekend = _calendar(country, subdiv, d.year)
    return d.weekday() not in weekend and d not in days_off


def is_business_day(d: date, country: str | None = "US", subdiv: str | None = None) -> bool:
    """True when `d` is neither a weekend day nor a public holiday in `country` (/`subdiv`)."""
    return _is_business_day(d, _normalise(country), subdiv)


def _step(d: date, direction: int, country: str | None, subdiv: str | None) -> date:
    delta = _ONE_DAY if direction > 0 else -_ONE_DAY
    d = d + delta
    while not _is_business_day(d, country, subdiv):
        d = d + delta
    return d


def next_business_day(d: date, country: str | None = "US", subdiv: str | None = None) -> date:
    """The first business day strictly after `d`."""
    return _step(d, 1, _normalise(country), subdiv)


def add_business_days(
    d: date, n: int, country: str | None = "US", subdiv: str | None = None
) -> date:
    """`d` moved by `n` business days (backwards when `n` is negative).

    ``n == 0`` returns `d` unchanged, even when `d` is not itself a business day; for any
    other `n` the result is a business day. The result never decreases as `n` grows.
    """
    code = _normalise(country)
    direction = 1 if n > 0 else -1
    for _ in range(abs(n)):
        d = _step(d, direction, code, subdiv)
    return d


def thank_you_window(end: datetime, country: str | None = "US", *,
                     due_hours: int = DEFAULT.thank_you_due_hours,
                     ceiling_hours: int = DEFAULT.thank_you_ceiling_hours,
                     ) -> tuple[datetime, datetime]:
    """(due, ceiling) for a thank-you after an interview ending at `end`.

    `end` must be timezone-aware; both results are in `end`'s timezone.

    * due = the later of ``end + due_hours`` (24) and 12:00 on the next business day after
      end's date;
    * ceiling = the later of ``end + ceiling_hours`` (48) and 12:00 on the second business
      day after it.

    The 24 and 48 hours are elapsed time, so a daylight-saving change in between does not
    shorten or lengthen them.
    """
    if end.tzinfo is None or end.utcoffset() is None:
        raise ValueError(
            "thank_you_window needs a timezone-aware datetime for `end`, got a naive one"
        )
    code = _normalise(country)
    tz = end.tzinfo
    first = _step(end.date(), 1, code, None)
    second = _step(first, 1, code, None)
    end_utc = end.astimezone(UTC)

    def later(hours: int, day: date) -> datetime:
        elapsed = end_utc + timedelta(hours=hours)
        noon = datetime.combine(day, _NOON, tzinfo=tz).astimezone(UTC)
        return max(elapsed, noon).astimezone(tz)

    return later(due_hours, first), later(ceiling_hours, second)
