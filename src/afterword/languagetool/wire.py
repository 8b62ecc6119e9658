"""LanguageTool's HTTP API v2 on the wire: requests in, afterword's report out as LT matches.

Pure translation, no I/O. The shapes follow LanguageTool's own server (`ApiV2`,
`RuleMatchesAsJsonSerializer`, `ContextTools`): offsets and lengths count UTF-16 code
units (Java strings), and for annotated `data` they count the markup too, while only the
text parts (and markup `interpretAs`) are checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from afterword import __version__
from afterword.report import Finding, Report


class BadRequest(ValueError):
    """A request LanguageTool itself would refuse (400, one line)."""


# The English variants afterword checks, as LanguageTool names them, and their dialect.
LANGUAGES: dict[str, tuple[str, str | None]] = {
    "en": ("English", None),
    "en-US": ("English (US)", "american"),
    "en-GB": ("English (GB)", "british"),
    "en-AU": ("English (Australian)", "british"),
    "en-CA": ("English (Canadian)", "american"),
    "en-NZ": ("English (New Zealand)", "british"),
    "en-ZA": ("English (South African)", "british"),
}
CONTEXT_SIZE = 40  # characters either side of a match (LanguageTool's server uses 40)


def languages() -> list[dict[str, str]]:
    """The body of GET /v2/languages."""
    return [{"name": name, "code": "en", "longCode": code}
            for code, (name, _) in sorted(LANGUAGES.items(), key=lambda kv: kv[1][0])]


@dataclass(frozen=True)
class Segment:
    """A piece of the checked text and the piece of the sent text it stands for."""

    checked_start: int
    checked_len: int
    source_start: int
    source_len: int
    is_text: bool


@dataclass
class Annotated:
    """What was sent (with markup), what is checked (text only), and the map between."""

    source: str = ""
    checked: str = ""
    segments: list[Segment] = field(default_factory=list)

    def add_text(self, text: str) -> None:
        """Text to check; line breaks are checked as '\\n' but keep their sent length."""
        for piece in re.split(r"(\r\n|\r)", text):
            if piece in ("\r\n", "\r"):
                self._add(piece, "\n", is_text=False)
            elif piece:
                self._add(piece, piece, is_text=True)

    def add_markup(self, markup: str, interpret_as: str = "") -> None:
        """Markup, checked as `interpret_as` (often '' or '\\n\\n')."""
        self._add(markup, interpret_as, is_text=False)

    def _add(self, sent: str, checked: str, *, is_text: bool) -> None:
        self.segments.append(Segment(len(self.checked), len(checked), len(self.source),
                                     len(sent), is_text))
        self.source += sent
        self.checked += checked

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the checked span [start, end) lies in the sent text (code points)."""
        return self._position(start, end=False), max(self._position(start, end=False),
                                                     self._position(end, end=True))

    def _position(self, pos: int, *, end: bool) -> int:
        for seg in self.segments:
            lo, hi = seg.checked_start, seg.checked_start + seg.checked_len
            if (lo < pos <= hi) if end else (lo <= pos < hi):
                if seg.is_text:
                    return seg.source_start + pos - lo
                return seg.source_start + (seg.source_len if end else 0)
        return len(self.source) if pos >= len(self.checked) else 0


def annotated(params: dict[str, str]) -> Annotated:
    """The text of a request: `text`, or `data` ({"text"} or {"annotation": [...]})."""
    if "text" in params and "data" in params:
        raise BadRequest("Set only 'text' or 'data' parameter, not both")
    out = Annotated()
    if "text" in params:
        out.add_text(params["text"])
        return out
    if "data" not in params:
        raise BadRequest("Missing 'text' or 'data' parameter")
    try:
        data = json.loads(params["data"])
    except ValueError:
        raise BadRequest("Could not parse JSON from 'data' parameter") from None
    if not isinstance(data, dict) or ("text" in data) == ("annotation" in data):
        raise BadRequest("'data' key in JSON requires either 'text' or 'annotation' key")
    if "text" in data:
        out.add_text(str(data["text"]))
        return out
    if not isinstance(data["annotation"], list):
        raise BadRequest("'annotation' in 'data' must be a list")
    for node in data["annotation"]:
        _add_node(out, node)
    return out


def _add_node(out: Annotated, node: Any) -> None:
    if not isinstance(node, dict) or ("text" in node) == ("markup" in node):
        raise BadRequest("Only 'text' and 'markup' are supported in 'annotation' list, one "
                         f"per object: {json.dumps(node)[:200]}")
    if "text" in node:
        if "interpretAs" in node:
            raise BadRequest("'text' cannot be used with 'interpretAs' (only 'markup' can)")
        out.add_text(str(node["text"]))
    else:
        out.add_markup(str(node["markup"]), str(node.get("interpretAs", "")))


