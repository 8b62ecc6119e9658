"""A handwritten card needs somewhere to go (AW601)."""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
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


RULES = (
    Rule(
        code="AW601", name="no-mailing-address", severity=Severity.ERROR,
        summary="A card needs a mailing address or a drop-off.",
        rationale=(
            "Before writing by hand, make sure the card can arrive: a mailing address for the "
            "interviewer, or a receptionist who will pass it on."
        ),
        check=_check_address, needs=_needs_addressee, media=frozenset({"handwritten"}),
        examples=(
            flags(
                'no address, no drop-off',
                medium='handwritten',
            ),
            passes(
                'drop-off',
                medium='handwritten',
                drop_off=True,
            ),
        ),
    ),
)
