"""Hostile text never crashes the checker: CR/LF in names, HTML, huge names, any Unicode."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import afterword
from afterword.etiquette.text.note import parse_note
from afterword.report import Severity
from tests.conftest import BASE_CONTEXT, BASE_NOTE

HOSTILE_NAMES = [
    "O'Brien-Zoë", "Eve\r\nBcc: attacker@evil.example", "<script>alert(1)</script>",
    "Zoë " * 2500, "", " ", "\x00\x01", "Dr.", "Mr. Mr. Mr.", "[Name]", "{{name}}",
    "Ngô Bảo Châu", "Ó Súilleabháin", "null", "\u202eevil", "a" * 10_000, "-", "'",
]

names = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(max_size=60))
texts = st.text(max_size=400)


def _person(name: str, moments: list[str]) -> dict[str, Any]:
    return {"name": name, "honorific": "Dr.", "email": "p@northwind.example",
            "moments": moments}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, other=names, moments=st.lists(texts, max_size=3), company=names,
       candidate=names)
def test_hostile_context_values_never_crash(name: str, other: str, moments: list[str],
                                           company: str, candidate: str) -> None:
    ctx = copy.deepcopy(BASE_CONTEXT)
    ctx["interviewers"] = [_person(name, moments), _person(other, [])]
    ctx["recipient"] = name or "p@northwind.example"
    ctx["company"] = company
    ctx["company_aliases"] = [company[:5]]
    ctx["candidate"] = {"name": candidate}
    report = afterword.check(BASE_NOTE.replace("Dr. Raman", name[:200] or "Raman"), ctx)
    _assert_well_formed(report, report.body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=st.text(min_size=1, max_size=3000))
def test_any_text_is_a_note_the_checker_can_judge(note: str) -> None:
    report = afterword.check(note, BASE_CONTEXT)
    _assert_well_formed(report, report.body)


header_values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=200, deadline=None)
@given(to=header_values, subject=header_values, body=texts)
def test_messages_with_odd_headers_parse(to: str, subject: str, body: str) -> None:
    note = f"To: {to}\nSubject: {subject}\n\n{body}"
    parsed = parse_note(note)
    assert isinstance(parsed.body, str)
    report = afterword.check(note, BASE_CONTEXT)
    _assert_well_formed(report, report.body)


def test_a_10000_character_name_is_handled_quickly() -> None:
    ctx = copy.deepcopy(BASE_CONTEXT)
    ctx["interviewers"][0]["name"] = "Raman" * 2000
    report = afterword.check(BASE_NOTE, ctx)
    assert "AW104" in report.codes


def test_crlf_in_a_recorded_name_does_not_leak_into_suggestions_as_a_header() -> None:
    ctx = copy.deepcopy(BASE_CONTEXT)
    ctx["interviewers"][0]["name"] = "Priya Raman\r\nBcc: x@evil.example"
    report = afterword.check(BASE_NOTE, ctx)
    _assert_well_formed(report, report.body)


def test_html_in_a_note_is_just_text() -> None:
    note = BASE_NOTE.replace("the highlight", "<b onmouseover=alert(1)>the highlight</b>")
    report = afterword.check(note, BASE_CONTEXT)
    _assert_well_formed(report, report.body)


def _assert_well_formed(report: afterword.Report, body: str) -> None:
    data = report.to_dict()
    assert set(data["counts"]) == {"error", "warning", "suggestion"}
    for finding in report.findings:
        assert finding.severity in set(Severity)
        assert finding.message
        if finding.start is not None:
            assert finding.end is not None
            assert 0 <= finding.start <= finding.end <= len(body)
            assert finding.excerpt == body[finding.start : finding.end][:80]
