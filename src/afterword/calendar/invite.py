"""Read an interview's calendar invite (RFC 5545, via ``icalendar``) into typed records.

``parse_invites`` returns at least one invite or raises ``InviteError`` (one line), whatever
the bytes.  All-day events are skipped, the others kept (only all-day events: an error).
TZID may be IANA, Windows ("Eastern Standard Time") or vendor-prefixed; Z and floating
times are UTC; an unknown TZID keeps its VTIMEZONE instant, in UTC.  No DTEND: DURATION,
else 1 hour.  RRULE: the first occurrence (DTSTART).  A UID repeated in one file: the
highest SEQUENCE wins; across files compare uid/sequence.  ``people`` drops the user's
own addresses, rooms, resources and no-reply robots.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import re
import warnings
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar
from icalendar.cal.component import Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from afterword.limits import date_problem

MAX_BYTES = 1_000_000
MAX_EVENTS = 1000
UTC = ZoneInfo("UTC")
_DEFAULT_LENGTH = timedelta(hours=1)


class InviteError(ValueError):
    """An invite that cannot be used; the message is always one short line."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message, 200))


@dataclass(frozen=True)
class Attendee:
    name: str | None
    email: str
    role: str | None  # CHAIR / REQ-PARTICIPANT / OPT-PARTICIPANT / NON-PARTICIPANT
    cutype: str | None  # INDIVIDUAL / GROUP / RESOURCE / ROOM / UNKNOWN
    organizer: bool


@dataclass(frozen=True)
class Invite:
    uid: str
    sequence: int
    method: str | None
    cancelled: bool
    summary: str
    description: str
    location: str
    start: datetime
    end: datetime
    timezone: str
    organizer: Attendee | None
    people: tuple[Attendee, ...]
    format: str
    video_url: str | None
    company: str | None
    role: str | None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\\[nNrRtT]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TAG = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<[^<>]*>")


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _first(component: Component, name: str) -> Any:
    value = component.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(component: Component, name: str) -> str:
    value = _first(component, name)
    try:
        text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL_BUT_NEWLINE.sub("", text)
    except Exception:
        return ""


_BEGIN_EVENT = re.compile(r"(?im)^BEGIN:VEVENT[ \t]*\r?$")