def utf16(text: str, pos: int) -> int:
    """The UTF-16 offset of code point `pos` in `text`."""
    return pos + sum(1 for ch in text[:pos] if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class Category:
    """How a finding shows in a LanguageTool client: category, issue type, match type."""

    id: str
    name: str
    issue_type: str
    type_name: str = "Other"


TYPOS = Category("TYPOS", "Possible Typo", "misspelling", "UnknownWord")
GRAMMAR = Category("GRAMMAR", "Grammar", "grammar")
PUNCTUATION = Category("PUNCTUATION", "Punctuation", "typographical")
CASING = Category("CASING", "Capitalization", "typographical")
STYLE = Category("STYLE", "Style", "style")
OWN_MISTAKE = Category("AFTERWORD", "afterword: the interview", "grammar")
OWN_STYLE = Category("AFTERWORD", "afterword: the interview", "style")
NOTICE = Category("AFTERWORD", "afterword: the interview", "uncategorized", "Hint")
# afterword's own rules that state a fact wrong (a name, the company, the role, a
# placeholder, the recipients): shown as mistakes; the rest are advice on style.
_MISTAKES = re.compile(r"AW1\d\d|AW203|AW601")


def category(finding: Finding) -> Category:
    """The LanguageTool category a finding is shown under."""
    if finding.code == "AW501":
        return TYPOS
    if finding.code == "AW502":
        return GRAMMAR
    if finding.code == "AW503":
        excerpt = finding.excerpt or ""
        if any(s != excerpt and s.casefold() == excerpt.casefold() for s in finding.suggestions):
            return CASING
        return PUNCTUATION
    return OWN_MISTAKE if _MISTAKES.fullmatch(finding.code) else OWN_STYLE


def software() -> dict[str, Any]:
    """The `software` section."""
    return {"name": "afterword", "version": __version__, "buildDate": "", "apiVersion": 1,
            "premium": False, "status": ""}


def language_section(code: str, detected: str | None = None) -> dict[str, Any]:
    """The `language` section for the language checked."""
    found = detected or code
    return {"name": LANGUAGES[code][0], "code": code,
            "detectedLanguage": {"name": LANGUAGES[found][0], "code": found,
                                 "confidence": 1.0, "source": "afterword"}}


def context(source: str, start: int, end: int) -> dict[str, Any]:
    """LanguageTool's `context`: 40 characters either side, newlines as spaces, '...' where
    cut (UTF-16 units, as ContextTools counts them; an emoji at a cut is kept whole)."""
    units = source.encode("utf-16-le")
    total = len(units) // 2
    from_u, to_u = utf16(source, start), utf16(source, end)
    lo, hi = max(0, from_u - CONTEXT_SIZE), min(total, to_u + CONTEXT_SIZE)
    if 0 < lo < total and 0xDC00 <= int.from_bytes(units[2 * lo : 2 * lo + 2], "little") <= 0xDFFF:
        lo -= 1
    if 0 < hi < total and 0xDC00 <= int.from_bytes(units[2 * hi : 2 * hi + 2], "little") <= 0xDFFF:
        hi += 1
    prefix = "..." if lo > 0 else ""
    suffix = "..." if hi < total else ""
    middle = units[2 * lo : 2 * hi].decode("utf-16-le").replace("\n", " ")
    return {"text": prefix + middle + suffix, "offset": len(prefix) + from_u - lo,
            "length": to_u - from_u}


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n\s*\n|\n(?=\S)")


def sentence(checked: str, start: int) -> str:
    """The sentence of the checked text that `start` falls in (trimmed, as LT gives it)."""
    begin = 0
    for match in _SENTENCE_END.finditer(checked):
        if match.end() > start:
            return checked[begin : max(match.start(), start)].strip() or checked[begin:].strip()
        begin = match.end()
    return checked[begin:].strip()


def sentence_ranges(checked: str, text: Annotated) -> list[list[int]]:
    """[from, to] of each sentence, in UTF-16 units of the sent text."""
    out: list[list[int]] = []
    begin = 0
    for match in [*_SENTENCE_END.finditer(checked), None]:
        stop = match.start() if match else len(checked)
        if checked[begin:stop].strip():
            lo, hi = text.source_span(begin, stop)
            out.append([utf16(text.source, lo), utf16(text.source, hi)])
        if match:
            begin = match.end()
    return out


NOTICE_ID = "AW000"
NOTICE_NAME = "Which interview afterword checked this against"


def matches(report: Report, text: Annotated, notice: str | None) -> list[dict[str, Any]]:
    """The report's findings (and the notice of which interview) as LanguageTool matches."""
    checked = text.checked
    body_at = len(checked) - len(report.body) if checked.endswith(report.body) else 0
    first = _first_line(checked)
    out: list[dict[str, Any]] = []
    if notice:
        out.append(_match(text, first, notice, "", (), NOTICE_ID, NOTICE_NAME, NOTICE))
    for finding in report.findings:
        if finding.start is None or finding.end is None:
            span = first
        else:
            span = (min(len(checked), finding.start + body_at),
                    min(len(checked), finding.end + body_at))
        summary, name = _rule_text(finding.code)
        out.append(_match(text, span, finding.message, name, finding.suggestions,
                          finding.code, summary, category(finding)))
    return out


def _first_line(checked: str) -> tuple[int, int]:
    found = re.search(r"\S[^\n]*", checked)
    if found is None:
        return 0, 0
    return found.start(), found.start() + len(found.group().rstrip())


def _rule_text(code: str) -> tuple[str, str]:
    from afterword.etiquette.engine.catalogue import BY_CODE

    rule = BY_CODE.get(code)
    if rule is None:
        return code, code
    return rule.summary, rule.name.replace("-", " ").capitalize()


def _match(text: Annotated, span: tuple[int, int], message: str, short: str,
           suggestions: tuple[str, ...], rule_id: str, description: str,
           cat: Category) -> dict[str, Any]:
    start, end = text.source_span(*span)
    offset, stop = utf16(text.source, start), utf16(text.source, end)
    return {
        "message": message, "shortMessage": short,
        "replacements": [{"value": s} for s in suggestions],
        "offset": offset, "length": stop - offset,
        "context": context(text.source, start, end),
        "sentence": sentence(text.checked, span[0]),
        "type": {"typeName": cat.type_name},
        "rule": {"id": rule_id, "description": description, "issueType": cat.issue_type,
                 "category": {"id": cat.id, "name": cat.name}},
        "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
    }


@dataclass(frozen=True)
class Selection:
    """Which matches a request wants (enabledRules, disabledRules, categories, enabledOnly)."""

    enabled: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    only: bool = False

    def wants(self, match: dict[str, Any]) -> bool:
        """Whether `match` passes the request's rule and category filters."""
        rule, cat = match["rule"]["id"], match["rule"]["category"]["id"]
        if self.only:
            return rule in self.enabled or cat in self.enabled_categories
        return rule not in self.disabled and cat not in self.disabled_categories


# LanguageTool's own spelling rules: a client that turns them off means afterword's.
_SPELLING_IDS = re.compile(r"MORFOLOGIK_RULE_\w+|HUNSPELL_\w+|SPELLER_RULE")


def selection(params: dict[str, str]) -> Selection:
    """The filters of a request (comma-separated ids, as LanguageTool takes them)."""
    def ids(name: str) -> frozenset[str]:
        values = {v.strip() for v in params.get(name, "").split(",") if v.strip()}
        return frozenset("AW501" if _SPELLING_IDS.fullmatch(v) else v for v in values)

    only = params.get("enabledOnly", "false").strip().lower() == "true"
    chosen = Selection(ids("enabledRules"), ids("disabledRules"), ids("enabledCategories"),
                       ids("disabledCategories"), only)
    if only and not (chosen.enabled or chosen.enabled_categories):
        raise BadRequest("You must specify enabled rules or categories when using "
                         "enabledOnly=true")
    level = params.get("level", "default").strip().lower() or "default"
    if level not in {"default", "picky"}:
        raise BadRequest(f"Unknown level '{level[:40]}': use 'default' or 'picky'")
    return chosen


def language(params: dict[str, str], default_dialect: str) -> tuple[str, str]:
    """(LanguageTool code, afterword dialect) of a request; other languages are refused."""
    code = params.get("language", "").strip()
    if not code:
        raise BadRequest("Missing 'language' parameter")
    if code.lower() == "auto":
        code = "en-GB" if default_dialect == "british" else "en-US"
    canonical = {c.lower(): c for c in LANGUAGES}.get(code.lower().replace("_", "-"))
    if canonical is None:
        raise BadRequest(f"afterword checks English only: '{code[:40]}' is not supported "
                         "(use en-US, en-GB, en or auto)")
    return canonical, LANGUAGES[canonical][1] or default_dialect


def response(report: Report, text: Annotated, code: str, notice: str | None,
             chosen: Selection) -> dict[str, Any]:
    """The body of POST /v2/check."""
    return {
        "software": software(),
        "warnings": {"incompleteResults": False, **({"afterword": notice} if notice else {})},
        "language": language_section(code),
        "matches": [m for m in matches(report, text, notice) if chosen.wants(m)],
        "sentenceRanges": sentence_ranges(text.checked, text),
        "extendedSentenceRanges": [],
    }
