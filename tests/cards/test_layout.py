"""Pure layout: sizes, wrapping at 12 pt or more, continuation, hostile text, margins."""

from __future__ import annotations

from datetime import date

import pytest

from afterword.cards import layout
from afterword.cards.layout import CARD_SIZES, ENVELOPES, MARGIN, MIN_NOTE_SIZE, Page
from afterword.cards.pdf import CardError, CardJob, measure, note_faces, plan
from tests.conftest import BASE_NOTE

INCH = 72.0
HOSTILE = ("<script>alert('x')</script> Zoë\r\nBcc: x@evil.example\x00\x1b[31m " * 200)[:10_000]


def _mono(text: str, font: str, size: float) -> float:
    return len(text) * size * 0.6


def _inside(page: Page) -> None:
    for text in page.texts:
        right = text.x + measure(text.text, text.font, text.size)
        assert text.x >= MARGIN - 0.01 and right <= page.width - MARGIN + 0.01, text
        assert text.y - text.size * 0.25 >= MARGIN - 0.01, text
        assert text.y + text.size * 0.95 <= page.height - MARGIN + 0.01, text
    for rule in page.rules:
        for x, y in ((rule.x1, rule.y1), (rule.x2, rule.y2)):
            assert MARGIN - 0.01 <= x <= page.width - MARGIN + 0.01, rule
            assert MARGIN - 0.01 <= y <= page.height - MARGIN + 0.01, rule


def test_sizes_are_the_named_paper_sizes() -> None:
    assert CARD_SIZES["a2"] == (4.25 * INCH, 5.5 * INCH)
    assert CARD_SIZES["4x6"] == (4 * INCH, 6 * INCH)
    assert CARD_SIZES["a6"] == pytest.approx((297.64, 419.53), abs=0.01)
    assert ENVELOPES["10"] == (9.5 * INCH, 4.125 * INCH)
    assert ENVELOPES["dl"] == pytest.approx((623.62, 311.81), abs=0.01)
    assert ENVELOPES["c6"] == pytest.approx((459.21, 323.15), abs=0.01)
    assert ENVELOPES["a2"] == (5.75 * INCH, 4.375 * INCH)
    assert MARGIN >= 0.25 * INCH


def test_wrap_fits_the_width_keeps_every_word_and_paragraph() -> None:
    lines = layout.wrap(BASE_NOTE, 200, _mono, size=12)
    assert all(_mono(line, "", 12) <= 200 for line in lines)
    assert " ".join(lines).split() == BASE_NOTE.split()
    assert lines[1] == ""  # the blank line after "Dear Dr. Raman,"


def test_a_word_wider_than_the_line_is_cut_not_lost() -> None:
    lines = layout.wrap("a " + "x" * 100, 60, _mono, size=10)
    assert all(_mono(line, "", 10) <= 60 for line in lines)
    assert "".join(lines[1:]) == "x" * 100


def test_fit_line_ends_in_an_ellipsis_when_cut() -> None:
    assert layout.fit_line("Ayşe Yılmaz", 500, _mono, "", 10) == "Ayşe Yılmaz"
    cut = layout.fit_line("N" * 10_000, 100, _mono, "", 10)
    assert cut.endswith("…") and _mono(cut, "", 10) <= 100


def test_a_short_note_is_large_and_on_one_face() -> None:
    fit = layout.fit_note("Dear Jörg,\n\nThank you.\n\nSam", 250, 300, measure)
    assert fit.size == 16 and len(fit.faces) == 1 and not fit.truncated


def test_a_long_note_stays_at_12_pt_and_continues_on_the_next_face() -> None:
    fit = layout.fit_note(BASE_NOTE * 2, 230, 250, measure)
    assert fit.size == MIN_NOTE_SIZE and len(fit.faces) > 1
    assert all(line for face in fit.faces for line in face[:1])  # no face starts blank
    words = " ".join(line for face in fit.faces for line in face).split()
    assert words == (BASE_NOTE * 2).split()


def test_a_folded_card_says_where_each_face_goes() -> None:
    job = CardJob(BASE_NOTE * 2, "Priya Raman", "1 Main St", "Sam Ortiz", None, card="4x6")
    assert note_faces(job) == ["inside left", "inside right"]
    assert note_faces(CardJob("Thanks!", "P", None, "S", None)) == ["inside right"]
    flat = CardJob(BASE_NOTE * 2, "P", None, "S", None, card="a6", folded=False)
    assert note_faces(flat) == ["front", "back"]
    longer = CardJob(BASE_NOTE * 2, "P", None, "S", None, folded=False)
    assert note_faces(longer) == ["front", "back", "extra sheet 1"]
    texts = [t.text for t in plan(job)[0].texts]
    assert any("continue on the inside right" in text for text in texts)


@pytest.mark.parametrize("card", sorted(CARD_SIZES))
@pytest.mark.parametrize("envelope", sorted(ENVELOPES))
def test_every_page_keeps_inside_the_margins_even_with_hostile_text(card: str,
                                                                    envelope: str) -> None:
    job = CardJob(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, card=card, envelope=envelope,
                  post_by=date(2026, 9, 30), checklist=(HOSTILE, HOSTILE))
    pages = plan(job)
    assert 3 <= len(pages) <= layout.MAX_NOTE_PAGES + 1 + layout.MAX_CHECKLIST_PAGES
    for page in pages:
        _inside(page)
        for text in page.texts:
            assert "\r" not in text.text and "\n" not in text.text and "\x00" not in text.text
    assert any(t.text.endswith("…") for t in pages[0].texts + pages[-1].texts)


def test_the_fonts_and_their_licence_ship_inside_the_package() -> None:
    from importlib.resources import files

    folder = files("afterword.cards") / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert (folder / name).read_bytes()[:4] == b"\x00\x01\x00\x00"
    assert "Bitstream" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_a_missing_address_stops_the_print_and_says_what_to_add() -> None:
    job = CardJob(BASE_NOTE, "Priya Raman", None, "Sam Ortiz", None,
                  recipient_honorific="Dr.", fix_hint="add it with `afterword person …`")
    with pytest.raises(CardError, match=r"no mailing address for Dr\. Priya Raman: add it"):
        plan(job)


def test_the_envelope_carries_honorific_name_title_company_and_the_full_address() -> None:
    job = CardJob(BASE_NOTE, "Priya Raman", "200 Clarendon Street\nBoston, MA 02116",
                  "Sam Ortiz", None, recipient_honorific="Dr.",
                  recipient_title="Head of Analytics", recipient_company="Northwind Analytics")
    texts = [t.text for page in plan(job) for t in page.texts]
    for line in ("Dr. Priya Raman", "Head of Analytics", "Northwind Analytics",
                 "200 Clarendon Street", "Boston, MA 02116"):
        assert line in texts, (line, texts)
    assert not any("needed" in t or "[" in t for t in texts)


def test_a_drop_off_envelope_goes_by_hand_without_a_stamp() -> None:
    job = CardJob(BASE_NOTE, "Priya Raman", None, "Sam Ortiz", None, drop_off=True,
                  recipient_honorific="Dr.", recipient_title="Head of Analytics")
    texts = [t.text for page in plan(job) for t in page.texts]
    assert "Dr. Priya Raman" in texts and "By hand — reception" in texts
    assert "STAMP" not in texts