def _load(data: bytes) -> list[Component]:
    if len(data) > MAX_BYTES:
        raise InviteError(f"the invite is {len(data):,} bytes; the limit is 1 MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if "BEGIN:V" not in text.upper():
        raise InviteError("not an iCalendar file: no BEGIN:VCALENDAR")
    if len(_BEGIN_EVENT.findall(text)) > MAX_EVENTS:
        raise InviteError(f"the invite has more than {MAX_EVENTS:,} events")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return list(Calendar.from_ical(text, multiple=True))
        except Exception as exc:
            raise InviteError(f"not a readable iCalendar file ({exc})") from exc


def parse_invites(data: bytes, own_emails: frozenset[str] = frozenset()) -> list[Invite]:
    """The interviews in an .ics file, newest SEQUENCE per UID, in file order."""
    try:
        return _parse(bytes(data), own_emails)
    except InviteError:
        raise
    except Exception as exc:  # the importer never crashes: anything else is a bad invite
        raise InviteError(f"the invite could not be read ({type(exc).__name__})") from exc


def _parse(data: bytes, own_emails: frozenset[str]) -> list[Invite]:
    events: list[tuple[Component, str | None]] = []
    for component in _load(data):
        method = _one_line(_text(component, "METHOD"), 40).upper() or None
        subs = component.subcomponents if component.name == "VCALENDAR" else [component]
        events += [(sub, method) for sub in subs if sub.name == "VEVENT"]
    series = {_text(e, "UID") for e, _ in events if _first(e, "RECURRENCE-ID") is None}
    # a RECURRENCE-ID override of a series in the file is not another interview
    events = [(e, m) for e, m in events
              if _first(e, "RECURRENCE-ID") is None or _text(e, "UID") not in series]
    if len(events) > MAX_EVENTS:
        raise InviteError(f"the invite has more than {MAX_EVENTS:,} events")
    own = frozenset(e for e in map(_email, own_emails) if e)
    invites: dict[str, Invite] = {}
    problems: list[str] = []
    for event, method in events:
        try:
            invite = _invite(event, method, own)
        except Exception as exc:
            bad = isinstance(exc, InviteError)
            problems.append(str(exc) if bad else f"an event is unreadable ({type(exc).__name__})")
            continue
        earlier = invites.get(invite.uid)
        if earlier is None or invite.sequence >= earlier.sequence:
            invites[invite.uid] = invite
    if not invites:
        raise InviteError(problems[0] if problems else "the invite has no events")
    return list(invites.values())


def _invite(event: Component, method: str | None, own: frozenset[str]) -> Invite:
    start, end = _times(event)
    summary, description, location = (_text(event, n) for n in ("SUMMARY", "DESCRIPTION",
                                                                  "LOCATION"))
    everyone = _addresses(event)
    organizer = everyone[0] if everyone and everyone[0].organizer else None
    people = _people(everyone, own)
    video = _video_url(event)
    company, role = _guess_company_role(summary, description, people, everyone, own)
    status = _text(event, "STATUS").strip().upper()
    digest = hashlib.sha256(f"{start.isoformat()}\x1f{summary}".encode()).hexdigest()[:32]
    sequence = _text(event, "SEQUENCE").strip()
    return Invite(
        uid=_one_line(_text(event, "UID"), 1000) or f"{digest}@afterword-import",
        sequence=int(sequence) if re.fullmatch(r"[0-9]{1,9}", sequence) else 0,
        method=method, cancelled=method == "CANCEL" or status == "CANCELLED", summary=summary,
        description=description, location=location, start=start, end=end,
        timezone=start.tzinfo.key if isinstance(start.tzinfo, ZoneInfo) else "UTC",
        organizer=organizer, people=people, format=_format(video, summary, location, description),
        video_url=video, company=company, role=role,
    )


_ZONE_KEY = re.compile(r"[A-Za-z0-9_+\-/]{1,64}")


@lru_cache(maxsize=512)
def _zone(tzid: str) -> ZoneInfo | None:
    name = tzid.strip().strip('"').strip("/")
    parts = name.split("/")
    for key in (name, WINDOWS_TO_OLSON.get(name, ""), "/".join(parts[-3:]), "/".join(parts[-2:])):
        if _ZONE_KEY.fullmatch(key) and ".." not in key:
            with contextlib.suppress(ZoneInfoNotFoundError, ValueError, OSError):
                return ZoneInfo(key)
    return None


def _dt(prop: Any) -> Any:
    try:
        return None if prop is None else prop.dt
    except Exception:
        return None


def _moment(event: Component, name: str) -> datetime | None:
    prop = _first(event, name)
    value = _dt(prop)
    if value is None:
        return None
    if not isinstance(value, datetime):
        if isinstance(value, date):
            raise InviteError("an all-day event is not an interview time")
        raise InviteError(f"{name} is not a date and time")
    tzid = getattr(prop, "params", {}).get("TZID")
    zone = _zone(str(tzid)) if tzid else None
    if zone is not None:
        return value.replace(tzinfo=zone)
    if isinstance(value.tzinfo, ZoneInfo):
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _times(event: Component) -> tuple[datetime, datetime]:
    start = _moment(event, "DTSTART")
    if start is None:
        raise InviteError("an event has no usable start time (DTSTART)")
    try:
        end = _moment(event, "DTEND")
    except InviteError:
        end = None
    if end is None:
        length = _dt(_first(event, "DURATION"))
        ok = isinstance(length, timedelta) and length > timedelta(0)
        end = start.astimezone(UTC) + (length if ok else _DEFAULT_LENGTH)
    end = end.astimezone(start.tzinfo)
    if end < start:
        raise InviteError("an event ends before it starts")
    problem = date_problem(start, "the event's start") or date_problem(end, "the event's end")
    if problem:
        raise InviteError(problem)
    return start, end


_EMAIL = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]+")
_ROOM_NAME = re.compile(
    r"(?i)\b(?:conference|meeting|board|interview|huddle)[ -]?room\b|\broom\b[\s#:-]*\d"
)
_NOT_A_PERSON_EMAIL = re.compile(
    r"(?i)^(?:room|rm|conf|confroom|conference|resource|meetingroom)\d*[-._]"
    r"|^(?:no-?reply|do-?not-?reply|calendar-notification|notifications?)@"
    r"|@resource\.calendar\.google\.com$"
)


