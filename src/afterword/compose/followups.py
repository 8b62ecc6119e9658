"""Check-ins, a request for the interviewer's address, and a reply after a rejection."""

from __future__ import annotations

from typing import Any

from afterword.compose.common import (
    Setup,
    company_name,
    greeting,
    one_line,
    role_phrase,
    signer,
)
from afterword.compose.dates import earlier_check_ins
from afterword.compose.phrases import Moment
from afterword.compose.thanks import moments_of
from afterword.etiquette.text.names import fold
from afterword.model import Person
from afterword.plan.policy import gap_words

REMINDERS = (
    "When we spoke on {i} about {role}, you mentioned a decision by {e}.",
    "Our conversation on {i} about {role} was a pleasure, and you hoped to decide by {e}.",
    "Our interview on {i} about {role} is still on my mind; you had expected a decision "
    "by {e}.",
)
REMINDERS_LATER = (
    "This is a short follow-up about {role}, which we discussed on {i}; you had expected a "
    "decision by {e}.",
    "A short note about {role}: you had hoped to decide by {e}.",
)
UNDATED_REMINDERS = (
    "Since our conversation on {i} about {role}, there is a short update worth sharing.",
    "Since our interview on {i} about {role}, your team has stayed on my mind.",
)
MOMENT_NEWS = (
    "Since then I have kept thinking about {t}.",
    "Our exchange about {t} has stayed with me since then.",
)
QUESTIONS = (
    "Is there an updated timeline you could share?",
    "Could you let me know whether the timeline has changed?",
    "Would you be able to share where things stand with the timeline?",
)
APPRECIATION = (
    "I remain very interested in {role} at {company}.",
    "Thank you for your time, and I hope the search is going well.",
    "Any update you can give would be much appreciated.",
)


def _interview_date(setup: Setup) -> str:
    when = setup.context.interview.start or setup.context.interview.end
    return setup.date(when.date()) if when else "the day of our interview"


def check_in_number(setup: Setup) -> int:
    """1 for the first check-in, 2 for the second, and so on."""
    return 1 + len(earlier_check_ins(setup.context, setup.country, setup.thresholds))


def _used_text(setup: Setup) -> str:
    return " ".join(n.text for n in setup.context.previous_notes).casefold()


def fresh_moment(setup: Setup) -> Moment | None:
    """A moment not yet used in earlier notes, else the first one."""
    moments = moments_of(setup)
    used = _used_text(setup)
    for moment in moments:
        if moment.text.casefold() not in used and moment.original.casefold() not in used:
            return moment
    return moments[0] if moments else None


def _news_sentence(setup: Setup, number: int) -> str:
    news = one_line(setup.news).rstrip(".!?")
    moment = fresh_moment(setup)
    parts: list[str] = []
    if news:
        parts.append(f"Since we spoke, {_lower_first(news)}.")
    if moment is not None:
        parts.append(setup.pick(MOMENT_NEWS, number).format(t=moment.as_topic))
    return " ".join(parts)


def _lower_first(text: str) -> str:
    first = text.split()[0]
    if first in {"The", "My", "We", "A", "An", "Our", "This", "Last"}:
        return text[:1].lower() + text[1:]
    return text


def _reminder(setup: Setup, number: int) -> str:
    ctx = setup.context
    role = role_phrase(ctx)
    if ctx.expected_reply_by is None:
        return setup.pick(UNDATED_REMINDERS, number).format(i=_interview_date(setup), role=role)
    pool = REMINDERS if number == 1 else REMINDERS_LATER
    return setup.pick(pool, number).format(
        i=_interview_date(setup), role=role, e=setup.date(ctx.expected_reply_by)
    )


def _timeline_question(setup: Setup, number: int) -> str:
    question = setup.pick(QUESTIONS, number)
    gaps = setup.thresholds.check_in_gaps_days
    after = gap_words(gaps[min(number - 1, len(gaps) - 1)]).lower()
    return f"{question} If there is no news yet, I will check back in {after}."


def check_in_parts(setup: Setup) -> dict[str, Any]:
    """Variables of the check-in template: shorter each time, never 'just checking in'."""
    number = check_in_number(setup)
    role, company = role_phrase(setup.context), company_name(setup.context)
    return {
        "greeting": greeting(setup.person),
        "reminder": _reminder(setup, number),
        "news_sentence": _news_sentence(setup, number),
        "timeline_question": _timeline_question(setup, number),
        "appreciation": setup.pick(APPRECIATION, number).format(role=role, company=company)
        if number == 1 else "",
        "closing": setup.pick(("Best regards", "Kind regards", "With thanks"), number),
        "signer": signer(setup.context),
        "number": number,
    }


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


def after_rejection_parts(setup: Setup) -> dict[str, Any]:
    """Variables of the reply to a rejection: short, gracious, asks to stay in touch."""
    company = company_name(setup.context, "the team")
    moments = moments_of(setup)
    reflection = (
        f"Our conversation about {moments[0].as_topic} was a highlight for me."
        if moments else "Our conversation taught me a great deal about the work."
    )
    return {
        "greeting": greeting(setup.person),
        "thanks": "Thank you for letting me know about your decision on "
        f"{role_phrase(setup.context)}, and for the time you gave me during the process.",
        "reflection": reflection,
        "stay_in_touch": f"I would be glad to stay in touch, and I hope our paths cross again at "
        f"{company}.",
        "closing": setup.pick(("Best regards", "Kind regards", "With thanks"), 1),
        "signer": signer(setup.context),
    }
