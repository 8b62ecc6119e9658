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
    "with best regards", "with warmest wishes", "with all best wishes", "with many thanks",
    "with sincere thanks", "with thanks again", "all best", "many thanks again",
    "thanks a lot", "thanks so much again", "thank you kindly", "much appreciated",
    "speak soon", "faithfully", "gratefully yours", "cordially yours", "very best",
    "very best wishes", "best wishes again", "kind wishes", "warmly yours", "in gratitude",
    "regards again", "best regards again", "cheers again",
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
    signature: Span | None = None
    postscript: Span | None = None
    main: Span = field(default_factory=lambda: Span(0, 0))

    def text(self, span: Span | None) -> str:
        """The body text a span covers ('' for None)."""
        return self.body[span.start : span.end] if span else ""

    @cached_property
    def main_text(self) -> str:
        """The body between the salutation and the sign-off."""
        return self.body[self.main.start : self.main.end]

    @cached_property
    def scanned(self) -> tuple[Span, ...]:
        """What the reader reads as prose: the main text and any P.S."""
        return (self.main,) if self.postscript is None else (self.main, self.postscript)

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


_POSTSCRIPT = re.compile(r"(?i)^[ \t]*(?:p\.?[ \t]?)+s\b\.?[ \t]*[:.,\-–—]?")
# A signature line that is contact detail, never prose: a link, an address, a phone number,
# a handle, pronouns.
CONTACT_LINE = re.compile(
    r"(?i)(?:https?://|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|org|net|io|dev|me|co|uk|"
    r"edu|ai|app|info|biz|us|ca|de|fr|eu|in|au|nz|ie)\b(?:/\S*)?|\+?\d[\d \t().-]{6,}\d|"
    r"(?<![\w@])@\w{2,}|\((?:she|he|they|ze|xe|any)/\w+(?:/\w+)?\)|\b(?:she|he|they)/(?:her|him|them)\b)"
)


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
    ps = next((i for i, (s, _) in enumerate(lines)
               if s >= main_start and i > 0 and _POSTSCRIPT.match(body[s:s + 12])), None)
    if ps is not None:
        out["postscript"] = Span(lines[ps][0], lines[-1][1])
        main_end = lines[ps][0]
        lines = lines[:ps]
    signoff = _signoff(body, lines, main_start)
    if signoff is not None:
        out.update(signoff)
        span = signoff["signoff"]
        assert isinstance(span, Span)
        main_end = span.start
    elif ps is not None:
        main_end = max(main_start, lines[-1][1] if lines else main_start)
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


def _signer(body: str, start: int, end: int) -> Span | None:
    """The name on a signature line: the whole line, or its head before pronouns or a title
    ("Sam Ortiz (they/them)", "Sam Ortiz | Data Analyst")."""
    raw = body[start:end]
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    if NAME_LINE.fullmatch(text):
        return Span(start + lead, start + lead + len(text))
    head = re.split(r"\s*(?:[(|,·•]|\s[–—-]\s)", text, maxsplit=1)[0].strip()
    if head and head != text and NAME_LINE.fullmatch(head) and len(text.split()) <= 12:
        return Span(start + lead, start + lead + len(head))
    return None


def _signoff(body: str, lines: list[tuple[int, int]], after: int) -> dict[str, object] | None:
    lines = [(s, e) for s, e in lines if s >= after]
    details = 0
    while details < min(6, len(lines) - 1) and CONTACT_LINE.search(
            body[slice(*lines[-1 - details])]):
        details += 1
    prose = lines[: len(lines) - details] if details else lines
    tail = prose[-4:]
    last = lines[-1][1] if lines else 0
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
        if rest and (found := _signer(body, start + lead + line.index(rest, match.end()), end)):
            signer = found
        elif rest and not re.fullmatch(r"[,.!]*", rest):
            continue
        elif (start, end) != lines[-1]:
            signer = _signer(body, *lines[lines.index((start, end)) + 1])
        after_signer = signer.end if signer else start + lead + len(line)
        rest_lines = [(s, e) for s, e in lines if s >= after_signer or e > after_signer]
        return {
            "signoff": Span(start + lead, last),
            "closing": line[: match.end()].strip(" ,.!"),
            "signer": signer,
            "signature": Span(after_signer, last) if rest_lines and last > after_signer else None,
        }
    return None
