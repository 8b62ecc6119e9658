"""Who the note goes to: the interviewer's own address, and nobody else (AW101, AW102).

A thank-you that lands in a scheduler's or shared inbox may never reach the person it
thanks; one message to several people (or several employers) reads as a form letter.
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.etiquette.engine.registry import Facts, Hit, Rule, flags, passes
from afterword.report import Severity

ROLE_INBOXES = frozenset(
    "careers jobs job hr recruiting recruitment recruiter talent hiring hello info contact "
    "office admin team people apply applications noreply no-reply enquiries inquiries "
    "graduate.recruitment staffing".split()
)


def _fold(address: str) -> str:
    return address.strip().casefold()


def _domain(address: str) -> str:
    return _fold(address).rpartition("@")[2]


def _needs_to(facts: Facts) -> str | None:
    if facts.to is None:
        return "no To addresses known (give context 'to' or a To header)"
    if facts.addressee is None:
        return "no addressee known (context 'recipient', or the scheduler for request_email)"
    return None


def _check_recipient(facts: Facts) -> Iterator[Hit]:
    person = facts.addressee
    assert person is not None and facts.to is not None
    to = [_fold(a) for a in facts.to]
    name = person.name or "the addressee"
    shown = ", ".join(facts.to) or "nobody"
    if person.email:
        if _fold(person.email) in to:
            return
        yield Hit(
            f"This note is for {name}, but their address ({person.email}) is not in To "
            f"(it goes to {shown}). Put {person.email} in To.",
            suggestions=(person.email,),
        )
        return
    scheduler = facts.context.scheduler
    known_wrong = {_fold(p.email) for p in facts.context.people if p.email and p is not person}
    if scheduler and scheduler.email:
        known_wrong.add(_fold(scheduler.email))
    wrong = [a for a in to if a in known_wrong or a.partition("@")[0] in ROLE_INBOXES]
    if not to or wrong:
        yield Hit(
            f"{name}'s own address is not on record, and this note goes to {shown}. Ask the "
            "scheduler for it (afterword draft --kind request_email) or send a handwritten card."
        )


def _needs_any_recipients(facts: Facts) -> str | None:
    if facts.to is None and not facts.cc and not facts.bcc:
        return "no recipients known (give context 'to'/'cc'/'bcc' or the headers)"
    return None


def _check_catch_all(facts: Facts) -> Iterator[Hit]:
    own = _fold(facts.context.candidate.email or "")
    everyone = [*(facts.to or ()), *facts.cc, *facts.bcc]
    seen: dict[str, str] = {}
    for address in everyone:
        if _fold(address) != own:
            seen.setdefault(_fold(address), address)
    if len(seen) <= 1:
        return
    domains = {_domain(a) for a in seen}
    hidden = [a for a in facts.bcc if _fold(a) != own]
    copied = [a for a in facts.cc if _fold(a) != own]
    detail = f"{len(seen)} recipients ({', '.join(seen.values())})"
    if hidden:
        detail += f", {len(hidden)} of them in Bcc"
    elif copied:
        detail += f", {len(copied)} of them in Cc"
    worst = " across different employers" if len(domains) > 1 else ""
    keep = facts.addressee.email if facts.addressee and facts.addressee.email else None
    yield Hit(
        f"This note goes to {detail}{worst}. Send one personal note per interviewer, "
        "with only that person in To.",
        suggestions=(keep,) if keep else (),
    )


RULES = (
    Rule(
        code="AW101",
        name="recipient-not-interviewer",
        severity=Severity.ERROR,
        summary="The interviewer's own address must be in To.",
        rationale=(
            "A note sent to whoever scheduled the interview, or to a shared careers inbox, "
            "may never reach the person it thanks. Write to the interviewer directly. When "
            "their address is unknown, ask the person who arranged the interview for it, or "
            "send a paper note instead."
        ),
        check=_check_recipient,
        needs=_needs_to,
        media=frozenset({"email"}),
        examples=(
            flags('scheduler inbox', to=['recruiting@northwind.example']),
            flags('other panelist', to=['arjun.mehta@northwind.example']),
            passes("the interviewer's own address"),
        ),
    ),
    Rule(
        code="AW102",
        name="catch-all-recipients",
        severity=Severity.ERROR,
        summary="One note, one interviewer: no extra To, Cc or Bcc.",
        rationale=(
            "A single message copied to several people, or blind-copied to other employers, "
            "is impersonal, and employers can tell. Each interviewer gets their own note; "
            "copying only your own address is fine."
        ),
        check=_check_catch_all,
        needs=_needs_any_recipients,
        media=frozenset({"email"}),
        examples=(
            flags('bcc another employer', bcc=['hiring@globex.example']),
            flags(
                'two in To',
                to=['priya.raman@northwind.example', 'arjun.mehta@northwind.example'],
            ),
            passes('cc to yourself is fine', cc=['sam.ortiz@example.org']),
        ),
    ),
)
