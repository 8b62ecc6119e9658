"""Email, a handwritten card, or both: which medium suits a thank-you.

A pure function over what the user knows (docs/follow-up-policy.md):

* email is the default, and always part of the answer when the decision is expected
  within a week or the correspondence so far has been by email;
* a handwritten card is worth it only in a formal field, when the decision is known to
  be a week or more away, a mailing address or a drop-off at reception is known, and the
  writer has time to personalise it by hand. Then it comes *in addition* to an email when
  the correspondence was by email ("both"), otherwise on its own ("handwritten");
* an unknown decision date is not known to be a week away, so it means email.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from afterword.plan.business import add_business_days
from afterword.plan.policy import long_date
from afterword.thresholds import DEFAULT, Thresholds

__all__ = ["FORMAL", "Advice", "advise", "card_post_by", "is_formal"]

FORMAL = frozenset({"law", "legal", "consulting", "finance", "banking", "government",
                    "public sector", "academia", "university", "accounting"})


@dataclass(frozen=True)
class Advice:
    """The medium, why, what to take care of on paper, and when to post a card."""

    medium: str  # "email" | "handwritten" | "both"
    reasons: tuple[str, ...]
    checklist: tuple[str, ...]
    post_by: date | None


def card_post_by(interview_date: date, country: str | None,
                 thresholds: Thresholds = DEFAULT) -> tuple[date, date]:
    """(post by, at the latest) for a card after an interview on `interview_date`."""
    def step(days: int) -> date:
        if days == 0:
            return interview_date
        return add_business_days(interview_date, days, country)

    return (step(thresholds.card_post_business_days),
            step(thresholds.card_latest_business_days))


def is_formal(industry: str | None) -> bool:
    """True when `industry` names a formal field ("Corporate law", "Investment banking")."""
    if not industry:
        return False
    text = " ".join(re.findall(r"[a-z]+", industry.lower()))
    return any(re.search(rf"\b{re.escape(term)}\b", text) for term in FORMAL)


def _email_reasons(*, formal: bool, industry: str | None, emailed: bool,
                   decision_in_days: int | None, reachable: bool, time: bool,
                   week: int) -> list[str]:
    """Why email (alone or first): the facts that rule a card out or make email needed."""
    reasons: list[str] = []
    if decision_in_days is not None and decision_in_days < week:
        reasons.append("They expect to decide within a week, and a posted card can take "
                       "days to arrive, so an email is the way to be heard in time.")
    if emailed:
        reasons.append("You have been in touch with them by email, so an email thank-you "
                       "fits the way you already correspond.")
    if not formal:
        field = f"In {industry.strip()}" if industry and industry.strip() else "In most fields"
        reasons.append(f"{field}, a prompt email is the usual and fully accepted way to "
                       "say thank you.")
        return reasons
    if decision_in_days is None:
        reasons.append("You do not know yet when they will decide, so email is the safe "
                       "choice; a card only makes sense when the decision is a week or "
                       "more away.")
    if not reachable:
        reasons.append("You have neither a mailing address nor a way to leave a card at "
                       "reception, so a card could not reach them.")
    if not time:
        reasons.append("Without time to personalise a card by hand, an email is the better "
                       "choice; a generic card does not help.")
    return reasons


def _card_reasons(industry: str | None, *, emailed: bool) -> list[str]:
    field = (industry or "").strip() or "This"
    card = "a handwritten card on top of the email" if emailed else "a handwritten card"
    reasons = [f"{field[0].upper()}{field[1:]} is a formal field, where {card} is a "
               "thoughtful touch that shows care for detail.",
               "The decision is at least a week away, so a card will arrive in time."]
    if emailed:
        reasons.insert(0, "You have been in touch with them by email, so send an email "
                          "thank-you now and let the card follow.")
    else:
        reasons.append("Your contact with them so far has not been by email, so the card "
                       "can stand on its own.")
    return reasons


def _checklist(*, address: bool, drop_off: bool, post_by: date, latest: date) -> tuple[
        str, ...]:
    if address:
        reach = "Have the interviewer's full mailing address ready"
        reach += (", or leave the card at reception if it must arrive sooner." if drop_off
                  else ".")
    else:
        reach = ("Arrange to leave the card at reception, in an envelope with the "
                 "interviewer's full name on it.")
    send = "Drop it off" if not address else "Post it"
    return (
        reach,
        "Use clean, professional stationery: a plain card and envelope, nothing novelty.",
        "Write neatly and legibly; draft the text first, then copy it out by hand.",
        "Personalise it: every rule for the note still applies (their name spelt right, a "
        "moment from your conversation, short, checked for mistakes).",
        f"{send} by {long_date(post_by)}, the next business day after the interview, or by "
        f"{long_date(latest)} at the latest.",
    )


def advise(*, industry: str | None, corresponded_by_email: bool,
           decision_in_days: int | None, mailing_address_known: bool,
           drop_off_possible: bool, time_to_personalise: bool, interview_date: date,
           country: str | None = "US", thresholds: Thresholds = DEFAULT) -> Advice:
    """Which medium to use for a thank-you, with reasons and, for paper, a checklist."""
    formal = is_formal(industry)
    reachable = mailing_address_known or drop_off_possible
    week = thresholds.mailed_min_days
    week_away = decision_in_days is not None and decision_in_days >= week
    if not (formal and reachable and time_to_personalise and week_away):
        reasons = _email_reasons(formal=formal, industry=industry,
                                 emailed=corresponded_by_email,
                                 decision_in_days=decision_in_days, reachable=reachable,
                                 time=time_to_personalise, week=week)
        return Advice("email", tuple(reasons), (), None)
    medium = "both" if corresponded_by_email else "handwritten"
    reasons = _card_reasons(industry, emailed=corresponded_by_email)
    post_by, latest = card_post_by(interview_date, country, thresholds)
    checklist = _checklist(address=mailing_address_known, drop_off=drop_off_possible,
                           post_by=post_by, latest=latest)
    return Advice(medium, tuple(reasons), checklist, post_by)
