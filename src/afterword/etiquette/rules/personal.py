"""Is the note written for this person? (AW201)

The best notes touch on the moments of the interview that mattered to this interviewer.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.etiquette.text.lemmas import (
    generic_stems,
    moment_matches,
    stems,
    with_generic,
)
from afterword.report import Severity


def _context_words(facts: Facts) -> frozenset[str]:
    ctx = facts.context
    words = " ".join(
        [ctx.role or "", ctx.company or "", *ctx.company_aliases]
        + [p.name or "" for p in ctx.people]
        + [ctx.candidate.name or ""]
    )
    return with_generic(stems(words))


def _needs_person(facts: Facts) -> str | None:
    if facts.addressee is None:
        return "no addressee known (context 'recipient')"
    return None


def _check_personal(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None
    exclude = _context_words(facts)
    # Stems never cross whitespace: the note's are its paragraphs' (cached per text).
    lemmas = set().union(*(stems(facts.note.text(p)) for p in facts.note.paragraphs))
    lemmas -= exclude
    moments = [m for m in person.moments if m.strip()]
    name = person.name or "the interviewer"
    if moments:
        if any(moment_matches(m, lemmas, exclude) for m in moments):
            return
        listed = "; ".join(moments[:3])
        yield Hit(
            f"The note mentions none of the moments recorded with {name} ({listed}). Add a "
            "sentence or two about one of them.",
        )
        return
    if len(lemmas - generic_stems()) < 4:
        yield Hit(
            f"The note says nothing specific to your conversation with {name}. Recall one "
            "moment or topic from the interview.",
        )


RULES = (
    Rule(
        code="AW201",
        name="not-personalized",
        severity=Severity.WARNING,
        summary="Touch on a moment from your conversation with this interviewer.",
        rationale=(
            "A thank-you note is not one-size-fits-all. The ones that work recall the moments "
            "when the interviewer was most engaged; a sentence or two about them is enough. "
            "Record those moments per interviewer and the checker looks for them by meaning, "
            "not exact words."
        ),
        check=_check_personal,
        needs=_needs_person,
        kinds=frozenset({"thank_you", "check_in"}),
        examples=(
            flags(
                'stock only',
                (
                    'Hearing how your team is moving the sales dashboards to dbt was the '
                    'highlight of the afternoon, and I would enjoy helping with the testing side '
                    'of that work. Your Friday demo sessions also sound like a generous way to '
                    'share work early.'
                ),
                'It was a pleasure to learn more about the role and the team.',
            ),
            passes(
                'moments matched by lemma, not exact words',
                'Your Friday demo sessions',
                'Your demo Fridays',
            ),
        ),
    ),
)
