"""The employer and the role an invite is about: from its summary, its description and the
employer's own addresses — never from the scheduling tool, video service or webmail that
carried it (``TOOL_DOMAINS``, ``WEBMAIL_DOMAINS``).  A summary of markup gives no company.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

# Scheduling tools, applicant-tracking systems, video and calendar services: they send
# invites for employers, so their domain never names one.
TOOL_DOMAINS = frozenset("""
greenhouse.io greenhouse-mail.io lever.co hire.lever.co myworkday.com workday.com
workdaymail.com goodtime.io modernloop.io calendly.com ashbyhq.com ashby.io smartrecruiters.com
icims.com jobvite.com zoom.us zoomgov.com zoom.com teams.microsoft.com
google.com calendar.google.com resource.calendar.google.com office365.com office.com gem.com
paradox.ai hirevue.com yello.co rippling.com bamboohr.com
workable.com workablemail.com recruitee.com teamtailor.com teamtailor-mail.com breezy.hr
applytojob.com jazzhr.com pinpointhq.com personio.de personio.com taleo.net oraclecloud.com
successfactors.com successfactors.eu sap.com ultipro.com dayforcehcm.com cronofy.com
reclaim.ai doodle.com acuityscheduling.com youcanbook.me hubspot.com chilipiper.com x.ai
prelude.co coderpad.io hackerrank.com codility.com codesignal.com karat.com webex.com
gotomeeting.com whereby.com bluejeans.com
""".split())
WEBMAIL_DOMAINS = frozenset("""
gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk live.com msn.com yahoo.com
yahoo.co.uk ymail.com icloud.com me.com mac.com aol.com proton.me protonmail.com pm.me gmx.com
gmx.de gmx.net zoho.com fastmail.com hey.com yandex.com yandex.ru mail.com web.de qq.com
163.com 126.com naver.com
""".split())
# Addresses at these are the tool's own robots, never a person of the employer's.
_MEETING_SERVICES = frozenset("zoom.us zoomgov.com zoom.com teams.microsoft.com microsoft.com "
                              "google.com office365.com office.com webex.com gotomeeting.com "
                              "whereby.com bluejeans.com".split())
_TOOL_LABELS = frozenset(
    "greenhouse lever myworkday workday goodtime modernloop calendly ashbyhq ashby "
    "smartrecruiters icims jobvite zoom gem paradox hirevue rippling bamboohr workable recruitee "
    "teamtailor breezy applytojob jazzhr pinpointhq taleo successfactors cronofy doodle "
    "myworkdayjobs workdayjobs hirebridge paylocity ultipro dayforce"
    .split())
_SECOND_LEVEL = frozenset({"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"})

_ROLE_WORD = re.compile(
    r"(?i)\b(?:analyst|engineer|developer|programmer|manager|designer|scientist|director|lead|head"
    r" of|intern|internship|associate|specialist|consultant|coordinator|administrator|architect"
    r"|officer|representative|assistant|accountant|advis[oe]r|researcher|writer|editor|recruiter"
    r"|technician|nurse|teacher|lecturer|professor|counsel|attorney|lawyer|paralegal|strategist"
    r"|planner|executive|vp|sre|devops|owner|supervisor|fellow|postdoc|clerk|controller|auditor"
    r"|economist|statistician|pharmacist|therapist|physician)s?\b"
)
_FILLER = (
    r"(?:(?:first|second|third|final|next|1st|2nd|3rd|\d+th)\s+round|round\s*\d+|\d+\s*/\s*\d+"
    r"|updated|invitation|invite|phone|video|virtual|remote|onsite|on-site|in-person|technical"
    r"|behaviou?ral|hiring manager|panel|initial|intro(?:ductory)?|final|interviews?|role"
    r"|position|opening|screen(?:ing)?|calls?|chat|conversation|meeting|the|a|an|our|re|fwd?"
    r"|confirmed|confirmation|rescheduled|cancel+ed|canceled|moved|new event|event"
    r"|scheduled|loop|super ?day|assessment|case study|take-home|culture|values|team|coffee"
    r"|informational|catch[- ]up|sync|campus|career fair|hiring manager|recruiter|meet and greet"
    r"|external|accepted|tentative|declined|reminder|updated invitation|new time proposed"
    r"|invitation|confirmation|confirmed|details|request|proposal)"
)
_EDGE_FILLER = re.compile(rf"(?i)^(?:{_FILLER}\b[\s:,-]*)+|(?:[\s:,-]*\b{_FILLER})+$")
_SEPARATOR = re.compile(r"(?i)\s+(?:[-–—|/@x]|at|with|for)\s+|\s*(?:[–—|:()\[\]]|<>)\s*|,\s+")
_COMPANY_LABEL = re.compile(r"(?im)^[ \t]*(?:company|employer|organi[sz]ation|client)[ \t]*:"
                            r"[ \t]*(.+)$")
_ROLE_LABEL = re.compile(r"(?im)^[ \t]*(?:role|position|job title|job|requisition)[ \t]*:"
                         r"[ \t]*(.+)$")
_DATE_WORDS = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}\b|\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b"
    r"|^(?-i:[ECMPA][SD]T|UTC|GMT|BST|CES?T|IST|JST|AES?T|AEDT|SGT|HKT)$")
_EVENT_NAME = re.compile(r"(?im)^[ \t]*event (?:name|type)[ \t]*:[ \t]*(.+)$")
_COMPANY_PHRASES = (
    re.compile(r"(?:^|\n)[ \t]*(?:The\s+)?(?P<c>[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,3})\s+"
               r"(?:Recruiting|Talent(?:\s+Acquisition)?|Hiring|People|Careers|Recruitment)"
               r"\s+Team\b"),
    re.compile(r"\b(?:interest in(?: joining| working at| a role at| the role at)?|on behalf of"
               r"|position at|role at|opportunity at|interviewing (?:with|at)|join(?:ing)?"
               r" the team at|welcome to)\s+(?P<c>[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,3})"),
)
_MARKUP = re.compile(r"</?[a-z!][^>]*>?|&[#\w]+;|\{\{|\}\}|\$\{|[{}]"
                     r"|\b(?:javascript|onerror|script)\b", re.I)
_SIMPLE_TAG = re.compile(r"(?i)</?(?:b|i|u|em|strong|span|font|br|p|div|small|big)\b[^<>]*>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\\[nNrRtT]")


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat[:limit]


def domain_of(email: str | None) -> str:
    """The domain of an address, lower case ('' for none)."""
    return (email or "").rpartition("@")[2].lower().strip(".")


def is_tool_domain(domain: str) -> bool:
    """A scheduling tool's, ATS's, video or calendar service's domain (or a subdomain)."""
    parts = domain.lower().split(".")
    whole = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    return bool(whole & TOOL_DOMAINS) or bool(set(parts[:-1]) & _TOOL_LABELS)


