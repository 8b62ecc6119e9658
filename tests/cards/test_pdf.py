"""The PDF read back through poppler: every word, the accents, the margins, the fonts."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from afterword.cards import CardJob, render_card_pdf
from afterword.cards.layout import CARD_SIZES, ENVELOPES
from tests.cards.conftest import Poppler, assert_inside_margins

NAMES = ("Nguyễn Thu Trang", "Siobhán Ní Bhriain", "Jörg Müller", "Łukasz Wiśniewski",
         "Ayşe Yılmaz")
NOTE = """Dear Nguyễn Thu Trang,

Thank you for meeting with me yesterday about the Senior Data Analyst role. Hearing how your team is moving the sales dashboards to dbt was the highlight of the afternoon.

Please also pass my thanks to Siobhán Ní Bhriain, Jörg Müller, Łukasz Wiśniewski and Ayşe Yılmaz for their time.

Best regards,
Sam Ortiz"""
CHECKLIST = (
    "Have the interviewer's full mailing address ready.",
    "Use clean, professional stationery: a plain card and envelope, nothing novelty.",
    "Post it by Monday, November 23, the next business day after the interview, or by "
    "Tuesday, November 24 at the latest.",
)
POST_BY = date(2026, 11, 23)
HOSTILE = ("<b>Zoë</b>\r\n<img src=x onerror=alert(1)> " * 400)[:10_000]


def _job(**changes: object) -> CardJob:
    fields: dict[str, object] = {
        "note_text": NOTE, "recipient_name": "Nguyễn Thu Trang",
        "recipient_address": "Northwind Analytics\n12 Harbour Street, Floor 4\nBoston, MA 02110",
        "return_name": "Łukasz Wiśniewski", "return_address": "9 Elm Road\nCambridge, MA 02139",
        "post_by": POST_BY, "checklist": CHECKLIST}
    fields.update(changes)
    return CardJob(**fields)  # type: ignore[arg-type]


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _in_order(words: list[str], text: str) -> None:
    found = _flat(text).split()
    position = 0
    for word in words:
        assert word in found[position:], f"{word!r} missing after word {position}"
        position = found.index(word, position) + 1


@pytest.mark.parametrize("folded", [True, False], ids=["folded", "flat"])
@pytest.mark.parametrize("card", sorted(CARD_SIZES))
def test_each_card_size_has_every_word_accents_intact_and_stays_in_its_margins(
        poppler: Poppler, card: str, folded: bool) -> None:
    pdf = render_card_pdf(_job(card=card, folded=folded))
    rasters = poppler.rasters(pdf)
    note_pages = len(rasters) - 2
    assert note_pages >= 1
    width, height = CARD_SIZES[card]
    for number, raster in enumerate(rasters, start=1):
        assert_inside_margins(raster, f"{card} page {number}")
        if number != note_pages + 1:
            assert (raster.width, raster.height) == (round(width), round(height))
    note = "\n".join(poppler.text(pdf, page) for page in range(1, note_pages + 1))
    _in_order(NOTE.split(), note)
    for name in NAMES:
        assert name in _flat(note)
    assert "Copy by hand — post by Monday, November 23" in _flat(note)


@pytest.mark.parametrize("envelope", sorted(ENVELOPES))
def test_each_envelope_has_both_addresses_and_stays_in_its_margins(
        poppler: Poppler, envelope: str) -> None:
    pdf = render_card_pdf(_job(envelope=envelope, card="4x6"))
    rasters = poppler.rasters(pdf)
    page = len(rasters) - 1
    raster = rasters[page - 1]
    width, height = ENVELOPES[envelope]
    assert abs(raster.width - width) <= 1 and abs(raster.height - height) <= 1
    assert_inside_margins(raster, envelope)
    text = poppler.text(pdf, page)
    for line in ("Nguyễn Thu Trang", "Northwind Analytics", "12 Harbour Street, Floor 4",
                 "Boston, MA 02110", "Łukasz Wiśniewski", "9 Elm Road", "Cambridge, MA 02139"):
        assert line in unicodedata.normalize("NFC", text), line
    lines = text.splitlines()
    back = next(n for n, line in enumerate(lines) if "Łukasz" in line)
    to = next(n for n, line in enumerate(lines) if "Nguyễn" in line)
    assert back < to and lines[back].startswith("Łukasz")  # return address top left
    assert lines[to].index("Nguyễn") > len(lines[to]) // 4  # recipient well in from the left


def test_a_drop_off_without_an_address_goes_by_hand_to_reception(poppler: Poppler) -> None:
    pdf = render_card_pdf(_job(recipient_address=None, drop_off=True))
    envelope = poppler.text(pdf, len(poppler.rasters(pdf)) - 1)
    assert "By hand — reception" in envelope and "STAMP" not in envelope
    assert "Nguyễn Thu Trang" in envelope


def test_the_checklist_and_post_by_date_are_on_their_own_last_page(poppler: Poppler) -> None:
    pdf = render_card_pdf(_job())
    pages = len(poppler.rasters(pdf))
    checklist = _flat(poppler.text(pdf, pages))
    assert "Post by Monday, November 23" in checklist
    for item in CHECKLIST:
        assert item in checklist
    assert "Copy by hand" not in checklist
    assert CHECKLIST[0] not in _flat(poppler.text(pdf, 1))


def test_the_dejavu_fonts_are_embedded_and_nothing_else_is_used(poppler: Poppler) -> None:
    fonts = poppler.fonts(render_card_pdf(_job()))
    names = {row[0].split("+")[-1] for row in fonts}
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}
    for row in fonts:
        emb = row[-5]  # name type encoding emb sub uni object id
        assert emb == "yes", row


def test_the_same_job_gives_the_same_bytes() -> None:
    assert render_card_pdf(_job()) == render_card_pdf(_job())
    assert render_card_pdf(_job()) != render_card_pdf(_job(card="a6"))


def test_hostile_text_is_wrapped_or_cut_never_drawn_off_the_page(poppler: Poppler) -> None:
    pdf = render_card_pdf(_job(note_text=HOSTILE, recipient_name=HOSTILE,
                               recipient_address=HOSTILE, return_name=HOSTILE,
                               return_address=HOSTILE, checklist=(HOSTILE,), card="a6",
                               envelope="c6"))
    for number, raster in enumerate(poppler.rasters(pdf), start=1):
        assert_inside_margins(raster, f"page {number}")
    text = poppler.text(pdf)
    assert "<img src=x onerror=alert(1)>" in text and "…" in text


def test_an_unknown_size_is_refused() -> None:
    from afterword.cards import CardError

    with pytest.raises(CardError, match="card size is one of"):
        render_card_pdf(_job(card="b5"))
    with pytest.raises(CardError, match="envelope is one of"):
        render_card_pdf(_job(envelope="c4"))
