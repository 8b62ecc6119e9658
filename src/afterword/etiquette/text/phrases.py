"""Where a multi-word name stands in a text (any case, possessive allowed)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def phrase_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?:['’]s)?(?![\w])", re.I)


def spans(name: str, text: str) -> list[tuple[int, int]]:
    """Where `name` (any case, possessive allowed) stands in `text`."""
    words = name.split()
    if not words or words[0].casefold() not in text.casefold():  # cheap test first
        return []
    return [(m.start(), m.end()) for m in phrase_pattern(name).finditer(text)]


def inside(span: tuple[int, int], masks: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in masks)

