"""Each person's part in the interview, from all the evidence an invite carries.

In order of weight: what the description says of them (an "Interviewers:" line, an agenda
row, "you will meet …", a "Coordinator:" line, a recruiter's sign-off); ROLE=CHAIR; the
recruiting words of their name, title or address; whether they organised it while others
attend; NON-PARTICIPANT.  The organiser of a one-to-one, or one the summary or the
description names as host, is an interviewer, not the scheduler.
"""

from __future__ import annotations

import re
from dataclasses import replace

from afterword.calendar.employer import domain_of, employer_domains
from afterword.calendar.records import Attendee
from afterword.calendar.roster import (
    Named,
    fold,
    looks_like_name,
    natural_name,
    robot_address,
    scheduler_kind,
)
from afterword.limits import MAX_PEOPLE_PER_INVITE

MAX_PEOPLE = MAX_PEOPLE_PER_INVITE  # the first ones are kept (limits.py)
# The organiser writing as the host: "I look forward to meeting you", "I'll be joined by …".
_ORGANIZER_HOSTS = re.compile(
    r"(?i)\bI(?:'m| am|’m)? (?:really )?look(?:ing)? forward to (?:meeting|speaking|talking|"
    r"chatting)|\bI(?:'ll|’ll| will) be joined by\b|\b(?:meet|speak|chat|talk) with me\b"
    r"|\bjoin(?:ing)? me\b")
_HONORIFIC = re.compile(r"(?i)^(?:dr|prof|mr|mrs|ms|mx|miss)\.?\s+")
_GREETING = re.compile(r"(?im)^\s*(?:hi|hello|dear|hey|good (?:morning|afternoon))\s+"
                       r"(?P<name>[^\W\d_][\w'’-]*)")


def name_key(name: str | None) -> str:
    """A name for comparing: folded, honorific off, 'Family, Given' turned round."""
    return fold(_HONORIFIC.sub("", natural_name(name or "")))


def _same_person(person: Attendee, named: Named) -> bool:
    if person.email and named.email and person.email == named.email:
        return True
    mine, theirs = name_key(person.name), name_key(named.name)
    if not mine or not theirs:
        return False
    return mine == theirs or (mine.split()[0] == theirs.split()[0]
                              and mine.split()[-1] == theirs.split()[-1])


def assign_roles(people: tuple[Attendee, ...], named: list[Named], summary: str,
                 description: str = "") -> tuple[Attendee, ...]:
    """The people with their kind and title, plus those only the description names."""
    matched: set[int] = set()
    result: list[Attendee] = []
    hosts = [n for n in named if n.kind in {"interviewer", "hiring_manager"}]
    others = [p for p in people if not p.organizer]
    for person in people:
        index = next((i for i, n in enumerate(named) if _same_person(person, n)), None)
        if index is not None:
            matched.add(index)
            said = named[index]
            result.append(replace(person, kind=said.kind, title=person.title or said.title,
                                  email=person.email or said.email))
            continue
        hosting = bool(_ORGANIZER_HOSTS.search(description[:5000]))
        result.append(replace(person, kind=_kind_without_mention(person, others, hosts,
                                                                 summary, hosting=hosting)))
    known = {p.email for p in result if p.email}
    for index, said in enumerate(named):
        if index in matched or (said.email and (said.email in known or robot_address(
                said.email))):
            continue
        result.append(Attendee(said.name, said.email, None, None, organizer=False,
                               title=said.title, kind=said.kind, source="description"))
    return tuple(result[:MAX_PEOPLE])


def _kind_without_mention(person: Attendee, others: list[Attendee], hosts: list[Named],
                          summary: str, *, hosting: bool = False) -> str:
    if person.role == "CHAIR":
        return "interviewer"
    words = f"{person.name or ''} {person.title or ''} {(person.email or '').partition('@')[0]}"
    said = scheduler_kind(words.replace(".", " ").replace("_", " "))
    if said is not None:
        return said
    if person.organizer:
        if hosting or _named_in(person, summary):
            return "interviewer"
        if others or hosts:
            return "scheduler"
        return "interviewer"
    if person.role == "NON-PARTICIPANT":
        return "coordinator"
    return "interviewer"


def _named_in(person: Attendee, text: str) -> bool:
    key = name_key(person.name)
    return bool(key) and len(key.split()) >= 2 and key in fold(text)


def find_candidate(people: tuple[Attendee, ...], description: str,
                   user_name: str | None = None, *, organized: bool = False
                   ) -> Attendee | None:
    """Who, on an invite none of the user's addresses matched, seems to be the user.

    The attendee outside the employer's domain (webmail, a school) who did not organise it;
    when several are, the one the description greets ("Hi Sam,") or who has the user's name.
    A lone outside attendee of an invite someone `organized` (a scheduling tool, a hiring
    manager) is the one it was sent to.
    """
    attendees = [p for p in people if p.email and not p.organizer and p.source == "attendee"
                 and p.cutype not in {"ROOM", "RESOURCE", "GROUP"}]
    employer = set(employer_domains(p.email for p in people
                                    if p.organizer or p.kind != "interviewer" or p.title))
    if not employer:
        employer = set(employer_domains(p.email for p in people))
    from afterword.calendar.employer import registered_label

    outside = [p for p in attendees
               if (registered_label(domain_of(p.email)) or domain_of(p.email)) not in employer]
    if user_name:
        mine = [p for p in attendees if name_key(p.name) == name_key(user_name)]
        if mine:
            return mine[0]
    if len(outside) == 1 and (len(attendees) > 1 or organized
                              or _greets(outside[0], description)):
        return outside[0]
    greeted = [p for p in outside or attendees if _greets(p, description)]
    return greeted[0] if len(greeted) == 1 else None


def _greets(person: Attendee, description: str) -> bool:
    found = _GREETING.search(description[:2000])
    if not found:
        return False
    given = fold(found["name"])
    name = name_key(person.name) if person.name and looks_like_name(person.name) else ""
    local = fold((person.email or "").partition("@")[0].replace(".", " ").replace("_", " "))
    return bool(given) and (given == (name.split() or [""])[0] or given == local.split()[0])
