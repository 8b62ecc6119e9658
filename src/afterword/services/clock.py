"""The one place afterword reads the clock (AFTERWORD_NOW pins it, for tests and demos)."""

from __future__ import annotations

import os
from datetime import UTC, datetime


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
