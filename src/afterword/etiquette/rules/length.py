"""Short and sweet (AW301): hiring managers are busy."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.text.note import WORD
from afterword.report import Severity


def _words(facts: Facts) -> int:
    """The main text's words, paragraph by paragraph (a word never spans a blank line)."""
    note = facts.note
    return sum(facts.remember(("words", text), partial(_count, text))
               for text in (note.text(p) for p in note.paragraphs))


def _count(text: str) -> int:
    return len(WORD.findall(text))


def _check_length(facts: Facts) -> Iterator[Hit]:
    count, t = _words(facts), facts.thresholds
    if facts.context.medium == "handwritten":
        if count > t.card_words_warning:
            yield Hit(
                f"The card runs to {count} words; a handwritten note should stay under "
                f"{t.card_words_warning}. Keep the thanks and one moment, cut the rest.",
            )
        return
    if count > t.email_words_warning:
        yield Hit(
            f"The note runs to {count} words; keep a thank-you under {t.email_words_warning} "
            "(4–6 sentences). Cut the recap and keep one moment and the next step.",
        )
    elif count > t.email_words_suggestion:
        yield Hit(
            f"The note runs to {count} words; {t.email_words_suggestion} or fewer reads "
            "better. Consider trimming a sentence.",
            severity=Severity.SUGGESTION,
        )


_LONG = " Our talk about testing SQL models with small fixtures made me rethink my own habits."

RULES = (
    Rule(
        code="AW301",
        name="too-long",
        severity=Severity.WARNING,
        summary="Short and sweet: 75–180 words for an email, under 110 for a card.",
        rationale=(
            "The reader has a full plate. Career advice converges on four to six sentences; a "
            "handwritten card has even less room."
        ),
        check=_check_length,
        examples=(
            flags('over 180 words', 'share work early.', 'share work early.' + _LONG * 5),
            passes('about 90 words'),
        ),
    ),
)
