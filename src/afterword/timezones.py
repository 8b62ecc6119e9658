"""Time zones as the user meets them: this computer's own, and the list to choose from."""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_UTC_ALIASES = {"Etc/UTC", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu", "Etc/UCT"}


def zone_or_none(name: str) -> ZoneInfo | None:
    """The zone called `name`, or None."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def system_zone() -> str:
    """The computer's IANA time zone (TZ, /etc/localtime, /etc/timezone), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(os.path.realpath("/etc/localtime").partition("zoneinfo/")[2])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if ((name and "/" in name) or name == "UTC") and zone_or_none(name) is not None:
            return "UTC" if name in _UTC_ALIASES else name
    return "UTC"


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every IANA zone a person would pick (Region/City), sorted, UTC first."""
    regions = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/",
               "Europe/", "Indian/", "Pacific/")
    return ("UTC", *sorted(z for z in available_timezones() if z.startswith(regions)))