def is_robot_domain(domain: str) -> bool:
    """A scheduling tool's or ATS's domain: its addresses send invites, they do not interview."""
    parts = domain.lower().split(".")
    whole = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    return is_tool_domain(domain) and not whole & _MEETING_SERVICES


def is_employer_domain(domain: str) -> bool:
    """A domain that could be an employer's own (not a tool's, not webmail)."""
    return bool(domain) and not is_tool_domain(domain) and domain not in WEBMAIL_DOMAINS \
        and "." in domain


def registered_label(domain: str) -> str | None:
    """'careers.blue-yonder.co.uk' → 'blue-yonder'."""
    labels = [part for part in domain.split(".") if part]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else None


def employer_domains(emails: Iterable[str | None]) -> list[str]:
    """The employer's domains among these addresses, most frequent first."""
    counts = Counter(registered_label(d) or d for d in map(domain_of, emails)
                     if is_employer_domain(d))
    return [label for label, _ in counts.most_common()]


def _tidy(text: str) -> str | None:
    cleaned = _EDGE_FILLER.sub("", _one_line(text, 120)).strip(" .,;:-–—\"'!?*")
    if not re.search(r"[^\W\d_]{3}", cleaned) or "@" in cleaned or "://" in cleaned:
        return None  # no word in it: a requisition number ("R-10423"), punctuation
    if _DATE_WORDS.search(cleaned):
        return None  # "Wed Dec 3", "2pm - 3pm (EST)": when, not who
    return _one_line(cleaned, 100) or None


