"""British and American spellings of one word (colour/color, prioritise/prioritize,
modelling/modeling, catalogue/catalog, centre/center, defence/defense)."""

from __future__ import annotations

import re

_TO_AMERICAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in (
        (r"our(s|ed|ing|ful|ite|ites|able|er|ers|less)?$", r"or\1"),
        (r"tre(s|d)?$", r"ter\1"),
        (r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
        (r"ys(e|es|ed|ing)$", r"yz\1"),
        (r"(?<=[aeiou][lnr])l(ed|ing|er|ers|ation)$", r"\1"),
        (r"ogue(s)?$", r"og\1"),
        (r"(?<=[cfn])ence(s)?$", r"ense\1"),
        (r"programme(s)?$", r"program\1"),
        (r"^grey", "gray"),
        (r"ae(?=[a-z])", "e"),
        (r"oe(?=[a-z])", "e"),
    )
)


def _american(word: str) -> str:
    out = word.casefold()
    for pattern, replacement in _TO_AMERICAN:
        out = pattern.sub(replacement, out)
    return out


def are_dialect_variants(a: str, b: str) -> bool:
    """Whether two different words are the British and American spellings of one word."""
    if a.casefold() == b.casefold() or len(a) < 4 or len(b) < 4:
        return False
    return _american(a) == _american(b)
