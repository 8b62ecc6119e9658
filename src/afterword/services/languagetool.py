"""The check behind the LanguageTool endpoint: text from another program, checked against
the interview it is about.

The interview is inferred (`which_interview.guess`); a confident guess runs the whole
catalogue with that interview's context, anything else the rules that need no context
plus Harper, with every name the user knows never taken for a typo. Repeated texts (a
client re-sends the whole text on every pause) go through the incremental live session
(`services.live`), one per account and interview.

`account` names whose data is checked: the local app has one user ("local"); server mode
resolves `username` + `apiKey` to its user before calling `check_text`, and scopes the
query and the session key by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.etiquette.text.names import fold
from afterword.report import Report
from afterword.services.live import live_check
from afterword.services.which_interview import Guess, guess

LOCAL_ACCOUNT = "local"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.I)


@dataclass(frozen=True)
class ClientCheck:
    """A report on the text and the interview it was checked against."""

    report: Report
    guess: Guess


def check_text(session: Session, text: str, settings: Settings, *, now: datetime,
               dialect: str | None = None, account: str = LOCAL_ACCOUNT) -> ClientCheck:
    """Check `text` (as a mail client holds it) against the interview it is about."""
    found = guess(session, text, settings, now=now, dialect=dialect, account=account)
    if found.context is not None:
        key = ("languagetool", account, found.application_id, found.person_id)
        return ClientCheck(live_check(key, found.context, settings, text), found)
    context = {"dialect": dialect} if dialect else {}
    report = live_check(("languagetool", account, None), context, settings, text)
    known = _tokens(found.known_names)
    report.findings = [f for f in report.findings
                       if not (f.code == "AW501" and _is_known(f.excerpt or "", known))]
    return ClientCheck(report, found)


def _tokens(names: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        for token in re.split(r"[^\w'’\-]+", name):
            token = _POSSESSIVE.sub("", token)
            out |= {fold(t) for t in re.split(r"[\-'’]", token) if t} | {fold(token)}
    return frozenset(t for t in out if t)


def _is_known(word: str, known: frozenset[str]) -> bool:
    base = fold(_POSSESSIVE.sub("", word.strip()))
    parts = [p for p in re.split(r"[\s\-'’]+", base) if p]
    return base in known or (bool(parts) and all(p in known for p in parts))
