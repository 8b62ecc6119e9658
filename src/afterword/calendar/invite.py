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
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar
from icalendar.cal.component import Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from afterword.calendar.employer import guess_company_role, is_tool_sender
from afterword.calendar.records import Attendee, Invite, InviteError, one_line
from afterword.calendar.roles import assign_roles, find_candidate, name_key
from afterword.calendar.roster import fold, named_people, plain_text
from afterword.identity import normal_address
from afterword.limits import date_problem

__all__ = ["MAX_BYTES", "MAX_EVENTS", "Attendee", "Invite", "InviteError", "parse_invites"]

MAX_BYTES = 1_000_000
MAX_EVENTS = 1000
UTC = ZoneInfo("UTC")
_DEFAULT_LENGTH = timedelta(hours=1)


_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TAG = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<[^<>]*>")
_one_line = one_line


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
        raise InviteError("not a calendar invite (.ics): there is no BEGIN:VCALENDAR in it")
    _refuse_cut_off(text)
    if len(_BEGIN_EVENT.findall(text)) > MAX_EVENTS:
        raise InviteError(f"the invite has more than {MAX_EVENTS:,} events")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return list(Calendar.from_ical(text, multiple=True))
        except Exception as exc:
            raise InviteError(f"not a readable iCalendar file ({exc})") from exc


def _count(text: str, line: str) -> int:
    return len(re.findall(rf"(?im)^{line}[ \t]*\r?$", text))


def _refuse_cut_off(text: str) -> None:
    """A file that stops before its END lines was cut off (a partial download or copy)."""
    for name in ("VCALENDAR", "VEVENT"):
        begun, ended = _count(text, f"BEGIN:{name}"), _count(text, f"END:{name}")
        if begun > ended:
            raise InviteError(f"the invite is cut off: it stops before END:{name} "
                              "(save or download the whole .ics file again)")


def parse_invites(data: bytes, own_emails: frozenset[str] = frozenset(), *,
                  user_name: str | None = None) -> list[Invite]:
    """The interviews in an .ics file, newest SEQUENCE per UID, in file order.

    `own_emails` are the user's addresses (left out of the people); when none of them is on
    an event, the attendee who seems to be the user is set apart as its `candidate`.
    """
    try:
        return _parse(bytes(data), own_emails, user_name)
    except InviteError:
        raise
    except Exception as exc:  # the importer never crashes: anything else is a bad invite
        raise InviteError(f"the invite could not be read ({type(exc).__name__})") from exc


def _parse(data: bytes, own_emails: frozenset[str], user_name: str | None) -> list[Invite]:
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
    own = frozenset(normal_address(e) for e in own_emails if e and e.strip())
    invites: dict[str, Invite] = {}
    problems: list[str] = []
    for event, method in events:
        try:
            invite = _invite(event, method, own, user_name)
        except Exception as exc:
            bad = isinstance(exc, InviteError)
            problems.append(str(exc) if bad else f"an event is unreadable ({type(exc).__name__})")
            continue
        earlier = invites.get(invite.uid)
        if earlier is None or invite.sequence >= earlier.sequence:
            invites[invite.uid] = invite
    if not invites:
        raise InviteError(problems[0] if problems else
                          "the file is a calendar with no event in it, not an interview invite")
    return list(invites.values())


def _invite(event: Component, method: str | None, own: frozenset[str],
            user_name: str | None) -> Invite:
    start, end = _times(event)
    summary, description, location = (_text(event, n) for n in ("SUMMARY", "DESCRIPTION",
                                                                  "LOCATION"))
    text = plain_text(description, _text(event, "X-ALT-DESC"))
    everyone = _addresses(event)
    organizer = everyone[0] if everyone and everyone[0].organizer else None
    people, candidate = _who(everyone, own, text, summary, user_name)
    video = _video_url(event)
    mine = [a for a in everyone if normal_address(a.email or "") in own] + (
        [candidate] if candidate else [])
    names = {w for p in (*people, *mine) if p.name for w in re.findall(r"\w+", fold(p.name))}
    names |= {w for e in own for w in re.findall(r"[^\W\d_]+", e.split("@")[0].casefold())}
    names |= {w for n in (user_name,) if n for w in re.findall(r"\w+", fold(n))}
    sender = organizer.name if (organizer and is_tool_sender(organizer.email)) or (
        organizer and _NOT_A_PERSON_EMAIL.search(organizer.email or "")) else None
    company, role = guess_company_role(summary, text, [p.email for p in people], names,
                                       sender=sender)
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
        video_url=video, company=company, role=role, candidate=candidate,
    )


def _who(everyone: list[Attendee], own: frozenset[str], text: str, summary: str,
         user_name: str | None) -> tuple[tuple[Attendee, ...], Attendee | None]:
    """The people with their roles, and (when no address of the user's is on it) the
    attendee who seems to be the user, set apart."""
    people = _people(everyone, own)
    present = any(normal_address(a.email or "") in own for a in everyone)
    candidate = None if present else find_candidate(
        people, text, user_name, organized=any(a.organizer for a in everyone))
    if candidate is not None:
        people = tuple(p for p in people if p.email != candidate.email)
    me = {name_key(n) for n in (user_name, candidate.name if candidate else None) if n}
    named = [n for n in named_people(text) if name_key(n.name) not in me
             and not (n.email and normal_address(n.email) in own)]
    return assign_roles(people, named, summary, text), candidate


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
        name = name.split("\n", 1)[0]  # an RFC 6868 line break (^n): the rest is not the name
        name = _one_line(_TAG.sub(" ", html.unescape(_TAG.sub(" ", name))), 100).strip(" \"'")
        name = name if name.lower() != email else ""
        found.append(Attendee(name or None, email, role, cutype, organizer=is_organizer,
                              source="organizer" if is_organizer else "attendee"))
    return found


def _people(everyone: list[Attendee], own: frozenset[str]) -> tuple[Attendee, ...]:
    kept: dict[str, Attendee] = {}
    for person in everyone:
        room = person.cutype in {"ROOM", "RESOURCE"} or _ROOM_NAME.search(person.name or "")
        email = person.email or ""
        robot = _NOT_A_PERSON_EMAIL.search(email) or is_tool_sender(email)
        if normal_address(email) in own or room or robot:
            continue
        earlier = kept.get(email)
        kept[email] = person if earlier is None else replace(
            earlier, name=earlier.name or person.name, role=earlier.role or person.role,
            cutype=earlier.cutype or person.cutype, source="attendee",
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
