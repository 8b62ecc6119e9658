"""Check-ins: one message to one person, each adding something new, shorter each time.

Who: the person who gave the timeline (context `contact`), else the recruiter or
scheduler, else the hiring manager; the user may name others (`Options.to`). What is
new: the user's `--news`, else a recorded moment no earlier note used. Never "just
checking in".
"""

from __future__ import annotations

from typing import Any

from afterword.compose.common import Setup, company_name, greeting, one_line, role_phrase, signer
from afterword.compose.dates import earlier_check_ins
from afterword.compose.greeting import salutation_name
from afterword.compose.moments import Woven, weave
from afterword.compose.phrases import clean
from afterword.compose.variety import Memory, choose
from afterword.etiquette.text.names import fold
from afterword.model import Context, Person

MANAGER_WORDS = ("hiring manager", "head of", "director", "manager", "lead", "partner")
WEEKS = {1: "a week", 2: "two weeks", 3: "three weeks", 4: "four weeks", 5: "five weeks",
         6: "six weeks"}

TO_INTERVIEWER = (
    "When we spoke on {i} about {role}, you mentioned a decision by {e}.",
    "Our conversation on {i} about {role} was a pleasure, and you hoped to decide by {e}.",
)
TO_OTHER = (
    "I interviewed for {role} on {i}, and the team hoped to decide by {e}.",
    "I am writing about {role}, which I interviewed for on {i}; a decision was expected by "
    "{e}.",
)
RECALL_INTERVIEWER = (
    "When we spoke on {i} about {role} and about {t}, you mentioned a decision by {e}.",
    "Our conversation on {i} about {role}, and about {t}, was a pleasure; you hoped to "
    "decide by {e}.",
)
RECALL_UNDATED = ("It has been a little while since we spoke on {i} about {t}.",)
RECALL_LATER = (
    "A short note to follow up on {t}, which we discussed on {i}; you had hoped to decide "
    "by {e}.",
    "Another short note about {t}, which we discussed on {i}; a decision was due by {e}.",
)
UNDATED_INTERVIEWER = ("It has been a little while since we spoke on {i} about {role}.",)
UNDATED_OTHER = ("I am writing about {role}, which I interviewed for on {i}.",)
RECALL_LAST = ("One more short note since we spoke about {t}; a decision was due by {e}.",)
LATER = ("A short note about {role}, as promised.", "Another short note about {role}.")
LATER_DATED = ("A short note about {role}: you had hoped to decide by {e}.",
               "Another short note about {role}; the decision was expected by {e}.")
LATER_OTHER = ("A short note about {role}: the team had hoped to decide by {e}.",
               "Another short note about {role}; a decision was expected by {e}.")
NEWS = ("A short update: {n}.", "One piece of news: {n}.", "Some news from my side: {n}.")
OWN_MOMENT = ("Our conversation about {t} is still on my mind.",
              "Our exchange about {t} has stayed with me.")
OWN_THING = ("Thank you again for {o}.", "{O} stuck with me.")
OWN_LAST = ("I have kept thinking about {t}.",)
OTHER_MOMENT = ("My conversation with {who} about {t} has stayed with me.",
                "The conversation with {who} about {t} is still on my mind.")
OTHER_LAST = ("I have kept thinking about my conversation with {who} about {t}.",)
QUESTIONS = (
    "Is there an updated timeline you could share?",
    "Could you let me know whether the timeline has changed?",
    "Would you be able to share where things stand?",
)
APPRECIATION = (
    "The chance to join {company} still excites me.",
    "Thank you for your time, and I hope the search is going well.",
)


class NoAddressee(ValueError):
    """Nobody on record to write the check-in to (or `--to` names a stranger)."""


def _named(people: tuple[Person, ...], key: str) -> Person | None:
    wanted = fold(key)
    for person in people:
        if wanted in {fold(person.email or ""), fold(one_line(person.name))}:
            return person
    return None


def addressees(ctx: Context, to: tuple[str, ...] = ()) -> tuple[list[Person], str]:
    """Who the check-in goes to, and why (for the remark shown with the draft)."""
    people = ctx.people
    if to:
        chosen = [(key, _named(people, key)) for key in to]
        missing = [key for key, person in chosen if person is None]
        if missing:
            raise NoAddressee(f"--to {missing[0]!r} is not one of the people on record")
        return [p for _, p in chosen if p is not None], "the people you chose"
    for key, why in ((ctx.recipient, "the recipient you chose"),
                     (ctx.contact, "they gave the timeline (contact)")):
        if key and (person := _named(people, key)) is not None:
            return [person], why
    if ctx.scheduler is not None and (ctx.scheduler.name or ctx.scheduler.email):
        return [ctx.scheduler], "the recruiter or scheduler (no contact recorded)"
    manager = _hiring_manager(ctx)
    if manager is None:
        raise NoAddressee("no one to write the check-in to: record a contact, the "
                          "recruiter or an interviewer")
    return [manager], "the hiring manager (no contact or recruiter recorded)"


def _hiring_manager(ctx: Context) -> Person | None:
    named = [p for p in ctx.interviewers if p.name or p.given_name]
    for person in named:
        if (person.role or "") == "hiring_manager":
            return person
    for words in MANAGER_WORDS:
        for person in named:
            if words in (person.title or "").casefold():
                return person
    return named[0] if named else None