def guess_company_role(summary: str, description: str, emails: list[str | None],
                       names: set[str], sender: str | None = None
                       ) -> tuple[str | None, str | None]:
    """The employer and the role, from what the invite says (None where it says nothing)."""
    labels = employer_domains(emails)
    summary = _without_tags(summary)
    pieces = [] if _MARKUP.search(summary) else [
        p for p in map(_tidy, _SEPARATOR.split(_one_line(summary, 300))) if p]
    pieces = [p for p in pieces if not _only_names(p, names)]
    roles = [p for p in pieces if _ROLE_WORD.search(p)]
    companies = [p for p in pieces if p not in roles]
    squashed = [re.sub(r"\W+", "", label) for label in labels]
    for candidate in companies:  # prefer the one that matches an employer's domain
        compact = re.sub(r"\W+", "", candidate.casefold())
        if compact and any(compact in s or s in compact for s in squashed):
            companies.insert(0, candidate)
            break
    company = _labelled(_COMPANY_LABEL, description) or (companies[0] if companies else None)
    company = company or _from_sender(sender, names) or _from_phrases(description, names)
    role = _labelled(_ROLE_LABEL, description) or (roles[0] if roles else None)
    event = _EVENT_NAME.search(description)
    if role is None and event:
        role = next((p for p in map(_tidy, _SEPARATOR.split(_one_line(event[1], 200)))
                     if p and _ROLE_WORD.search(p)), None)
    if company is None and labels:
        company = labels[0].replace("-", " ").replace("_", " ").title()
    return company, role


def _without_tags(text: str) -> str:
    """Simple formatting tags off ('<b>Interview</b> with X'); script and the like stay, so
    that a summary of markup is refused whole."""
    text = html.unescape(_SIMPLE_TAG.sub(" ", text))
    return _SIMPLE_TAG.sub(" ", text)


def _only_names(piece: str, names: set[str]) -> bool:
    """A piece made of people's names ('Sam Ortiz and Rachel Kim', 'with Wen Li')."""
    words = set(re.findall(r"\w+", piece.casefold())) - {"and", "with", "x", "meets", "between"}
    return bool(words) and words <= names


_SENDER_TAIL = re.compile(
    r"(?i)(?:\s+(?:via|from|through|on behalf of)\s+.*$)|(?:[\s,|–—-]+(?:recruiting|recruitment"
    r"|talent(?:\s+acquisition)?|hiring(?:\s+team)?|careers|jobs|hr|people(?:\s+team)?"
    r"|scheduling|interviews?|team|notifications?|calendar))+\s*$")


def _from_sender(sender: str | None, names: set[str]) -> str | None:
    """'Northwind Analytics Recruiting' (no-reply@…greenhouse…) → 'Northwind Analytics'."""
    if not sender or _MARKUP.search(sender):
        return None
    company = _tidy(_SENDER_TAIL.sub("", sender.strip()))
    if not company or is_tool_name(company) or _only_names(company, names) \
            or fold_words(company) <= {"recruiting", "talent", "hiring", "hr", "workday"}:
        return None
    return company


def fold_words(text: str) -> set[str]:
    """The words of `text`, case-folded."""
    return set(re.findall(r"\w+", text.casefold()))


def is_tool_sender(email: str | None) -> bool:
    """An address a tool sends from: on its domain, or its name as the mailbox (workday@…)."""
    local, _, domain = (email or "").lower().rpartition("@")
    return is_robot_domain(domain) or re.split(r"[+._-]", local)[0] in _TOOL_LABELS


def _labelled(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    if not found or _MARKUP.search(found[1]):
        return None
    return _tidy(found[1])


def _from_phrases(description: str, names: set[str]) -> str | None:
    for pattern in _COMPANY_PHRASES:
        for found in pattern.finditer(description[:20_000]):
            company = _tidy(re.split(r"[.!?]\s", found["c"], maxsplit=1)[0])
            if company and not _only_names(company, names) and not is_tool_name(company):
                return company
    return None


def is_tool_name(name: str) -> bool:
    """'Greenhouse', 'Calendly' … : a tool's name, not an employer's."""
    return bool(set(re.findall(r"\w+", name.casefold())) & (_TOOL_LABELS | {"google", "microsoft",
                                                                             "teams", "outlook"}))
