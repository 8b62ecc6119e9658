"""The thank-you email: each sentence chosen so no two panelists share one.

The role is named once (in the opening); the writer claims nothing the user did not
record (`candidate.strengths`); the moments are woven in whatever form they were typed;
short notes are padded only with lines true of any interview.
"""

from __future__ import annotations

from typing import Any

from afterword.compose import lines as L
from afterword.compose.common import (
    CLOSINGS,
    Setup,
    company_name,
    greeting,
    one_line,
    role_phrase,
    signer,
    when_phrase,
)
from afterword.compose.dates import first_check_in
from afterword.compose.moments import Woven, weave
from afterword.compose.phrases import clean
from afterword.compose.variety import rotation


def moments_of(setup: Setup) -> list[Woven]:
    """The addressee's moments, woven to address them, in the order recorded."""
    out = [weave(m) for m in setup.person.moments]
    return [m for m in out if m is not None]


def _frames(moment: Woven, *, second: bool) -> tuple[tuple[str, ...], dict[str, str]]:
    if moment.about and moment.open_ended:
        return (L.ABOUT_LAST_SECOND if second else L.ABOUT_LAST), {"t": moment.about}
    if moment.about:
        return (L.ABOUT_SECOND if second else L.ABOUT_FIRST), {"t": moment.about}
    if moment.thing:
        return (L.THING_SECOND if second else L.THING_FIRST), {"o": moment.thing}
    clause = moment.clause or ""
    if not moment.past:
        return (L.PRESENT_SECOND if second else L.PRESENT_FIRST), {"c": clause}
    if clause.split()[0].casefold() in {"we", "i"}:
        return L.WE_PAST_FIRST, {"c": clause}
    return (L.PAST_SECOND if second else L.PAST_FIRST), {"c": clause}


def moment_sentence(moment: Woven, setup: Setup, *, second: bool = False) -> str | None:
    """A sentence touching on one moment, varied per panelist (None if all were used)."""
    frames, values = _frames(moment, second=second)
    return setup.choose(frames, 1 if second else 2, **values)


def follow_up_line(setup: Setup) -> str:
    """When the writer will check in: after the date they gave, or the default policy."""
    ctx = setup.context
    check_in = first_check_in(ctx, setup.country,
                              setup.thresholds.business_days_without_date)
    pool: tuple[str, ...]
    short: tuple[str, ...]
    values: dict[str, str]
    if check_in is None:
        pool, values = L.FOLLOW_UNDATED, {}
        short = L.FOLLOW_SHORT_UNDATED
    else:
        values = {"d": setup.date(check_in)}
        pool, short = L.FOLLOW_DEFAULT, L.FOLLOW_SHORT
        if ctx.expected_reply_by is not None:
            pool, values = L.FOLLOW_DATED, {**values, "e": setup.date(ctx.expected_reply_by)}
    return setup.choose(pool, 3, **values) or setup.short(short, **values)


def placeholders(setup: Setup) -> dict[str, str]:
    """The values every stock line may use."""
    ctx = setup.context
    company = one_line(ctx.company)
    role = role_phrase(ctx)
    return {
        "when": when_phrase(setup), "role": role, "position": role_phrase(ctx, "position"),
        "company": company_name(ctx), "at_company": f"at {company}" if company else
        "on your team",
    }


def opening(setup: Setup) -> str:
    """The first line: thanks, when, and the role (the one place it is named)."""
    return setup.choose(L.OPENINGS, **placeholders(setup)) or L.OPENING_SHORT


def strengths_line(setup: Setup) -> str | None:
    """What the writer brings, only from what the user recorded."""
    typed = one_line(setup.context.candidate.strengths)
    if not clean(typed):
        return None
    first = typed.split()[0]
    if first in {"I", "I've", "I'm", "My"}:
        sentence = typed if typed[-1] in ".!?" else typed + "."
        return setup.memory.take(sentence) if setup.memory.free(sentence) else None
    return setup.choose(L.STRENGTHS, 4, s=clean(typed), **placeholders(setup))


def interest_line(setup: Setup) -> str:
    """Why the writer is still keen: their recorded strengths, else plain interest."""
    return (strengths_line(setup) or setup.choose(L.INTEREST, 1, **placeholders(setup))
            or L.INTEREST_SHORT)


def generic_lines(setup: Setup, count: int) -> list[str]:
    """Up to `count` padding lines true of any interview, none an earlier panelist got.

    Nothing is marked used here: the caller remembers the lines the note kept.
    """
    order = rotation(len(L.GENERIC), setup.index, 5)
    free = [L.GENERIC[i] for i in order if setup.memory.free(L.GENERIC[i])]
    return free[:count]


def thank_you_parts(setup: Setup, *, budget: int) -> dict[str, Any]:
    """The variables of the thank-you template (see templates/drafts/README.md)."""
    moments = moments_of(setup)
    sentences = [s for s in [moment_sentence(moments[0], setup)] if s] if moments else []
    if len(moments) > 1:
        second = moment_sentence(moments[1], setup, second=True)
        sentences += [second] if second else []
    return {
        "greeting": greeting(setup.person),
        "opening": opening(setup),
        "moment_sentences": sentences,
        "role_line": interest_line(setup),
        "extra_sentences": [],
        "follow_up": follow_up_line(setup),
        "closing": setup.pick(CLOSINGS, 2),
        "signer": signer(setup.context),
        "layout": (setup.index + setup.index // 3) % 3,
        "budget": budget,
    }