def check_in_number(setup: Setup) -> int:
    """1 for the first check-in, 2 for the second, and so on."""
    return 1 + len(earlier_check_ins(setup.context, setup.country,
                                     setup.thresholds.business_days_without_date))


def _used(setup: Setup, moment: Woven) -> bool:
    used = " ".join(n.text for n in setup.context.previous_notes).casefold()
    forms = (moment.original, clean(moment.original), moment.about, moment.thing,
             moment.clause)
    return any(form and form.casefold() in used for form in forms)


def fresh_moment(setup: Setup) -> tuple[Woven, Person] | None:
    """A recorded moment (the addressee's first, then others') no earlier note used."""
    ctx = setup.context
    owners = [setup.person, *(p for p in ctx.interviewers if p != setup.person)]
    for owner in owners:
        for typed in owner.moments:
            moment = weave(typed, addressed=owner == setup.person)
            if moment is not None and not _used(setup, moment):
                return moment, owner
    return None


def _news_sentence(setup: Setup, number: int, found: tuple[Woven, Person] | None) -> str:
    news = clean(one_line(setup.news))
    if news:
        return setup.choose(NEWS, number, n=news) or f"{news[:1].upper()}{news[1:]}."
    if found is None:
        setup.remarks.append("nothing new to add: no --news and every recorded moment was "
                             "used in an earlier note; give --news with something new")
        return ""
    moment, owner = found
    if owner == setup.person:
        if moment.thing:
            return setup.choose(OWN_THING, number, o=moment.thing) or ""
        pool = OWN_LAST if moment.open_ended else OWN_MOMENT
        return setup.choose(pool, number, t=moment.mention) or ""
    if moment.thing or moment.open_ended:
        return setup.choose(OTHER_LAST, number, t=moment.mention,
                            who=salutation_name(owner)) or ""
    return setup.choose(OTHER_MOMENT, number, t=moment.mention,
                        who=salutation_name(owner)) or ""


def _interview_date(setup: Setup) -> str:
    when = setup.context.interview.start or setup.context.interview.end
    return setup.date(when.date()) if when else "the day of my interview"


def _recall(setup: Setup, found: tuple[Woven, Person] | None) -> str | None:
    """One of the addressee's moments to recall, when the new content is not theirs."""
    if setup.person not in setup.context.interviewers or (
            found is not None and found[1] == setup.person and not setup.news):
        return None
    woven = [w for m in setup.person.moments if (w := weave(m)) is not None]
    return woven[0].mention if woven else None


def _reminder(setup: Setup, number: int, recall: str | None) -> str:
    ctx = setup.context
    values = {"i": _interview_date(setup), "role": role_phrase(ctx)}
    spoke = setup.person in ctx.interviewers
    reply = setup.date(ctx.expected_reply_by) if ctx.expected_reply_by else None
    pool: tuple[str, ...]
    if recall is not None:
        if reply is None:
            return setup.choose(RECALL_UNDATED, number, t=recall, **values) or ""
        if number > 2:
            return setup.choose(RECALL_LAST, number, t=recall, e=reply) or ""
        pool = RECALL_INTERVIEWER if number == 1 else RECALL_LATER
        return setup.choose(pool, number, t=recall, e=reply, **values) or ""
    if number > 1:
        if reply is None:
            return setup.choose(LATER, number, **values) or ""
        pool = LATER_DATED if spoke else LATER_OTHER
        return setup.choose(pool, number, e=reply, **values) or ""
    if ctx.expected_reply_by is None:
        pool = UNDATED_INTERVIEWER if spoke else UNDATED_OTHER
        return setup.choose(pool, number, **values) or ""
    pool = TO_INTERVIEWER if spoke else TO_OTHER
    return setup.choose(pool, number, e=setup.date(ctx.expected_reply_by), **values) or ""


def _next_step(setup: Setup, number: int) -> str:
    gaps = setup.thresholds.check_in_gaps_days
    days = gaps[min(number - 1, len(gaps) - 1)] if gaps else 14
    weeks = WEEKS.get(max(1, round(days / 7)), f"{round(days / 7)} weeks")
    return f"If there is no news yet, I will check back in {weeks}."


def check_in_parts(setup: Setup) -> dict[str, Any]:
    """Variables of the check-in template: shorter each time, never 'just checking in'."""
    number = check_in_number(setup)
    found = None if one_line(setup.news) else fresh_moment(setup)
    question = choose(QUESTIONS, lambda q: q, Memory(), index=number - 1) or QUESTIONS[0]
    return {
        "greeting": greeting(setup.person),
        "reminder": _reminder(setup, number, _recall(setup, found)),
        "news_sentence": _news_sentence(setup, number, found),
        "timeline_question": (f"{question} " if number < 3 else "")
        + _next_step(setup, number),
        "appreciation": setup.choose(APPRECIATION, number,
                                     company=company_name(setup.context)) or ""
        if number == 1 else "",
        "closing": ("Best regards", "Kind regards", "With thanks")[(number - 1) % 3],
        "signer": signer(setup.context),
        "number": number,
    }