def _email(raw: str) -> str | None:
    text = str(raw).strip().strip("<>").strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    text = text.lower()
    return text if len(text) <= 254 and _EMAIL.fullmatch(text) else None


def _addresses(event: Component) -> list[Attendee]:
    """The organizer (first, when there is one) and the attendees, as sent."""
    value, organizer = event.get("ATTENDEE"), _first(event, "ORGANIZER")
    props = value if isinstance(value, list) else [] if value is None else [value]
    pairs = ([(organizer, True)] if organizer is not None else []) + [(p, False) for p in props]
    found: list[Attendee] = []
    for prop, is_organizer in pairs:
        email = _email(str(prop))
        params = getattr(prop, "params", {})
        role, cutype = (_one_line(str(params.get(k) or ""), 40).upper() or None
                        for k in ("ROLE", "CUTYPE"))
        if email is None:
            continue
        cn = params.get("CN")  # may come as a list when an unquoted CN holds a comma
        name = (", ".join(map(str, cn)) if isinstance(cn, list | tuple) else str(cn or ""))[:2000]
        name = _one_line(_TAG.sub(" ", html.unescape(_TAG.sub(" ", name))), 100).strip(" \"'")
        name = name if name.lower() != email else ""
        found.append(Attendee(name or None, email, role, cutype, organizer=is_organizer))
    return found


def _people(everyone: list[Attendee], own: frozenset[str]) -> tuple[Attendee, ...]:
    kept: dict[str, Attendee] = {}
    for person in everyone:
        room = person.cutype in {"ROOM", "RESOURCE"} or _ROOM_NAME.search(person.name or "")
        if person.email in own or room or _NOT_A_PERSON_EMAIL.search(person.email):
            continue
        earlier = kept.get(person.email)
        kept[person.email] = person if earlier is None else replace(
            earlier, name=earlier.name or person.name, role=earlier.role or person.role,
            cutype=earlier.cutype or person.cutype,
        )
    return tuple(kept.values())


_URL = re.compile(r"(?i)https?://([\w.-]+)(?::\d+)?[^\s<>\"'\[\]()]*")
_VIDEO_DOMAINS = (
    "meet.google.com", "zoom.us", "zoomgov.com", "teams.microsoft.com", "teams.live.com",
    "webex.com", "whereby.com", "bluejeans.com", "chime.aws", "gotomeeting.com", "meet.goto.com",
    "meet.jit.si", "join.skype.com")
