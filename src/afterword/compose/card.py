"""The handwritten card: its own text, not the email copied onto paper.

Warmer and shorter (at most 90 words, well under the email), written to be copied by
hand: one thought about the conversation, one warm line, the timeline, a warm sign-off.
It never says "today" or "yesterday": a card is read days after it is written.
"""

from __future__ import annotations

from typing import Any

from afterword.compose.common import Setup, greeting, one_line, signer
from afterword.compose.moments import Woven
from afterword.compose.phrases import clean
from afterword.compose.thanks import moments_of, placeholders

OPENINGS = (
    "Thank you so much for our conversation {when}.",
    "It was a real pleasure to meet you {when}.",
    "Thank you for the time you gave me {when}.",
    "Our conversation {when} was a delight.",
    "What a pleasure it was to talk with you {when}.",
    "Thank you, warmly, for meeting with me {when}.",
    "Many thanks for our conversation {when}.",
    "Thank you for such a thoughtful conversation {when}.",
)
ABOUT = (
    "Hearing about {t} was a highlight for me.",
    "It was lovely to learn about {t}.",
    "Our talk about {t} has stayed with me.",
    "Talking about {t} was a real pleasure.",
)
ABOUT_LAST = ("It was lovely to learn about {t}.", "It was a pleasure to talk about {t}.")
# Every line here differs from the email's (compose/lines.py): the card is its own text.
THING = ("I am so grateful for {o}.", "{O} has stayed with me since.")
PAST = ("It meant a great deal that {c}.", "It was lovely that {c}.")
WE_PAST = ("I treasure the moment {c}.", "I still smile at the moment {c}.")
PRESENT = ("It was lovely to hear that {c}.", "It was a delight to learn that {c}.")
NONE = (  # true of any interview, yet not the words every note uses (AW201)
    "Your perspective on the work and the people behind it meant a great deal.",
    "Seeing the work through your eyes was a privilege.",
    "Learning how the work really happens, from someone who does it, meant a lot.",
    "Your patience with my many questions meant a great deal.",
)
WARM = (
    "Working with you {at_company} would be a joy.",
    "It would be a joy to be part of your team.",
    "The position feels more exciting than ever.",
    "It would be wonderful to work together.",
    "The conversation made the opportunity {at_company} all the more appealing.",
)
DATED = (
    "I look forward to hearing from you by {e}.",
    "I hope to hear from you by {e}, and wish you well until then.",
    "As I understand it, a decision is expected by {e}.",
    "You plan to decide by {e}, and I look forward to hearing from you.",
    "I look forward to your decision by {e}.",
    "I understand you will decide by {e}.",
    "I will be glad to hear from you by {e}.",
    "I hope to hear from you by {e}.",
)
# With every line above taken: the last stays under seven words even with a year.
DATED_SHORT = ("A decision is due by {e}.", "Decision due by {e}.")
STRENGTHS = (
    "I would love to bring {s} to your team.",
    "I hope to bring {s} to the work.",
    "I would be delighted to offer {s}.",
    "It would be a joy to contribute {s}.",
)
UNDATED = (
    "In two weeks or so, I will check in with you.",
    "I will follow up in two weeks.",
)
CLOSINGS = ("Warmly", "With gratitude", "Warm wishes", "Gratefully", "With appreciation",
            "Warm regards")


def _moment_line(setup: Setup, moment: Woven | None) -> str | None:
    if moment is None:
        return setup.choose(NONE, 2)
    if moment.about:
        pool: tuple[str, ...] = ABOUT_LAST if moment.open_ended else ABOUT
        return setup.choose(pool, 2, t=moment.about)
    if moment.thing:
        return setup.choose(THING, 2, o=moment.thing)
    clause = moment.clause or ""
    if not moment.past:
        return setup.choose(PRESENT, 2, c=clause)
    pool = WE_PAST if clause.split()[0].casefold() in {"we", "i"} else PAST
    return setup.choose(pool, 2, c=clause)


def _timeline(setup: Setup) -> str:
    reply = setup.context.expected_reply_by
    if reply is not None:
        return (setup.choose(DATED, 3, e=setup.date(reply))
                or setup.short(DATED_SHORT, e=setup.date(reply)))
    return setup.choose(UNDATED, 3) or "I'll follow up in two weeks."


def _strengths(setup: Setup, values: dict[str, str]) -> str | None:
    """What the writer brings, in the card's own words (never the email's sentence)."""
    typed = one_line(setup.context.candidate.strengths)
    if not clean(typed) or typed.split()[0] in {"I", "I've", "I'm", "My"}:
        return None
    return setup.choose(STRENGTHS, 1, s=clean(typed), **values)


def card_parts(setup: Setup) -> dict[str, Any]:
    """The variables of the card template: greeting, four short lines, sign-off."""
    values = placeholders(setup)
    moments = moments_of(setup)
    lines = [
        setup.choose(OPENINGS, **values) or "Thank you for your time.",
        _moment_line(setup, moments[0] if moments else None),
        _strengths(setup, values) or setup.choose(WARM, 1, **values),
        _timeline(setup),
    ]
    return {
        "greeting": greeting(setup.person),
        "lines": [line for line in lines if line],
        "closing": setup.pick(CLOSINGS, 2),
        "signer": signer(setup.context),
    }
