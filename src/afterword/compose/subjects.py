"""Subject lines: specific, under 70 characters, one line, different across a panel."""

from __future__ import annotations

from collections.abc import Mapping

from afterword.compose.common import Setup, one_line
from afterword.compose.render import render

THANK_YOU = (
    "Thank you for our conversation about the {role} role",
    "Thank you from {writer}: {role} interview",
    "Thanks for your time on the {role} interview",
    "With thanks: {role} conversation",
    "Our {role} interview: thank you",
)
FALLBACK = {
    "thank_you": "Thank you for our conversation",
    "check_in": "A short update on my application",
    "request_email": "Sending thanks to my interviewers",
    "after_rejection": "Thank you for letting me know",
}
OTHER = {
    "check_in": "{role} application: a short update",
    "request_email": "A request after my {role} interview",
    "after_rejection": "Thank you, and staying in touch",
}


def default_subject(setup: Setup) -> str:
    """The subject drafted for this kind of note, before any user template."""
    ctx = setup.context
    role, kind = one_line(ctx.role), ctx.kind
    pattern = setup.pick(THANK_YOU) if kind == "thank_you" else OTHER[kind]
    writer = one_line(ctx.candidate.name)
    if ("{role}" in pattern and not role) or ("{writer}" in pattern and not writer):
        return FALLBACK[kind]
    subject = pattern.format(role=role, writer=writer)
    return subject if len(subject) <= setup.thresholds.subject_max_chars else FALLBACK[kind]


def subject_for(setup: Setup, templates: Mapping[str, str]) -> str:
    """The subject, through the (overridable) subject template, always one clean line."""
    default = default_subject(setup)
    rendered = render("subject.txt.j2", {
        "subject": default, "kind": setup.context.kind, "role": one_line(setup.context.role),
        "company": one_line(setup.context.company), "name": one_line(setup.person.name),
        "writer": one_line(setup.context.candidate.name),
    }, templates)
    return one_line(rendered) or default
