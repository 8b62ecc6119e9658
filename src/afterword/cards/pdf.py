"""Write the card, envelope and checklist pages planned by `layout` as one PDF (reportlab).

The fonts are DejaVu Sans and DejaVu Sans Bold shipped in `cards/fonts/`, embedded in the
PDF, so every name (Nguyễn, Łukasz, Yılmaz) renders without relying on system fonts.
The output is byte-for-byte the same for the same job (reportlab's invariant mode).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from afterword.cards import layout
from afterword.cards.layout import BOLD, REGULAR, Page

__all__ = ["CardError", "CardJob", "note_faces", "render_card_pdf"]


class CardError(ValueError):
    """A job the layout cannot honour: an unknown size, or no address to write on the
    envelope (nothing is ever printed with a placeholder)."""


@dataclass(frozen=True)
class CardJob:
    """Everything printed: the note, who it goes to and from, and when to post it."""

    note_text: str
    recipient_name: str
    recipient_address: str | None
    return_name: str
    return_address: str | None
    card: str = "a2"
    folded: bool = True
    envelope: str = "a2"
    post_by: date | None = None
    checklist: tuple[str, ...] = ()
    drop_off: bool = False
    recipient_honorific: str | None = None
    recipient_title: str | None = None
    recipient_company: str | None = None
    fix_hint: str = "add their mailing address"

    @property
    def envelope_lines(self) -> tuple[str, str | None]:
        """The envelope's name line ('Dr. Priya Raman') and the lines under it: title,
        company (unless the address already names it) and the full address."""
        return envelope_block(self)


@cache
def _fonts() -> None:
    """Register the shipped TTFs with reportlab (once)."""
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    folder = files("afterword.cards") / "fonts"
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        data = io.BytesIO((folder / filename).read_bytes())
        pdfmetrics.registerFont(TTFont(name, data))


def measure(text: str, font: str, size: float) -> float:
    """The width of `text` in the embedded font, in points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

    _fonts()
    return float(stringWidth(text, font, size))


def envelope_block(job: CardJob) -> tuple[str, str | None]:
    """(name line, the lines under it) for the envelope."""
    honorific = layout.clean(job.recipient_honorific or "", lines=False)
    name = layout.clean(job.recipient_name, lines=False)
    if honorific and not name.casefold().startswith(honorific.casefold()):
        name = f"{honorific} {name}"
    address = (job.recipient_address or "").strip()
    under = [layout.clean(t, lines=False) for t in (job.recipient_title,) if t]
    company = layout.clean(job.recipient_company or "", lines=False)
    if company and company.casefold() not in address.casefold():
        under.append(company)
    lines = [line for line in [*under, *address.splitlines()] if line.strip()]
    if not address:
        if not job.drop_off:
            return name, None
        lines.append("By hand — reception")
    return name, "\n".join(lines)


def _check(job: CardJob, *, envelope: bool = True) -> None:
    if envelope and not (job.recipient_address or "").strip() and not job.drop_off:
        name, _ = envelope_block(job)
        raise CardError(f"no mailing address for {name}: {job.fix_hint}, or mark the "
                        "application for drop-off at reception; nothing was printed")
    if job.card not in layout.CARD_SIZES:
        raise CardError(f"card size is one of {', '.join(layout.CARD_SIZES)}, not '{job.card}'")
    if job.envelope not in layout.ENVELOPES:
        raise CardError(f"envelope is one of {', '.join(layout.ENVELOPES)}, "
                        f"not '{job.envelope}'")


def plan(job: CardJob) -> list[Page]:
    """Every page of the job: the note's faces, the envelope, then the checklist."""
    _check(job)
    pages = layout.card_pages(job.note_text, card=job.card, folded=job.folded,
                              post_by=job.post_by, measure=measure)
    name, lines = envelope_block(job)
    pages.append(layout.envelope_page(
        envelope=job.envelope, recipient_name=name,
        recipient_address=lines, return_name=job.return_name,
        return_address=job.return_address, drop_off=job.drop_off, measure=measure,
        stamp=bool((job.recipient_address or "").strip()) or not job.drop_off))
    pages += layout.checklist_pages(job.checklist, card=job.card, post_by=job.post_by,
                                    measure=measure)
    return pages


def note_faces(job: CardJob) -> list[str]:
    """Where on the card the note goes, one name per face it needs ("inside right")."""
    _check(job, envelope=False)
    pages = layout.card_pages(job.note_text, card=job.card, folded=job.folded,
                              post_by=job.post_by, measure=measure)
    return layout.face_names(len(pages), folded=job.folded)


def _draw(canvas: Any, page: Page) -> None:
    canvas.setPageSize((page.width, page.height))
    for rule in page.rules:
        canvas.setStrokeGray(rule.grey)
        canvas.setLineWidth(rule.width)
        if rule.dashed:
            canvas.setDash(2, 2)
        else:
            canvas.setDash()
        canvas.line(rule.x1, rule.y1, rule.x2, rule.y2)
    for text in page.texts:
        canvas.setFillGray(text.grey)
        canvas.setFont(text.font, text.size)
        canvas.drawString(text.x, text.y, text.text)
    canvas.showPage()


def render_card_pdf(job: CardJob) -> bytes:
    """The PDF: the note to copy by hand, the envelope, the checklist."""
    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

    pages = plan(job)
    buffer = io.BytesIO()
    _fonts()
    canvas = Canvas(buffer, invariant=1, pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle("Thank-you card")
    canvas.setCreator("afterword")
    for page in pages:
        _draw(canvas, page)
    canvas.save()
    return buffer.getvalue()
