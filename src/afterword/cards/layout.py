"""Paper layout as data: card and envelope sizes, wrapping, and each page as positioned text.

Pure: nothing here touches a PDF. Text is measured by a `Measure` the caller supplies
(`pdf.py` passes the embedded font's metrics), so the same plan can be checked in tests.
Every page keeps all of its text and rules inside `MARGIN` of each edge.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from afterword.plan.policy import long_date

__all__ = ["CARD_SIZES", "ENVELOPES", "MARGIN", "MIN_NOTE_SIZE", "Measure", "Page", "Rule",
           "Text", "card_pages", "checklist_pages", "clean", "envelope_page", "fit_line",
           "fit_note", "wrap"]

INCH = 72.0
MM = INCH / 25.4
MARGIN = 0.375 * INCH  # what the layout keeps clear; the promise (and the test) is 0.25 in
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
NOTE_SIZES = (16.0, 15.0, 14.0, 13.0, 12.0)
MIN_NOTE_SIZE = NOTE_SIZES[-1]
ELLIPSIS = "…"

# (width, height) in points, portrait for cards and landscape for envelopes.
CARD_SIZES: dict[str, tuple[float, float]] = {
    "a2": (4.25 * INCH, 5.5 * INCH),
    "a6": (105 * MM, 148 * MM),
    "4x6": (4 * INCH, 6 * INCH),
}
ENVELOPES: dict[str, tuple[float, float]] = {
    "10": (9.5 * INCH, 4.125 * INCH),
    "dl": (220 * MM, 110 * MM),
    "c6": (162 * MM, 114 * MM),
    "a2": (5.75 * INCH, 4.375 * INCH),
}
CARD_NAMES = {"a2": "A2", "a6": "A6", "4x6": "4×6 in"}
ENVELOPE_NAMES = {"10": "#10", "dl": "DL", "c6": "C6", "a2": "A2"}
MAX_NOTE_PAGES = 4
MAX_CHECKLIST_PAGES = 3

Measure = Callable[[str, str, float], float]
"""The width in points of (text, font name, size)."""


@dataclass(frozen=True)
class Text:
    """One line of text; `y` is its baseline, `grey` 0 is black and 1 white."""

    x: float
    y: float
    text: str
    font: str
    size: float
    grey: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A straight line: a writing guide, a separator, a fold or a stamp box edge."""

    x1: float
    y1: float
    x2: float
    y2: float
    grey: float = 0.8
    width: float = 0.5
    dashed: bool = False


