"""Who is who in an invite: the people its text names, and each person's part in the interview.

Scheduling tools (Greenhouse, Lever, Workday, GoodTime, ModernLoop, Ashby …) send the invite
from a no-reply address and list the interviewers only in the description: an
"Interviewers:" line, an agenda of "10:00 – Name, Title" rows, "Name (Title)" bullets, "you
will meet …" sentences, often as HTML.  `named_people` reads those; `assign_roles` weighs
all the evidence — the description, ROLE=CHAIR, who organised, who attends, the words of
addresses and titles — and gives everyone a role (`KINDS`).  Pure functions over text.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass

KINDS = ("interviewer", "hiring_manager", "recruiter", "scheduler", "coordinator")
MAX_NAMED = 60  # people read from one description; a hostile one names thousands
# Where people are named: the first lines of a description, each of sane length (a 1 MB
# line of commas would make the list splitting quadratic).
MAX_TEXT, MAX_LINES, MAX_LINE = 100_000, 2_000, 1_000

_TITLE_WORDS = re.compile(
    r"(?i)\b(?:analyst|engineer(?:ing)?|developer|manager|designer|scientist|director|lead|head"
    r"|intern|associate|specialist|consultant|coordinator|administrator|architect|officer|vp"
    r"|president|founder|cto|ceo|cfo|coo|partner|principal|staff|senior|sr|junior|chief"
    r"|recruiter|recruiting|talent|sourcer|researcher|editor|writer|counsel|attorney|professor"
    r"|lecturer|teacher|nurse|physician|product|marketing|sales|operations|finance|people"
    r"|hr|member|technical|team|owner|strategist|planner|accountant|executive|fellow)\b")
_SCHEDULER_WORDS = re.compile(
    r"(?i)\b(?:coordinator|coordination|scheduling|scheduler|recruiting|recruitment|recruiter"
    r"|talent|sourcer|sourcing|people\s+ops|hr|human\s+resources|careers?|staffing|no-?reply"
    r"|do-?not-?reply|notifications?|calendar|interviews?@|jobs?)\b")
_RECRUITER = re.compile(r"(?i)\b(?:recruiter|talent\s+partner|sourcer|talent\s+acquisition)\b")
_COORDINATOR = re.compile(r"(?i)\bcoordinat(?:or|ion)\b")
_HIRING_MANAGER = re.compile(r"(?i)\bhiring\s+manager\b")
_ROBOT_LOCAL = re.compile(
    r"(?i)^(?:no-?reply|do-?not-?reply|notifications?|calendar|scheduling|schedule|interviews?"
    r"|recruiting|recruitment|talent|careers?|jobs?|hr|hiring|people|staffing|invites?"
    r"|calendar-notification|mailer|bot|ats)(?:[-._+].*)?$")

_HONORIFIC = r"(?:dr|prof|mr|mrs|ms|mx|miss|sir|dame)\.?"
_PARTICLES = frozenset("de da di del della der den van von le la du dos das bin al el ten "
                       "ter y".split())
_NOT_NAMES = frozenset(
    "lunch break tour welcome wrap wrap-up debrief q&a interview interviews session team panel "
    "office coffee case study presentation overview intro introduction check-in chat meet "
    "meeting call screen round onsite virtual technical behavioral behavioural culture values "
    "final closing candidate agenda schedule details location address zoom teams google "
    "microsoft join dial phone password passcode meeting-id hiring manager recruiter portfolio "
    "review system design coding pairing exercise assessment demo tbd tba the and with for "
    "your our you we please note thanks thank regards best cheers sincerely hi hello dear "
    "reception lobby floor building suite street road avenue".split())
_HEADER = re.compile(
    r"(?im)^[ \t>*•·-]*(?:(?:your\s+)?(?:interviewers?|interview\s+panel|panel(?:ists)?|hosts?"
    r"|hosted\s+by|you(?:'|’)?ll\s+(?:be\s+)?meet(?:ing)?(?:\s+with)?|you\s+will\s+(?:be\s+)?"
    r"meet(?:ing)?(?:\s+with)?|meeting\s+with|who\s+you(?:'|’)?ll\s+meet|people\s+you(?:'|’)?ll"
    r"\s+meet|agenda|schedule|itinerary|(?:you(?:'|’)?ll\s+)?meet(?:ing)?\s+with|speaking\s+with"
    r"|(?:your\s+)?interview(?:ing)?\s+team|panel\s+members?|interview\s+schedule)\b)[ \t]*"
    r"(?:\(s\))?[ \t]*[:\-–—]?[ \t]*(?P<rest>.*)$")
_SCHEDULER_HEADER = re.compile(
    r"(?im)^[ \t>*•·-]*(?P<label>(?:your\s+)?(?:recruiter|recruiting\s+(?:contact|partner)"
    r"|(?:interview\s+|recruiting\s+)?coordinator|scheduler|scheduled\s+by|talent\s+partner"
    r"|point\s+of\s+contact|hiring\s+manager))[ \t]*[:\-–—][ \t]*(?P<rest>.+)$")
_MEET_SENTENCE = re.compile(
    r"(?i)\b(?:you(?:'|’)?ll\s+(?:be\s+)?meet(?:ing)?(?:\s+with)?|you\s+will\s+(?:be\s+)?meet"
    r"(?:ing)?(?:\s+with)?|(?:speaking|talking|meeting|interview(?:ing)?|chat(?:ting)?)\s+with"
    r"|hosted\s+by|your\s+interviewers?\s+(?:will\s+be|is|are)|led\s+by|conducted\s+by"
    r"|joined\s+by"
    r"|interviewers?\s+(?:will\s+be|is|are))\s+(?P<rest>[^.!?\n]{3,300})")
_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
_AGENDA_ROW = re.compile(
    rf"(?im)^[ \t>*•·-]*(?:{_TIME})(?:\s*(?:[-–—]|to)\s*{_TIME})?"
    r"(?:\s*\(?(?-i:[A-Z]{2,5})\)?(?=[\s:|–—-]))?"
    r"[ \t]*(?:[-–—:|]|\s)[ \t]*(?P<rest>.+)$")
_SENTENCE_END = re.compile(r"\s+(?:for|to|about|at|on|who|in|during|from|this|next|tomorrow"
                           r"|today|via|over)\s+"
                           r"|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bMx)(?<!\bProf)(?<!\b[A-Z])"
                           r"\s*[.!?]\s")
_BULLET = re.compile(r"(?m)^[ \t]*(?:[-*•·◦▪]|\d{1,2}[.)])[ \t]+(?P<rest>.+)$")
_EMAIL = re.compile(r"(?i)(?:mailto:)?([a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)")
_SPLIT_TITLE = re.compile(r"\s*(?:\(|,|\s[-–—|]\s|\s*[–—|]\s*|:\s)\s*")


@dataclass(frozen=True)
class Named:
    """A person an invite's text names, with what it says of them."""

    name: str
    title: str | None
    email: str | None
    kind: str


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for comparing."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def natural_name(name: str) -> str:
    """'Okafor, Chinedu (R&D)' → 'Chinedu Okafor'; other names as they are."""
    bare = re.sub(r"\s*[(\[].*?[)\]]\s*", " ", name).strip()
    bare = re.sub(r"(?i)\s+(?:via|from|\|)\s+\S.*$", "", bare)  # "Jordan Lee via Greenhouse"
    family, comma, given = bare.partition(",")
    if comma and given.strip() and len(given.split()) <= 3 and len(family.split()) <= 3 \
            and not _TITLE_WORDS.search(given):
        return f"{given.strip()} {family.strip()}"
    return " ".join(bare.split()) or name


