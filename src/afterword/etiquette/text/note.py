"""A note taken apart: headers, salutation, body paragraphs and sentences, sign-off.

Offsets are into `Note.body`, the text after any RFC 5322 headers, with line endings
normalised to "\\n"; every rule reports spans in that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import Parser
from email.utils import getaddresses
from functools import cached_property

_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,60}:[^\n]*\n(?:[ \t][^\n]*\n)*")
_KNOWN_HEADERS = {
    "to", "cc", "bcc", "from", "subject", "date", "message-id", "mime-version",
    "content-type", "content-transfer-encoding", "reply-to", "sender", "x-mailer",
    "in-reply-to", "references", "return-path", "received", "user-agent",
}
GREETING = re.compile(
    r"(?i)^(?P<greet>dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening)|"
    r"to whom it may concern|attn|attention)\b[ \t]*"
)
_CLOSINGS = (
    "best regards", "best wishes", "kind regards", "kindest regards", "warm regards",
    "warmest regards", "warm wishes", "warmest wishes", "many thanks", "my best", "with thanks",
    "with gratitude", "with appreciation", "with warm regards", "with best wishes",
    "with kind regards", "with warmest regards", "yours sincerely", "yours truly",
    "yours faithfully", "sincerely yours", "respectfully yours", "all the best", "thanks again",
    "thanks so much", "thank you again", "thank you", "thanks", "best", "regards", "sincerely",
    "yours", "respectfully", "cordially", "cheers", "warmly", "take care", "gratefully",
    "appreciatively", "talk soon", "warm", "kind",
)
CLOSING = re.compile(
    r"(?i)^(?:" + "|".join(sorted(_CLOSINGS, key=len, reverse=True)) + r")\b[ \t]*[,.!]?[ \t]*"
)
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_OR_LINE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_NOT_AN_END = frozenset(
    "mr ms mrs mx dr st prof jr sr vs etc no e.g i.e approx dept inc ltd co".split()
)


@dataclass(frozen=True)
class Span:
    """A stretch of the body: body[start:end]."""

    start: int
    end: int


@dataclass(frozen=True)
class Note:
    """A parsed note. Build with `parse_note`."""

    body: str
    is_message: bool = False
    to: tuple[str, ...] | None = None
    cc: tuple[str, ...] | None = None
    bcc: tuple[str, ...] | None = None
    subject: str | None = None
    salutation: Span | None = None
    greeting_word: str | None = None
    greeting_name: Span | None = None
    signoff: Span | None = None
    closing: str | None = None
    signer: Span | None = None
    main: Span = field(default_factory=lambda: Span(0, 0))

    def text(self, span: Span | None) -> str:
        """The body text a span covers ('' for None)."""
        return self.body[span.start : span.end] if span else ""

    @cached_property
    def main_text(self) -> str:
        """The body between the salutation and the sign-off."""
        return self.body[self.main.start : self.main.end]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Paragraphs of the main text (blank-line separated)."""
        out: list[Span] = []
        text, base, start = self.main_text, self.main.start, 0
        for gap in [*_BLANK_LINES.finditer(text), None]:
            end = gap.start() if gap else len(text)
            piece = text[start:end]
            stripped = piece.strip()
            if stripped:
                first = start + len(piece) - len(piece.lstrip())
                out.append(Span(base + first, base + first + len(stripped)))
            start = gap.end() if gap else end
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of the main text (a line break also ends one)."""
        out: list[Span] = []
        text, base = self.main_text, self.main.start
        start = 0
        for end_match in _SENTENCE_OR_LINE_END.finditer(text):
            end = end_match.end()
            if end_match.group()[0] == "." and _abbreviation(text, end_match.start()):
                continue
            _add(out, text, start, end, base)
            start = end
        _add(out, text, start, len(text), base)
        return out

    @cached_property
    def words(self) -> list[Span]:
        """Words of the main text, with their places (numbers count as words)."""
        base = self.main.start
        return [Span(base + m.start(), base + m.end()) for m in WORD.finditer(self.main_text)]

    @cached_property
    def word_count(self) -> int:
        """Words of the main text (numbers count as words)."""
        return len(WORD.findall(self.main_text))


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation (Dr., St., a middle initial)."""
    word = text[max(0, dot - 8) : dot].rsplit(None, 1)[-1] if dot else ""
    word = word.lstrip("(\"'“‘").casefold()
    return word in _NOT_AN_END or (len(word) == 1 and word.isalpha())


