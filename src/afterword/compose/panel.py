"""One thank-you to the coordinator of a large panel, naming everyone (a setting)."""

from __future__ import annotations

from typing import Any

from afterword.compose.common import Setup, greeting, one_line, role_phrase, signer
from afterword.compose.moments import weave
from afterword.compose.thanks import follow_up_line


def _names(setup: Setup) -> list[str]:
    return [one_line(p.name or f"{p.given_name or ''} {p.family_name or ''}")
            for p in setup.context.interviewers if p.name or p.given_name]


def panel_parts(setup: Setup) -> dict[str, Any]:
    """Variables of the panel template: thanks to the coordinator, every panelist named."""
    names = _names(setup)
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    sentences: list[str] = []
    frames = ("The conversation with {who} about {t} was a highlight.",
              "Talking with {who} about {t} was a real pleasure too.")
    for person in setup.context.interviewers:
        woven = [w for m in person.moments if (w := weave(m, addressed=False))]
        found = next((w for w in woven if w.clause is None), None)
        if found is not None and len(sentences) < len(frames):
            who = one_line(person.name or person.given_name)
            frame = ("It was good to talk with {who} about {t}." if found.open_ended
                     else frames[len(sentences)])
            sentences.append(frame.format(who=who, t=found.mention))
    if not sentences:
        sentences.append("Hearing how each of the panelists approaches the work gave me a "
                         "vivid picture of the team's priorities and challenges.")
    return {
        "greeting": greeting(setup.person),
        "opening": f"Thank you for {setup.spell('organizing')} my interview for "
        f"{role_phrase(setup.context)}.",
        "panel_sentence": f"Please pass my thanks to {listed} for their time and their "
        "questions.",
        "moment_sentences": sentences,
        "role_line": "",
        "follow_up": follow_up_line(setup),
        "closing": "Best regards",
        "signer": signer(setup.context),
        "panelists": names,
    }
