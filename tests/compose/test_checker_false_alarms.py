"""Former checker false alarms on drafted text, found by the drafter's tests; fixed, and
kept here so they stay fixed."""

from __future__ import annotations

from typing import Any

import pytest

from afterword import check

CTX: dict[str, Any] = {
    "kind": "thank_you", "medium": "email",
    "candidate": {"name": "Sam Ortiz", "email": "sam@example.org"},
    "company": "St. Brigid's University Hospital", "role": "Clinical Nurse Educator",
    "interview": {"start": "2026-05-19T14:00:00-05:00", "end": "2026-05-19T15:00:00-05:00"},
    "send_at": "2026-05-19T18:00:00-05:00", "expected_reply_by": "2026-06-02",
    "interviewers": [{"name": "Hannah Lindqvist", "honorific": "Ms.",
                      "moments": ["the firm's pro bono clinic", "she showed me the roadmap"]},
                     {"name": "D'Arcy Brennan"}],
    "scheduler": {"name": "Leo Park", "email": "recruiting@stbrigids.example"},
    "recipient": "Hannah Lindqvist", "subject": "Thank you: Clinical Nurse Educator interview",
}
BODY = ("Dear Ms. Lindqvist,\n\nThank you for meeting with me this afternoon to talk about the "
        "Clinical Nurse Educator role. {s} Our conversation confirmed my interest in the "
        "role and in the way your unit approaches its work.\n\nYou mentioned a decision by "
        "June 2; I will check in on June 3 if I have not heard from you by then.\n\n"
        "Best regards,\nSam Ortiz\n")
CASES = {
    "AW503 bono": ("It was good to hear about the firm's pro bono clinic as well.", {}),
    "AW502 roadmap": ("Looking back, I appreciated that you showed me the roadmap.", {}),
    "AW104 D'Arcy": ("Please also pass my thanks to D'Arcy Brennan for the tour.", {}),
    "AW105 Hospital.": ("The work you described would let me bring my experience to St. "
                        "Brigid's University Hospital. Your clinic tour was a highlight.", {}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_false_alarm(case: str) -> None:
    sentence, extra = CASES[case]
    report = check(BODY.format(s=sentence), {**CTX, **extra})
    assert case.split()[0] not in report.codes, [(f.code, f.excerpt) for f in report.findings]


def test_many_thanks_is_a_closing() -> None:
    note = BODY.format(s="").replace("Best regards,", "Many thanks,")
    assert "AW504" not in check(note, CTX).codes