@dataclass(frozen=True)
class Page:
    """One page of the PDF, everything on it positioned."""

    width: float
    height: float
    texts: tuple[Text, ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class NoteFit:
    """The note's lines cut into card faces at one size (≥ 12 pt)."""

    size: float
    leading: float
    faces: tuple[tuple[str, ...], ...]
    truncated: bool


def clean(text: str, *, lines: bool = True) -> str:
    """NFC text without control characters; line breaks kept (as LF) only when `lines`."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(ch if ch.isprintable() or (lines and ch == "\n") else " " for ch in text)
    rows = [" ".join(row.split()) for row in kept.split("\n")]
    return "\n".join(rows).strip("\n") if lines else " ".join(kept.split())


def _break_word(word: str, width: float, measure: Measure, font: str, size: float) -> list[str]:
    """A word wider than `width` cut into pieces that fit (at least one character each)."""
    pieces, current = [], ""
    for ch in word:
        if current and measure(current + ch, font, size) > width:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, width: float, measure: Measure, font: str = REGULAR,
         size: float = MIN_NOTE_SIZE) -> list[str]:
    """`text` as lines no wider than `width`; a blank line separates paragraphs."""
    out: list[str] = []
    for paragraph in clean(text).split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if measure(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                out.append(line)
            *full, line = _break_word(word, width, measure, font, size)
            out.extend(full)
        out.append(line)
    return out


def fit_line(text: str, width: float, measure: Measure, font: str, size: float) -> str:
    """One line of `text` that fits `width`, cut short with an ellipsis when it must be."""
    text = clean(text, lines=False)
    if measure(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS, font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


def _clip(lines: Sequence[str], count: int, width: float, measure: Measure, font: str,
          size: float) -> list[str]:
    """At most `count` lines; the last one kept ends in an ellipsis when some were dropped."""
    if len(lines) <= count:
        return list(lines)
    kept = list(lines[:count])
    if kept:
        kept[-1] = fit_line(f"{kept[-1]} {ELLIPSIS}", width, measure, font, size)
    return kept


def _faces(lines: list[str], per_face: int) -> list[tuple[str, ...]]:
    faces: list[tuple[str, ...]] = []
    rest = lines
    while rest:
        while rest and not rest[0]:
            rest = rest[1:]  # a face never starts with a blank line
        if rest:
            faces.append(tuple(rest[:per_face]))
            rest = rest[per_face:]
    return faces or [()]


def fit_note(text: str, width: float, height: float, measure: Measure) -> NoteFit:
    """The largest size (16 pt down to 12 pt, no smaller) that fits one face, else 12 pt
    over several faces, at most MAX_NOTE_PAGES of them (then shortened with an ellipsis)."""
    for size in NOTE_SIZES:
        leading = size * 1.45
        per_face = max(1, math.floor((height - size) / leading) + 1)
        lines = wrap(text, width, measure, REGULAR, size)
        if len(lines) <= per_face or size == MIN_NOTE_SIZE:
            break
    faces = _faces(lines, per_face)
    if 1 < len(faces) <= MAX_NOTE_PAGES:  # share the lines out evenly: no lone signature
        even = _faces(lines, math.ceil(len(lines) / len(faces)))
        faces = even if len(even) == len(faces) else faces
    truncated = len(faces) > MAX_NOTE_PAGES
    if truncated:
        faces = faces[:MAX_NOTE_PAGES]
        last = _clip([*faces[-1], ""], len(faces[-1]), width, measure, REGULAR, size)
        faces[-1] = tuple(last)
    return NoteFit(size, leading, tuple(faces), truncated)


def face_names(count: int, *, folded: bool) -> list[str]:
    """Where each face of the note goes on the card, in writing order."""
    if folded:
        names = ["inside right"] if count == 1 else ["inside left", "inside right", "back"]
    else:
        names = ["front", "back"]
    return [*names, *(f"extra sheet {n}" for n in range(1, count))][:count]


ASCENT, DESCENT = 0.95, 0.25  # of the size, rounded up from DejaVu Sans's metrics
HEAD, SUB, FOOT = 9.0, 7.5, 7.5
CHECK, INDENT = 9.5, 14.0
GUIDE_GREY, NOTE_GREY = 0.8, 0.4


def heading(post_by: date | None) -> str:
    """The card page's heading."""
    return f"Copy by hand — post by {long_date(post_by)}" if post_by else "Copy by hand"


def _header(title: str, sub: str, width: float, top: float, measure: Measure) -> tuple[
        list[Text], float]:
    """Heading (up to two bold lines) and a small grey line; returns them and their bottom."""
    texts: list[Text] = []
    size = next((s for s in (HEAD, HEAD - 0.5, HEAD - 1) if measure(title, BOLD, s) <= width),
                HEAD - 1)
    y = top - HEAD * ASCENT
    for line in _clip(wrap(title, width, measure, BOLD, size), 2, width, measure, BOLD, size):
        texts.append(Text(MARGIN, y, line, BOLD, size))
        y -= HEAD * 1.25
    y += HEAD * 1.25 - SUB * 1.6
    texts.append(Text(MARGIN, y, fit_line(sub, width, measure, REGULAR, SUB), REGULAR, SUB,
                      NOTE_GREY))
    return texts, y - SUB * DESCENT


def card_pages(text: str, *, card: str, folded: bool, post_by: date | None,
               measure: Measure) -> list[Page]:
    """The note to copy, one page per card face, with light line guides under each line."""
    width, height = CARD_SIZES[card]
    inner = width - 2 * MARGIN
    kind = f"{CARD_NAMES[card]} {'folded' if folded else 'flat'} card"
    _, bottom = _header(heading(post_by), kind + " · inside right · 1 of 2", inner,
                        height - MARGIN, measure)
    body_top, body_bottom = bottom - 10, MARGIN + FOOT * 1.6 + 5
    fit = fit_note(text, inner, body_top - body_bottom, measure)
    names = face_names(len(fit.faces), folded=folded)
    pages = []
    for index, lines in enumerate(fit.faces):
        count = f" · {index + 1} of {len(names)}" if len(names) > 1 else ""
        texts, bottom = _header(heading(post_by), f"{kind} · {names[index]}{count}", inner,
                                height - MARGIN, measure)
        rules = [Rule(MARGIN, bottom - 4, width - MARGIN, bottom - 4, grey=0.6)]
        for row, line in enumerate(lines):
            baseline = body_top - fit.size * ASCENT - row * fit.leading
            texts.append(Text(MARGIN, baseline, line, REGULAR, fit.size))
            rules.append(Rule(MARGIN, baseline - 3, width - MARGIN, baseline - 3,
                              grey=GUIDE_GREY))
        footer = _footer(names, index, truncated=fit.truncated)
        if footer:
            texts.append(Text(MARGIN, MARGIN + FOOT * DESCENT,
                              fit_line(footer, inner, measure, REGULAR, FOOT), REGULAR, FOOT,
                              NOTE_GREY))
        pages.append(Page(width, height, tuple(texts), tuple(rules)))
    return pages


def _footer(names: list[str], index: int, *, truncated: bool) -> str:
    if index + 1 < len(names):
        return f"Too long for one face: continue on the {names[index + 1]} →"
    if truncated:
        return "Shortened here: the note is too long for one card. Cut it down."
    return "End of the note." if len(names) > 1 else ""


def _block(lines: Sequence[tuple[str, str]], x: float, top: float, size: float,
           leading: float) -> list[Text]:
    """(text, font) lines from `top` down, left-aligned at `x`."""
    return [Text(x, top - size * ASCENT - row * leading, line, font, size)
            for row, (line, font) in enumerate(lines)]


def _address(name: str, address: str | None, fallback: str | None, width: float,
             size: float, count: int, measure: Measure) -> list[tuple[str, str]]:
    """A name line and the address wrapped under it, at most `count` lines in all."""
    lines = [(fit_line(name, width, measure, BOLD, size) or "—", BOLD)]
    body = wrap(address, width, measure, REGULAR, size) if address and address.strip() else []
    body = [line for line in body if line] or ([fallback] if fallback else [])
    clipped = _clip(body, max(0, count - 1), width, measure, REGULAR, size)
    return lines + [(line, REGULAR) for line in clipped]


def _stamp(width: float, height: float) -> tuple[list[Rule], Text, float]:
    """A dashed stamp box in the top right corner; returns its edges, label and height."""
    w, h = 0.8 * INCH, 0.95 * INCH
    x1, x2, y1, y2 = width - MARGIN - w, width - MARGIN, height - MARGIN - h, height - MARGIN
    rules = [Rule(x1, y1, x2, y1, 0.7, 0.5, True), Rule(x1, y2, x2, y2, 0.7, 0.5, True),
             Rule(x1, y1, x1, y2, 0.7, 0.5, True), Rule(x2, y1, x2, y2, 0.7, 0.5, True)]
    return rules, Text(x1 + w / 2 - 12, y1 + h / 2 - 2, "STAMP", REGULAR, 7, 0.6), h


def envelope_page(*, envelope: str, recipient_name: str, recipient_address: str | None,
                  return_name: str, return_address: str | None, drop_off: bool,
                  measure: Measure, stamp: bool | None = None) -> Page:
    """The envelope: return address top left, stamp box top right, recipient centred."""
    width, height = ENVELOPES[envelope]
    inner = width - 2 * MARGIN
    has_address = bool(recipient_address and recipient_address.strip())
    rules: list[Rule] = []
    texts: list[Text] = []
    corner = 0.0
    if (has_address or not drop_off) if stamp is None else stamp:
        rules, label, corner = _stamp(width, height)
        texts.append(label)
    if clean(return_name, lines=False) or clean(return_address or "", lines=False):
        back = _address(return_name, return_address, None,
                        min(inner * 0.5, inner - 1.3 * INCH), 9, 5, measure)
        texts += _block(back, MARGIN, height - MARGIN, 9, 11.5)
        corner = max(corner, 9 * ASCENT + (len(back) - 1) * 11.5 + 9 * DESCENT)
    size = 14.0 if width >= 9 * INCH else 12.0
    leading = size * 1.3
    room = height - 2 * MARGIN - corner - 12 - size * (ASCENT + DESCENT)
    fallback = "By hand — reception" if drop_off else None  # never a placeholder
    lines = _address(recipient_name, recipient_address, fallback, inner * 0.62, size,
                     max(1, math.floor(room / leading) + 1), measure)
    block = max(measure(line, font, size) for line, font in lines)
    tall = size * (ASCENT + DESCENT) + (len(lines) - 1) * leading
    top = min(height - MARGIN - corner - 12, height * 0.45 + tall / 2)
    texts += _block(lines, max(MARGIN, (width - block) / 2), top, size, leading)
    return Page(width, height, tuple(texts), tuple(rules))


def _checklist_page(rows: list[tuple[str, bool]], title: str, sub: str, card: str,
                    measure: Measure) -> Page:
    """One page of the checklist, taking the rows it places off the front of `rows`."""
    width, height = CARD_SIZES[card]
    inner = width - 2 * MARGIN
    texts, bottom = _header(title, sub, inner, height - MARGIN, measure)
    y = bottom - 8 - CHECK * ASCENT
    placed = 0
    while rows:
        line, first = rows[0]
        gap = 4.0 if first and placed else 0.0
        if y - gap - CHECK * DESCENT < MARGIN:
            break
        y -= gap
        if first:
            texts.append(Text(MARGIN, y, "☐", REGULAR, CHECK))
        texts.append(Text(MARGIN + INDENT, y, line, REGULAR, CHECK))
        rows.pop(0)
        placed += 1
        y -= CHECK * 1.3
    return Page(width, height, tuple(texts))


def checklist_pages(items: Sequence[str], *, card: str, post_by: date | None,
                    measure: Measure) -> list[Page]:
    """The logistics checklist with a box to tick per item, on pages of the card's size."""
    width = CARD_SIZES[card][0] - 2 * MARGIN - INDENT
    rows: list[tuple[str, bool]] = []  # (line, starts an item)
    for item in items or ["Nothing to check: `afterword advise` suggests email for this one."]:
        wrapped = [line for line in wrap(item, width, measure, REGULAR, CHECK) if line]
        rows += [(line, n == 0) for n, line in enumerate(wrapped)]
    sub = f"Post by {long_date(post_by)}" if post_by else "Post it soon after the interview"
    pages: list[Page] = []
    while rows and len(pages) < MAX_CHECKLIST_PAGES:
        title = "Before the card goes out" + (" (continued)" if pages else "")
        pages.append(_checklist_page(rows, title, sub, card, measure))
    if rows:  # too long even for three pages: end the last line with an ellipsis
        last, end = pages[-1], pages[-1].texts[-1]
        cut = fit_line(f"{end.text} {ELLIPSIS}", width, measure, REGULAR, CHECK)
        pages[-1] = Page(last.width, last.height,
                         (*last.texts[:-1], Text(end.x, end.y, cut, end.font, end.size)))
    return pages