def plain_text(description: str, alt_html: str = "") -> str:
    """The description as plain lines (HTML, or an X-ALT-DESC when the text is empty)."""
    text = (description if description.strip() else alt_html)[:2 * MAX_TEXT]
    if not re.search(r"(?i)<(?:br|p|div|li|ul|ol|table|tr|td|span|b|strong|a|html|body)\b", text):
        return html.unescape(text) if "&" in text else text
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", text)
    text = re.sub(r"(?i)<\s*li\b[^>]*>", "\n- ", text)
    text = re.sub(r"(?i)<\s*/\s*li\s*>", "", text)
    text = re.sub(r"(?i)<\s*(?:br|/p|/div|/tr|/h\d|p|div|tr|h\d)\b[^>]*>", "\n", text)
    text = re.sub(r"(?i)<\s*/t[dh]\s*>", " | ", text)
    text = html.unescape(re.sub(r"<[^<>]*>", "", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words (an honorific, particles and initials allowed)."""
    words = re.sub(rf"(?i)^{_HONORIFIC}\s+", "", text.strip()).split()
    words = [w for w in words if not re.fullmatch(r"(?i)(?:jr|sr|ii|iii|iv|phd|md)\.?,?", w)]
    if not 2 <= len(words) <= 5 or len(text) > 80:
        return False
    for word in words:
        bare = word.strip(".,'’")
        if fold(bare) in _NOT_NAMES or not bare:
            return False
        if bare.lower() in _PARTICLES:
            continue
        if not (bare[0].isupper() and re.fullmatch(r"[^\W\d_]+(?:[-'’.][^\W\d_]*)*\.?", bare)):
            return False
    return not _TITLE_WORDS.search(" ".join(words[:1])) or len(words) > 2


def _person(chunk: str, kind: str) -> Named | None:
    """'Priya Raman (Head of Analytics) <priya@x.example>' and its variants."""
    found = _EMAIL.search(chunk)
    email = found[1].lower() if found else None
    text = _EMAIL.sub(" ", chunk).replace("<>", " ").replace("[]", " ")
    text = re.sub(r"(?i)\b(?:with|and)\s*$", "", " ".join(text.split())).strip(" -–—:|,;<>")
    text = re.sub(r"(?i)^.*\bwith\s+(?=[A-Z])", "", text)  # "Technical interview with Priya"
    parts = [p.strip(" ()[],;:-–—|") for p in _SPLIT_TITLE.split(text, maxsplit=1)]
    name, title = parts[0], (parts[1] if len(parts) > 1 else "")
    if not looks_like_name(name):
        if title and looks_like_name(title) and _TITLE_WORDS.search(name):  # "Title: Name"
            name, title = title, name
        else:
            return None
    said = _kind_of(title, kind)  # "Analytics Manager (Hiring Manager)": the part, then
    title = re.sub(r"\s*\([^()]*\)?\s*$", "", title.strip().rstrip(".,;:!"))  # the title
    title = re.sub(r"(?i)^(?:our|the|a|an|your)\s+", "", title.strip(" )")) or None
    if title and (len(title) > 80 or not re.search(r"[^\W\d_]", title)):
        title = None
    return Named(_clip(name), _clip(title) if title else None, email, said)


def _clip(text: str) -> str:
    return " ".join(text.split())[:100]


def _kind_of(title: str | None, default: str) -> str:
    if title and _HIRING_MANAGER.search(title):
        return "hiring_manager"
    if title and default == "interviewer" and _COORDINATOR.search(title) \
            and _TITLE_WORDS.sub("", title).strip() != title:
        return "coordinator"
    return default


def _list_items(rest: str) -> list[str]:
    """An inline list: 'A (T), B and C'; a 'Name, Title, Name, Title' run pairs up."""
    items = [i for i in re.split(r"\s*(?:;|\band\b|&|\+|,)\s*(?![^()]*\))", rest) if i.strip()]
    merged: list[str] = []
    for item in items:
        if merged and not looks_like_name(item.split("(")[0]) and _TITLE_WORDS.search(item) \
                and "," not in merged[-1]:
            merged[-1] += f", {item}"
        else:
            merged.append(item)
    return merged


def named_people(text: str) -> list[Named]:
    """Everyone the description names, in order, once each (by folded name)."""
    found: list[Named] = []
    text = text[:MAX_TEXT]
    lines = [_clip_line(line) for line in text.splitlines()[:MAX_LINES]]
    for index, line in enumerate(lines):
        found += _from_line(line, lines, index)
    for sentence in _MEET_SENTENCE.finditer("\n".join(lines)):
        rest = _SENTENCE_END.split(sentence["rest"], maxsplit=1)[0]
        found += [p for p in (_person(c, "interviewer") for c in _list_items(rest)) if p]
    found += _signature(lines)
    unique: dict[str, Named] = {}
    for person in found:
        key = fold(person.name)
        earlier = unique.get(key)
        if earlier is None:
            unique[key] = person
        elif earlier.title is None or earlier.email is None:
            unique[key] = Named(earlier.name, earlier.title or person.title,
                                earlier.email or person.email, earlier.kind)
        if len(unique) >= MAX_NAMED:
            break
    return list(unique.values())


def _clip_line(line: str) -> str:
    """A line cut to MAX_LINE at its last list separator (no half name at the end)."""
    if len(line) <= MAX_LINE:
        return line
    cut = line[:MAX_LINE]
    at = max(cut.rfind(","), cut.rfind(";"), cut.rfind("|"))
    return cut[:at] if at > 0 else cut


def _from_line(line: str, lines: list[str], index: int) -> list[Named]:
    scheduler = _SCHEDULER_HEADER.match(line)
    if scheduler:
        label = scheduler["label"].lower()
        kind = ("hiring_manager" if "hiring" in label else "coordinator" if "coordinator" in
                label else "recruiter" if "recruit" in label or "talent" in label else
                "scheduler")
        person = _person(scheduler["rest"], kind)
        return [person] if person else []
    header = _HEADER.match(line)
    if header:
        rest = _SENTENCE_END.split(header["rest"], maxsplit=1)[0]
        people = [p for p in (_person(c, "interviewer") for c in _list_items(rest)) if p]
        following = lines[index + 1:index + 1 + MAX_NAMED]
        while following and not following[0].strip():  # "<p>Interviewers</p><ul>…": a gap
            following = following[1:]
        for follow in following:
            if not follow.strip() or _HEADER.match(follow) or _SCHEDULER_HEADER.match(follow):
                break
            row = _AGENDA_ROW.match(follow) or _BULLET.match(follow)
            person = _person(row["rest"] if row else follow, "interviewer")
            if person:
                people.append(person)
        return people
    row = _AGENDA_ROW.match(line)
    if row:
        person = _person(row["rest"], "interviewer")
        return [person] if person else []
    return []


def _signature(lines: list[str]) -> list[Named]:
    """A name line followed by a recruiting/coordinating title: the sender's sign-off."""
    people = []
    for line, after in itertools.pairwise(lines):
        if looks_like_name(line.strip(" ,-")) and _SCHEDULER_WORDS.search(after) \
                and len(after) < 80 and not _EMAIL.fullmatch(after.strip()):
            kind = "recruiter" if _RECRUITER.search(after) else "coordinator" \
                if _COORDINATOR.search(after) else "scheduler"
            people.append(Named(_clip(line.strip(" ,-")), _clip(after.strip()), None, kind))
    return people


def robot_address(email: str) -> bool:
    """A no-reply, scheduling or shared recruiting inbox rather than a person's own."""
    return bool(_ROBOT_LOCAL.match(email.partition("@")[0]))


def scheduler_kind(words: str) -> str | None:
    """The recruiting role words in a name, title or address say, if any."""
    if _HIRING_MANAGER.search(words):
        return "hiring_manager"
    if _RECRUITER.search(words):
        return "recruiter"
    if _COORDINATOR.search(words):
        return "coordinator"
    if _SCHEDULER_WORDS.search(words):
        return "scheduler"
    return None
