"""The thank-you note: the sentences, chosen so no two panelists get the same note."""

from __future__ import annotations

from typing import Any

from afterword.compose.common import (
    CLOSINGS,
    Setup,
    company_name,
    greeting,
    role_phrase,
    signer,
    when_phrase,
)
from afterword.compose.dates import first_check_in
from afterword.compose.phrases import Moment, rephrase

OPENINGS = (
    "Thank you for meeting with me {when} to talk about {role}.",
    "It was a pleasure to speak with you {when} about {role}.",
    "Thank you for the thoughtful conversation {when} about {position}.",
    "Thank you for taking the time {when} to tell me about your work at {company}.",
    "Thank you for making time {when} to walk me through {role}.",
    "Our conversation {when} gave me a much better sense of {role}, and I am grateful "
    "for your time.",
    "Many thanks for the conversation {when}; it was a real pleasure to learn more about "
    "{role}.",
    "Your generosity with your time {when} made learning about {role} a pleasure.",
)
FIRST_MOMENT = (
    "Our conversation about {t} has stayed with me.",
    "Hearing about {t} was the part of the conversation I enjoyed most.",
    "What you shared about {t} gave me a clearer picture of the work.",
    "Since we spoke, I have kept thinking about {t}.",
    "Hearing about {t} was a highlight of the conversation for me.",
    "It was a real pleasure to talk about {t}.",
    "Your enthusiasm when we discussed {t} stayed with me.",
    "Listening to you describe {t} was one of the best parts of the day.",
)
CLAUSE_MOMENT = (
    "Looking back, I appreciated that {c}.",
    "It meant a great deal that {c}.",
    "It was a pleasure that {c}.",
)
SECOND_MOMENT = (
    "Our talk about {t} was just as useful.",
    "It was good to hear about {t} as well.",
    "Talking about {t} was just as valuable.",
    "Your perspective on {t} was useful too.",
    "The exchange about {t} was another highlight.",
)
NO_MOMENT = (
    "I appreciated the candid picture you gave me of the team's priorities and the "
    "challenges ahead.",
    "Your account of how the team plans its week and shares its work was especially "
    "helpful.",
    "The way you described the daily rhythm of the team, and the problems it is tackling "
    "next, made the work feel concrete.",
    "Your description of how projects move from idea to delivery gave me a vivid sense "
    "of the day-to-day work.",
    "Hearing how your group balances long-term projects with urgent requests was "
    "particularly interesting.",
    "You gave me a frank view of what success looks like in the first six months, which "
    "I found very useful.",
    "Your examples of recent projects, and of what made them hard, brought the job to "
    "life.",
    "The story of how your team has grown over the past year stayed with me afterwards.",
)
ROLE_LINES = (
    "Everything I heard makes me more enthusiastic about {role} and about contributing to "
    "the work at {company}.",
    "Our conversation confirmed my interest in {role} and in the way {company} approaches "
    "its work.",
    "{Role} feels like a natural next step for me, and your description of the team made "
    "it even more appealing.",
    "The work you described fits closely with what I have been doing, and I would be glad "
    "to bring that experience to {company}.",
    "The conversation left me with a stronger sense of how I could help your team in {role}.",
)
# Padding for a note with few recorded moments: true of any good interview, so a draft
# never claims something that did not happen.
EXTRAS = (
    "I appreciated the time you took to answer my questions about the role.",
    "I came away with a much clearer picture of the role and what matters most in it.",
    "It was good to learn more about the team and how it works.",
)
FOLLOW_DATED = (
    "You mentioned a decision by {e}; I will check in on {c} if I have not heard from you "
    "by then.",
    "As I understand it, the team hopes to decide by {e}, so I will follow up on {c} if I "
    "have not heard anything before then.",
    "You said to expect news by {e}. If I have not heard by then, I will reach out on {c}.",
    "Since you expect to make a decision by {e}, I plan to check in on {c} if I have not "
    "heard from you.",
    "The timeline you described points to {e}; if I have not heard by then, I will be in "
    "touch on {c}.",
)
FOLLOW_DEFAULT = (
    "Unless I hear from you sooner, I will check in on {c}.",
    "If I have not heard anything by {c}, I will follow up then.",
    "To stay in touch, I will reach out on {c} in case there is any news.",
    "If it is helpful, I will check in on {c} to see how things are going.",
)
FOLLOW_UNDATED = (
    "Unless I hear from you sooner, I will follow up in two weeks.",
    "If I have not heard anything in two weeks, I will check in then.",
)


def moments_of(setup: Setup) -> list[Moment]:
    """The addressee's moments, rephrased to address them, in the order recorded."""
    out = [rephrase(m) for m in setup.person.moments]
    return [m for m in out if m is not None]


def moment_sentence(moment: Moment, setup: Setup, *, second: bool = False) -> str:
    """A sentence touching on one moment, varied per panelist."""
    if second:
        return setup.pick(SECOND_MOMENT, 1).format(t=moment.as_topic)
    if moment.shape == "clause" and setup.index % 2 == 1:
        return setup.pick(CLAUSE_MOMENT).format(c=moment.text)
    return setup.pick(FIRST_MOMENT, 2).format(t=moment.as_topic)


def follow_up_line(setup: Setup) -> str:
    """When the writer will check in: after the date they gave, or the default policy."""
    ctx = setup.context
    check_in = first_check_in(ctx, setup.country, setup.thresholds)
    if ctx.expected_reply_by is not None and check_in is not None:
        return setup.pick(FOLLOW_DATED, 3).format(
            e=setup.date(ctx.expected_reply_by), c=setup.date(check_in)
        )
    if check_in is not None:
        return setup.pick(FOLLOW_DEFAULT, 3).format(c=setup.date(check_in))
    return setup.pick(FOLLOW_UNDATED, 3)


def _fill(template: str, setup: Setup) -> str:
    ctx = setup.context
    when = when_phrase(setup)
    role = role_phrase(ctx)
    text = template.format(
        when=when, role=role, Role=role[:1].upper() + role[1:],
        position=role_phrase(ctx, "position"), company=company_name(ctx),
    )
    return " ".join(text.replace(" .", ".").replace(" ,", ",").split())


def thank_you_parts(setup: Setup, *, budget: int) -> dict[str, Any]:
    """The variables of the thank-you template (see templates/drafts/README.md)."""
    moments = moments_of(setup)
    sentences = [moment_sentence(moments[0], setup)] if moments else [
        setup.pick(NO_MOMENT, 4)
    ]
    if len(moments) > 1 and (setup.email or setup.index % 2 == 0):
        sentences.append(moment_sentence(moments[1], setup, second=True))
    return {
        "greeting": greeting(setup.person),
        "opening": _fill(setup.pick(OPENINGS), setup),
        "moment_sentences": sentences,
        "role_line": _fill(setup.pick(ROLE_LINES, 1), setup) if setup.email else "",
        "extra_sentences": [],
        "follow_up": follow_up_line(setup),
        "closing": setup.pick(CLOSINGS, 2),
        "signer": signer(setup.context),
        "layout": (setup.index + setup.index // 3) % 3,
        "budget": budget,
    }


def extra_sentences(setup: Setup, count: int) -> list[str]:
    """Filler that stays specific, to bring a short email up to length."""
    return [setup.pick(EXTRAS, i) for i in range(min(count, len(EXTRAS)))]
