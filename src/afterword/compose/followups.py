"""A request for the interviewer's address, and a reply after a rejection (check-ins:
`checkins.py`)."""

from __future__ import annotations

from typing import Any

from afterword.compose.common import Setup, greeting, one_line, role_phrase, signer
from afterword.compose.moments import Woven
from afterword.compose.thanks import moments_of
from afterword.etiquette.text.names import fold
from afterword.model import Person


def _missing(setup: Setup) -> list[Person]:
    people = [p for p in setup.context.interviewers if p.name or p.given_name]
    wanted = setup.context.recipient
    if wanted:
        key = fold(wanted)
        chosen = [p for p in people if key in {fold(p.email or ""), fold(p.name or "")}]
        people = chosen or people
    without = [p for p in people if not p.email]
    return without or people


def _names(people: list[Person]) -> str:
    names = [one_line(p.name or f"{p.given_name or ''} {p.family_name or ''}") for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def request_email_parts(setup: Setup) -> dict[str, Any]:
    """Variables of the request-for-address template, addressed to the scheduler."""
    people = _missing(setup)
    several = len(people) > 1
    who = _names(people) or "my interviewers"
    return {
        "greeting": greeting(setup.person),
        "opening": f"Thank you for arranging my interview for {role_phrase(setup.context)}.",
        "request": (
            f"I would like to send a short thank-you note to {who}; could you share "
            + ("their email addresses" if several else "the best email address to reach them")
            + "?"
        ),
        "alternative": "If you would rather not share it, I would be grateful if you could "
        "pass my thanks along.",
        "appreciation": "Thank you again for your help with the arrangements.",
        "closing": setup.pick(("Best regards", "Kind regards", "With gratitude"), 0),
        "signer": signer(setup.context),
        "people": [one_line(p.name) for p in people],
    }


def _reflection(moment: Woven | None) -> str:
    if moment is None:
        return "I enjoyed learning about the team and its work."
    if moment.about and moment.open_ended:
        return f"I enjoyed our conversation about {moment.about}."
    if moment.about:
        return f"Our conversation about {moment.about} was a highlight for me."
    if moment.thing:
        return f"I will remember {moment.thing}."
    if moment.past:
        return f"I will remember the moment {moment.clause}."
    return f"I was glad to hear that {moment.clause}."


def after_rejection_parts(setup: Setup) -> dict[str, Any]:
    """Variables of the reply to a rejection: short, gracious, asks to stay in touch."""
    company = one_line(setup.context.company)
    moments = moments_of(setup)
    spoke = setup.person in setup.context.interviewers
    return {
        "greeting": greeting(setup.person),
        "thanks": "Thank you for letting me know about your decision on "
        f"{role_phrase(setup.context)}, and for the time you gave me during the process.",
        "reflection": _reflection(moments[0] if moments and spoke else None),
        "stay_in_touch": "I would be glad to stay in touch, and I hope our paths cross again"
        + (f" at {company}." if company else "."),
        "closing": setup.pick(("Best regards", "Kind regards", "With thanks"), 1),
        "signer": signer(setup.context),
    }
