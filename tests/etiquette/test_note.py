"""Taking a note apart: headers, salutation, sign-off, paragraphs, sentences."""

from __future__ import annotations

from afterword.etiquette.text.note import parse_note
from tests.conftest import BASE_NOTE


def test_a_plain_note_has_its_parts_found() -> None:
    note = parse_note(BASE_NOTE)
    assert not note.is_message
    assert note.text(note.salutation) == "Dear Dr. Raman,"
    assert note.text(note.greeting_name) == "Dr. Raman"
    assert note.closing == "Best regards"
    assert note.text(note.signer) == "Sam Ortiz"
    assert len(note.paragraphs) == 2
    assert note.main_text.strip().startswith("Thank you for meeting")
    assert "Best regards" not in note.main_text


def test_headers_are_read_and_offsets_are_into_the_body() -> None:
    text = "To: A <a@x.example>, b@y.example\nCc: c@z.example\nSubject: Hi\n\nDear Ann,\n\nThanks."
    note = parse_note(text)
    assert note.is_message
    assert note.to == ("a@x.example", "b@y.example")
    assert note.cc == ("c@z.example",)
    assert note.subject == "Hi"
    assert note.body == "Dear Ann,\n\nThanks."


def test_a_line_that_merely_has_a_colon_is_not_a_header() -> None:
    note = parse_note("Note: I enjoyed it.\n\nDear Ann,")
    assert not note.is_message


def test_encoded_subjects_are_decoded() -> None:
    note = parse_note("To: a@x.example\nSubject: =?utf-8?q?Danke_sch=C3=B6n?=\n\nHi Ann,")
    assert note.subject == "Danke schön"


def test_crlf_line_endings_are_normalised() -> None:
    note = parse_note(BASE_NOTE.replace("\n", "\r\n"))
    assert note.text(note.salutation) == "Dear Dr. Raman,"
    assert "\r" not in note.body


def test_abbreviations_do_not_end_sentences() -> None:
    note = parse_note("Hi Ann,\n\nI met Dr. Raman and Ms. Lee at St. Mary's. It went well. Thanks!")
    sentences = [note.body[s.start : s.end] for s in note.sentences]
    assert sentences == ["I met Dr. Raman and Ms. Lee at St. Mary's.", "It went well.", "Thanks!"]


def test_a_sign_off_on_one_line_is_found() -> None:
    note = parse_note("Hi Ann,\n\nThank you for today.\n\nBest, Sam Ortiz")
    assert note.closing == "Best"
    assert note.text(note.signer) == "Sam Ortiz"


def test_a_note_without_greeting_or_closing_is_all_main_text() -> None:
    note = parse_note("Thank you for today. I enjoyed it.")
    assert note.salutation is None and note.signoff is None
    assert note.main_text == "Thank you for today. I enjoyed it."
