"""Every rule with text it must flag and text it must pass, in one table (docs/architecture.md, "Rules")."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

import afterword
from afterword.etiquette.catalogue import RULES
from tests.conftest import BASE_CONTEXT, BASE_NOTE, context

PRIYA = BASE_CONTEXT["interviewers"][0]
ARJUN = BASE_CONTEXT["interviewers"][1]
OTHER_NOTE_TO_ARJUN = {
    "recipient": "arjun.mehta@northwind.example",
    "text": BASE_NOTE.replace("Dr. Raman", "Mr. Mehta"),
    "sent_at": "2026-11-21T08:30:00-05:00",
}


def note(*pairs: str) -> str:
    """The base note with (old, new) replacements applied."""
    text = BASE_NOTE
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new)
    return text


class Example(NamedTuple):
    code: str
    flag: bool
    text: str
    ctx: dict[str, Any]
    why: str


E = Example
LONG = " Our talk about testing SQL models with small fixtures made me rethink my own habits."
EXAMPLES: list[Example] = [
    E("AW101", True, BASE_NOTE, context(to=["recruiting@northwind.example"]), "scheduler inbox"),
    E("AW101", True, BASE_NOTE, context(to=["arjun.mehta@northwind.example"]), "other panelist"),
    E("AW101", False, BASE_NOTE, context(), "the interviewer's own address"),
    E("AW102", True, BASE_NOTE, context(bcc=["hiring@globex.example"]), "bcc another employer"),
    E("AW102", True, BASE_NOTE,
      context(to=["priya.raman@northwind.example", "arjun.mehta@northwind.example"]), "two in To"),
    E("AW102", False, BASE_NOTE, context(cc=["sam.ortiz@example.org"]), "cc to yourself is fine"),
    E("AW103", True, note("Dear Dr. Raman,", "Dear Hiring Manager,"), context(), "generic"),
    E("AW103", True, note("Dear Dr. Raman,", "Hi,"), context(), "no name"),
    E("AW103", True, note("Dear Dr. Raman,\n\n", ""), context(), "no salutation at all"),
    E("AW103", False, note("Dear Dr. Raman,", "Hi Priya,"), context(), "first name is a name"),
    E("AW104", True, note("Dear Dr. Raman,", "Dear Dr. Ramen,"), context(), "swapped vowel"),
    E("AW104", True, note("Dear Dr. Raman,", "Dear Mr. Mehta,"), context(), "wrong panelist"),
    E("AW104", True, note("Hearing how", "Mr. Mehtta said, and hearing how"), context(),
      "misspelled in the body"),
    E("AW104", False, note("Hearing how", "Mr. Mehta said, and hearing how"), context(),
      "other panelist named in the body"),
    E("AW105", True, note("share work early.", "share work early at Globex."), context(),
      "another employer"),
    E("AW105", True, note("share work early.", "share work early at Northwind Analitics."),
      context(), "misspelled employer"),
    E("AW105", False, note("share work early.", "share work early at Northwind."), context(),
      "the alias"),
    E("AW106", True, note("Senior Data Analyst", "Product Analyst"), context(), "other role"),
    E("AW106", False, BASE_NOTE, context(other_roles=["Data Analyst"]),
      "a role inside the real title is not another role"),
    E("AW107", True, note("Dear Dr. Raman,", "Dear Dr. Priya,"), context(), "honorific+first"),
    E("AW107", True, note("Dear Dr. Raman,", "Dear Ms. Raman,"), context(), "contradicts Dr."),
    E("AW107", False, note("Dear Dr. Raman,", "Dear Doctor Raman,"), context(), "equivalent"),
    E("AW201", True, note(
        "Hearing how your team is moving the sales dashboards to dbt was the highlight of the "
        "afternoon, and I would enjoy helping with the testing side of that work. Your Friday "
        "demo sessions also sound like a generous way to share work early.",
        "It was a pleasure to learn more about the role and the team."), context(), "stock only"),
    E("AW201", False, note("Your Friday demo sessions", "Your demo Fridays"), context(),
      "moments matched by lemma, not exact words"),
    E("AW202", True, BASE_NOTE, context(previous_notes=[OTHER_NOTE_TO_ARJUN]), "same text"),
    E("AW202", False, BASE_NOTE, context(previous_notes=[{
        "recipient": "arjun.mehta@northwind.example",
        "text": "Dear Mr. Mehta,\n\nThank you for the questions about testing SQL models and "
                "for walking me through the on-call rotation for data incidents.\n\n"
                "Best regards,\nSam Ortiz"}]), "a different note"),
    E("AW203", True, note("Senior Data Analyst role", "[Role] role"), context(), "brackets"),
    E("AW203", True, note("the highlight", "the XXX"), context(), "XXX"),
    E("AW203", False, BASE_NOTE, context(), "no placeholders"),
    E("AW301", True, note("share work early.", "share work early." + LONG * 5), context(),
      "over 180 words"),
    E("AW301", False, BASE_NOTE, context(), "about 90 words"),
    E("AW302", True, note(
        "Hearing how your team is moving the sales dashboards to dbt was the highlight of the "
        "afternoon, and I would enjoy helping with the testing side of that work. Your Friday "
        "demo sessions also sound like a generous way to share work early.",
        "I enjoyed hearing about the move to dbt. I have done this before. I think I would "
        "fit in well. I am a quick learner and I love demo sessions."), context(), "I-led"),
    E("AW302", False, BASE_NOTE, context(), "balanced"),
    E("AW303", True, note("share work early.",
                          "share work early.\n\n- SQL\n- dbt\n- Python"), context(), "bullets"),
    E("AW303", False, BASE_NOTE, context(), "two paragraphs"),
    E("AW304", True, note("before then.", "before then. Please reply ASAP!!"), context(), "ASAP"),
    E("AW304", True, note("You mentioned", "I expect to hear from you soon. You mentioned"),
      context(), "expecting"),
    E("AW304", False, BASE_NOTE, context(), "calm"),
    E("AW401", True, note(
        "You mentioned a decision by December 4, so I will check in on December 7 if I have not "
        "heard from you before then.", "I hope to hear from you soon."), context(), "vague"),
    E("AW401", False, BASE_NOTE, context(), "date and plan"),
    E("AW402", True, note("by December 4", "by November 30"), context(), "wrong reply date"),
    E("AW402", False, BASE_NOTE, context(), "matching date"),
    E("AW403", True, BASE_NOTE, context(send_at="2026-11-24T10:00:00-05:00"), "four days late"),
    E("AW403", True, BASE_NOTE, context(send_at="2026-11-20T15:45:00-05:00"), "within the hour"),
    E("AW403", False, BASE_NOTE, context(), "next morning"),
    E("AW404", True, BASE_NOTE, context(kind="check_in", send_at="2026-12-02T10:00:00-05:00"),
      "before the date they gave"),
    E("AW404", False, BASE_NOTE, context(kind="check_in", send_at="2026-12-07T10:00:00-05:00"),
      "business day after the date"),
    E("AW501", True, note("generous", "generuos"), context(), "typo"),
    E("AW501", False, note("Hearing how", "Dr. Raman's point about dbt, and hearing how"),
      context(), "known names are not misspellings"),
    E("AW502", True, note("the highlight of", "the the highlight of"), context(),
      "repeated word"),
    E("AW502", True, note("so I will check in", "so if your open to it I will check in"),
      context(), "your for you're"),
    E("AW502", False, BASE_NOTE, context(), "clean grammar"),
    E("AW503", True, note("early.", "early ."), context(), "space before a period"),
    E("AW503", False, BASE_NOTE, context(), "clean punctuation"),
    E("AW504", True, note("Best regards,\nSam Ortiz\n", ""), context(), "no sign-off"),
    E("AW504", True, note("Sam Ortiz\n", ""), context(), "closing without a name"),
    E("AW504", False, BASE_NOTE, context(), "signed"),
    E("AW505", True, BASE_NOTE, context(subject="Following up"), "generic subject"),
    E("AW505", True, "To: priya.raman@northwind.example\n\n" + BASE_NOTE, context(), "missing"),
    E("AW505", False, BASE_NOTE, context(), "specific subject"),
    E("AW601", True, BASE_NOTE, context(medium="handwritten"), "no address, no drop-off"),
    E("AW601", False, BASE_NOTE, context(medium="handwritten", drop_off=True), "drop-off"),
    E("AW602", True, BASE_NOTE, context(medium="handwritten", drop_off=False,
                                        expected_reply_by="2026-11-24"), "decision in 3 days"),
    E("AW602", False, BASE_NOTE, context(medium="handwritten"), "decision two weeks out"),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.code}-{e.flag}-{e.why}")
def test_rule_example(example: Example) -> None:
    report = afterword.check(example.text, example.ctx)
    found = example.code in report.codes
    assert found == example.flag, [f.to_dict() for f in report.findings]


def test_every_rule_has_examples_to_flag_and_to_pass() -> None:
    for rule in RULES:
        flags = [e for e in EXAMPLES if e.code == rule.code and e.flag]
        passes = [e for e in EXAMPLES if e.code == rule.code and not e.flag]
        assert flags and passes, f"{rule.code} needs examples it flags and text it passes"


def test_the_base_note_is_clean() -> None:
    assert afterword.check(BASE_NOTE, context()).findings == []


def test_every_rule_has_a_message_summary_and_rationale() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)) == 25
    for rule in RULES:
        assert rule.summary and len(rule.rationale) > 60, rule.code