def _add(out: list[Span], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append(Span(offset + start + lead, offset + start + lead + len(stripped)))


def split_message(text: str) -> tuple[Message | None, str]:
    """(message headers, body) when `text` starts with RFC 5322 headers, else (None, text)."""
    pos = 0
    names: list[str] = []
    while True:
        match = _HEADER_LINE.match(text, pos)
        if not match:
            break
        names.append(match.group().split(":", 1)[0].lower())
        pos = match.end()
    if not names or not (set(names) & _KNOWN_HEADERS):
        return None, text
    if pos < len(text) and text[pos] != "\n":
        return None, text
    message = Parser(policy=policy.compat32).parsestr(text[:pos] + "\n", headersonly=True)
    body = text[pos + 1 :] if pos < len(text) else ""
    encoding = str(message.get("Content-Transfer-Encoding", "")).lower()
    if encoding in {"quoted-printable", "base64"} or message.is_multipart():
        full = Parser(policy=policy.default).parsestr(text)
        assert isinstance(full, EmailMessage)
        part = full.get_body(preferencelist=("plain",))
        if part is not None:
            content = part.get_content()
            body = content if isinstance(content, str) else body
    return message, body


def _addresses(message: Message, name: str) -> tuple[str, ...] | None:
    values = message.get_all(name)
    if values is None:
        return None
    # Addresses come from the raw header: decoding encoded words first could let a display
    # name smuggle in an address.
    return tuple(addr for _, addr in getaddresses([str(v) for v in values]) if addr)


def _decoded(value: object) -> str:
    """A header value with RFC 2047 encoded words decoded; never raises."""
    try:
        return str(make_header(decode_header(str(value))))
    except (ValueError, LookupError, UnicodeError):
        return str(value)


def parse_note(text: str) -> Note:
    """Take a note apart. Never raises on any str."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    message, body = split_message(text)
    fields: dict[str, object] = {}
    if message is not None:
        fields = {
            "is_message": True,
            "to": _addresses(message, "to") or (),
            "cc": _addresses(message, "cc"),
            "bcc": _addresses(message, "bcc"),
            "subject": _decoded(message["subject"]) if message["subject"] is not None else None,
        }
    structure = _structure(body)
    return Note(body=body, **fields, **structure)  # type: ignore[arg-type]


def _lines(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", body) if m.group().strip()]


def _structure(body: str) -> dict[str, object]:
    lines = _lines(body)
    out: dict[str, object] = {}
    main_start, main_end = 0, len(body)
    if lines:
        start, end = lines[0]
        found = _salutation(body, start, end)
        if found is not None:
            out.update(found)
            salutation = found["salutation"]
            assert isinstance(salutation, Span)
            main_start = salutation.end
    signoff = _signoff(body, lines, main_start)
    if signoff is not None:
        out.update(signoff)
        span = signoff["signoff"]
        assert isinstance(span, Span)
        main_end = span.start
    out["main"] = Span(main_start, max(main_start, main_end))
    return out


def _salutation(body: str, start: int, end: int) -> dict[str, object] | None:
    line = body[start:end]
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    greet = GREETING.match(stripped)
    if greet:
        rest_start = greet.end()
        comma = re.search(r"[,:;!—–]|\s-\s", stripped[rest_start:])
        if comma and len(stripped[rest_start : rest_start + comma.start()].split()) <= 8:
            name_end = rest_start + comma.start()
            sal_end = rest_start + comma.end()
        elif len(stripped.split()) <= 8:
            name_end = sal_end = len(stripped)
        else:
            return None
        name_text = stripped[rest_start:name_end].strip()
        name_span = None
        if name_text:
            name_offset = stripped.index(name_text, rest_start)
            first = start + lead + name_offset
            name_span = Span(first, first + len(name_text))
        return {
            "salutation": Span(start + lead, start + lead + sal_end),
            "greeting_word": greet.group("greet"),
            "greeting_name": name_span,
        }
    # "Priya," or "Ms. Raman," alone on the first line.
    bare = re.fullmatch(r"([^\W\d_][\w.'’\- ]{0,60}?)\s*[,:]", stripped)
    if bare and len(bare.group(1).split()) <= 5:
        return {
            "salutation": Span(start + lead, start + lead + len(stripped)),
            "greeting_word": "",
            "greeting_name": Span(start + lead, start + lead + len(bare.group(1))),
        }
    return None


_PARTICLE = r"(?:van|von|der|den|de|del|della|la|le|da|di|du|dos|ter|ten|bin|al|el|y)"
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’\-]*|" + _PARTICLE + r")"
NAME_LINE = re.compile(_NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r"){0,6}")


def _signoff(body: str, lines: list[tuple[int, int]], after: int) -> dict[str, object] | None:
    tail = [(s, e) for s, e in lines if s >= after][-4:]
    for index in range(len(tail) - 1, -1, -1):
        start, end = tail[index]
        raw = body[start:end]
        line = raw.strip()
        match = CLOSING.match(line)
        if not match or len(line.split()) > 6:
            continue
        lead = len(raw) - len(raw.lstrip())
        rest = line[match.end() :].strip()
        signer: Span | None = None
        if rest and NAME_LINE.fullmatch(rest):
            offset = start + lead + line.index(rest, match.end())
            signer = Span(offset, offset + len(rest))
        elif rest and not re.fullmatch(r"[,.!]*", rest):
            continue
        elif index + 1 < len(tail):
            s2, e2 = tail[index + 1]
            text2 = body[s2:e2].strip()
            if NAME_LINE.fullmatch(text2):
                lead2 = len(body[s2:e2]) - len(body[s2:e2].lstrip())
                signer = Span(s2 + lead2, s2 + lead2 + len(text2))
        return {
            "signoff": Span(start + lead, tail[-1][1]),
            "closing": line[: match.end()].strip(" ,.!"),
            "signer": signer,
        }
    return None