_CONFERENCE_PROPS = ("X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "CONFERENCE")
_TEXT_PROPS = ("LOCATION", "URL", "DESCRIPTION", "X-ALT-DESC")
_VIDEO_WORDS = re.compile(
    r"(?i)\b(?:microsoft teams|teams meeting|zoom|google meet|webex|video (?:call|interview))\b"
)
_PHONE_WORDS = re.compile(
    r"(?i)\b(?:phone (?:call|screen|interview)|by phone|over the phone|call you (?:at|on))\b"
)
_PHONE_NUMBER = re.compile(r"(?i)\s*(?:tel:)?\+?[\d\s().-]{7,}\s*")


def _video_url(event: Component) -> str | None:
    """A conference link, else the first link to a known video service."""
    for name in _CONFERENCE_PROPS:
        found = _URL.search(_text(event, name))
        if found:
            return found.group().rstrip(".,;:!?")[:2000]
    for name in _TEXT_PROPS:
        for found in _URL.finditer(_text(event, name)):
            host = found.group(1).lower().rstrip(".")
            if any(host == d or host.endswith("." + d) for d in _VIDEO_DOMAINS):
                return found.group().rstrip(".,;:!?")[:2000]
    return None


def _format(video: str | None, summary: str, location: str, description: str) -> str:
    if video or _VIDEO_WORDS.search(f"{summary}\n{location}"):
        return "video"
    text = f"{summary}\n{location}\n{description[:5000]}"
    if _PHONE_NUMBER.fullmatch(location) or _PHONE_WORDS.search(text) or "tel:" in location:
        return "phone"
    return "onsite"


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
    r"|position|opening|screen(?:ing)?|calls?|chat|conversation|meeting|the|a|an|our|re)"
)
_EDGE_FILLER = re.compile(rf"(?i)^(?:{_FILLER}\b[\s:,-]*)+|(?:[\s:,-]*\b{_FILLER})+$")
_SEPARATOR = re.compile(r"(?i)\s+(?:[-–—|/@x]|at|with|for)\s+|\s*(?:[–—|:()\[\]]|<>)\s*|,\s+")
_COMPANY_LABEL = re.compile(r"(?im)^[ \t]*(?:company|employer|organi[sz]ation)[ \t]*:[ \t]*(.+)$")
_ROLE_LABEL = re.compile(r"(?im)^[ \t]*(?:role|position|job title|job)[ \t]*:[ \t]*(.+)$")
_GENERIC_DOMAINS = frozenset(
    "gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol proton protonmail pm"
    " gmx zoho fastmail hey yandex mail calendly greenhouse lever ashbyhq myworkday workday"
    " goodtime gem zoom".split())


def _tidy(text: str) -> str | None:
    cleaned = _EDGE_FILLER.sub("", _one_line(text, 120)).strip(" .,;:-–—\"'")
    return _one_line(cleaned, 100) or None


def _domain_label(email: str) -> str | None:
    labels = [part for part in email.rsplit("@", 1)[-1].split(".") if part]
    second_level = {"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"}
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in second_level:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else None


def _guess_company_role(
    summary: str, description: str, people: tuple[Attendee, ...], everyone: list[Attendee],
    own: frozenset[str],
) -> tuple[str | None, str | None]:
    emails = [a.email for a in everyone if a.organizer] + [p.email for p in people]
    labels = [x for x in map(_domain_label, emails) if x and x not in _GENERIC_DOMAINS]
    names = {w for a in everyone if a.name for w in re.findall(r"\w+", a.name.casefold())}
    names |= {w for e in own for w in re.findall(r"[^\W\d_]+", e.split("@")[0].casefold())}
    pieces = [p for p in map(_tidy, _SEPARATOR.split(_one_line(summary, 300))) if p]
    pieces = [p for p in pieces if not set(re.findall(r"\w+", p.casefold())) <= names]
    roles = [p for p in pieces if _ROLE_WORD.search(p)]
    companies = [p for p in pieces if p not in roles]
    squashed = [re.sub(r"\W+", "", label) for label in labels]
    for candidate in companies:  # prefer the one that matches an employer's domain
        compact = re.sub(r"\W+", "", candidate.casefold())
        if compact and any(compact in s or s in compact for s in squashed):
            companies.insert(0, candidate)
            break
    found = _COMPANY_LABEL.search(description)
    company = (_tidy(found[1]) if found else None) or (companies[0] if companies else None)
    found = _ROLE_LABEL.search(description)
    role = (_tidy(found[1]) if found else None) or (roles[0] if roles else None)
    if company is None and labels:
        company = labels[0].replace("-", " ").replace("_", " ").title()
    return company, role
