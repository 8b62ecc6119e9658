"""A specific subject line of a sensible length (AW505)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.etiquette.engine.examples import SAMPLE_NOTE
from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity

_GENERIC_SUBJECTS = frozenset({
    "hi", "hello", "hey", "hi there", "following up", "follow up", "follow-up", "checking in",
    "just checking in", "thank you", "thanks", "thank-you", "thank you note", "interview",
    "re", "fwd", "no subject", "update", "quick question", "note", "greetings",
    "touching base", "thank you for your time", "thanks again", "my interview", "application",
})


def _needs_subject(facts: Facts) -> str | None:
    if facts.note.is_message or facts.context.subject is not None:
        return None
    return "no subject known (plain-text note without context 'subject')"


def _check_subject(facts: Facts) -> Iterator[Hit]:
    subject = (facts.subject or "").strip()
    ctx = facts.context
    better = f"Thank you: {ctx.role} interview" if ctx.role else "Thank you for today's interview"
    if ctx.kind == "check_in" and ctx.role:
        better = f"{ctx.role} application: a short update"
    if ctx.kind == "request_email" and ctx.addressee is not None:
        person = next(iter(ctx.interviewers), None)
        better = f"Request for {person.name}'s email address" if person and person.name else better
    if not subject:
        yield Hit(f"The email has no subject. Try '{better}'.", suggestions=(better,))
        return
    simple = re.sub(r"[^\w\s'-]", "", subject).strip().casefold()
    simple = re.sub(r"^(?:re|fwd?)\s+", "", simple)
    if simple in _GENERIC_SUBJECTS:
        yield Hit(f"The subject '{subject}' could be about anything. Try '{better}'.",
                  suggestions=(better,))
    elif len(subject) > facts.thresholds.subject_max_chars:
        yield Hit(
            f"The subject is {len(subject)} characters; keep it under "
            f"{facts.thresholds.subject_max_chars} so it is not cut off.",
            suggestions=(better,),
        )


RULES = (
    Rule(
        code="AW505", name="subject-line", severity=Severity.WARNING,
        summary="A specific subject line under about 70 characters.",
        rationale=(
            "'Hi' or 'Following up' tells a busy reader nothing and may be skipped; a long "
            "subject is cut off. Name the role or the conversation."
        ),
        check=_check_subject, needs=_needs_subject, media=frozenset({"email"}),
        examples=(
            flags(
                'generic subject',
                subject='Following up',
            ),
            flags(
                'missing',
                note='To: priya.raman@northwind.example\n\n' + SAMPLE_NOTE,
            ),
            passes('specific subject'),
        ),
    ),
)
