"""Paper notes: an address to send them to, and time for the post (AW601, AW602).

A handwritten card is a thoughtful touch in formal fields, but only if it can reach the
interviewer, and reach them before the decision is made.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.registry import Facts, Hit, Rule
from afterword.report import Severity


def _needs_addressee(facts: Facts) -> str | None:
    return None if facts.addressee is not None else "no addressee known (context 'recipient')"


def _check_address(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None
    if (person.mailing_address or "").strip() or facts.context.drop_off:
        return
    yield Hit(
        f"There is no mailing address for {person.name or 'the addressee'} and no drop-off at "
        "reception arranged. Record the address, plan to leave the card at reception "
        "(drop_off), or send an email.",
    )


def _needs_dates(facts: Facts) -> str | None:
    if facts.context.expected_reply_by is None:
        return "no reply date on record (context 'expected_reply_by')"
    if facts.context.send_at is None and facts.context.interview.end is None:
        return "no send or interview date"
    return None


def _check_slow(facts: Facts) -> Iterator[Hit]:
    ctx = facts.context
    if ctx.drop_off:
        return
    expected = ctx.expected_reply_by
    when = ctx.send_at or ctx.interview.end
    assert expected is not None and when is not None
    days = (expected - when.date()).days
    if days < facts.thresholds.mailed_min_days:
        yield Hit(
            f"The decision is due in {days} days and post takes several. Email the thanks now "
            "(and send the card as well if you like).",
        )


RULES = (
    Rule(
        code="AW601", name="no-mailing-address", severity=Severity.ERROR,
        summary="A card needs a mailing address or a drop-off.",
        rationale=(
            "Before writing by hand, make sure the card can arrive: a mailing address for the "
            "interviewer, or a receptionist who will pass it on."
        ),
        check=_check_address, needs=_needs_addressee, media=frozenset({"handwritten"}),
    ),
    Rule(
        code="AW602", name="slow-medium", severity=Severity.WARNING,
        summary="No mailed card when the decision is days away.",
        rationale=(
            "Post takes days. When the decision is expected within a week, email now; a card "
            "can follow as an extra."
        ),
        check=_check_slow, needs=_needs_dates, media=frozenset({"handwritten"}),
    ),
)
