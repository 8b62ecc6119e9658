"""Names as the issue lists them: variants, diacritics, possessives, hyphens, order, honorifics."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import afterword
from tests.conftest import BASE_CONTEXT, BASE_NOTE


def _with(name: str, **person: Any) -> dict[str, Any]:
    ctx = copy.deepcopy(BASE_CONTEXT)
    ctx["interviewers"][0].update({"name": name, **person})
    return ctx


def _codes(note: str, ctx: dict[str, Any]) -> set[str]:
    return afterword.check(note, ctx).codes


@pytest.mark.parametrize(("greeting", "name", "flag"), [
    ("Hi Zoe,", "Zoë Okafor", True),                # a dropped diaeresis is a misspelling
    ("Hi Zoë,", "Zoë Okafor", False),
    ("Dear Jon,", "John Mbeki", True),              # a known variant
    ("Dear Kathryn,", "Katherine Vance", True),
    ("Dear Mr. Smyth,", "Daniel Smith", True),      # one letter off
    ("Dear Mr. Smith,", "Daniel Smith", False),
    ("Dear Dr Raman,", "Priya Raman", False),        # honorific without its period
    ("Dear Ms. O'Brien-Zoë,", "Aoife O'Brien-Zoë", False),   # apostrophe and hyphen
    ("Dear Ms. O'Brien,", "Aoife O'Brien-Zoë", True),        # half of a hyphenated name
    ("Dear Ms. van der Berg,", "Katherine van der Berg", False),  # a multi-part surname
])
def test_greetings_against_the_record(greeting: str, name: str, flag: bool) -> None:
    note = BASE_NOTE.replace("Dear Dr. Raman,", greeting)
    ctx = _with(name, honorific=None if greeting.startswith("Hi") else "Ms.")
    if "Raman" in name:
        ctx = _with(name, honorific="Dr.")
    if "Smith" in name:
        ctx = _with(name, honorific="Mr.")
    assert ("AW104" in _codes(note, ctx)) is flag


def test_family_name_first_with_explicit_parts() -> None:
    ctx = _with("Nguyễn Thu Trang", given_name="Thu Trang", family_name="Nguyễn",
                honorific="Ms.")
    assert "AW104" not in _codes(BASE_NOTE.replace("Dr. Raman", "Ms. Nguyễn"), ctx)
    assert "AW104" in _codes(BASE_NOTE.replace("Dr. Raman", "Ms. Nguyen"), ctx)
    assert "AW107" in _codes(BASE_NOTE.replace("Dr. Raman", "Ms. Thu Trang"), ctx)


def test_possessive_and_capitalised_names_are_not_misspellings() -> None:
    note = BASE_NOTE.replace("Hearing how", "DR. RAMAN'S point stayed with me, and Raman’s "
                                           "team too. Hearing how")
    assert not {"AW501", "AW104"} & _codes(note, copy.deepcopy(BASE_CONTEXT))


def test_a_misspelled_name_is_reported_once_as_a_name_not_a_typo() -> None:
    report = afterword.check(BASE_NOTE.replace("Dr. Raman", "Dr. Ramann"),
                             copy.deepcopy(BASE_CONTEXT))
    assert [f.code for f in report.findings] == ["AW104"]
    assert report.findings[0].suggestions == ("Dr. Raman",)


@pytest.mark.parametrize(("written", "flag"), [
    ("Mr. Kin's question was a good one.", True),    # a possessive, one letter off
    ("Please say hello to Mr. Kin for me.", True),
    ("Mr. Kim's question was a good one.", False),   # as recorded
    ("Mr. Kai's question was a good one.", False),   # two letters off: someone else
    ("My kin would like the library.", False),        # no honorific: a word, not a name
])
def test_a_three_letter_family_name_one_letter_off_after_an_honorific(
    written: str, flag: bool,
) -> None:
    ctx = copy.deepcopy(BASE_CONTEXT)
    ctx["interviewers"][1].update({"name": "Kim Min-jun", "given_name": "Min-jun",
                                   "family_name": "Kim"})
    note = BASE_NOTE.replace("Your Friday demo", written + " Your Friday demo")
    report = afterword.check(note, ctx)
    assert ("AW104" in report.codes) is flag, [f.to_dict() for f in report.findings]


def test_a_three_letter_name_one_letter_off_in_the_subject_is_flagged_there() -> None:
    ctx = copy.deepcopy(BASE_CONTEXT)
    ctx["interviewers"][0].update({"name": "Mackenzie Roy", "honorific": "Mx."})
    ctx["subject"] = "Thank you, Mx. Ray"
    note = BASE_NOTE.replace("Dear Dr. Raman,", "Dear Mx. Roy,")
    found = [f for f in afterword.check(note, ctx).findings if f.code == "AW104"]
    assert [(f.start, f.end, f.excerpt, f.suggestions) for f in found] == [
        (None, None, "Thank you, Mx. Ray", ("Roy",))]
