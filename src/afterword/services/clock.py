"""The one place afterword reads the clock (AFTERWORD_NOW pins it, for tests and demos)
and the zone the user lives in (the computer's: TZ when it names a zone)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ClockError(ValueError):
    """AFTERWORD_NOW is not an ISO date-time."""


def now() -> datetime:
    """The current time, aware; AFTERWORD_NOW (ISO 8601) overrides it."""
    pinned = os.environ.get("AFTERWORD_NOW")
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            raise ClockError(f"AFTERWORD_NOW is not an ISO date-time: {pinned!r}") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def user_zone() -> tzinfo:
    """The zone the user lives in: the computer's (`TZ` when it names a zone, else the
    system's). Times shown to the user are in it; the page states it once."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else ZoneInfo("UTC")
