"""The real LanguageTool client, `language_tool_python`, pointed at afterword's server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import language_tool_python  # the test extra installs it: missing is a failure, not a skip
import pytest

from tests.languagetool.conftest import NOTE
from tests.web.browser import Server


@pytest.fixture(scope="module")
def tool(server: Server) -> Iterator[Any]:
    """The client as a user sets it up for their own server (it downloads nothing)."""
    made = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    yield made
    made.close()


def by_rule(matches: list[Any], rule: str) -> list[Any]:
    return [m for m in matches if m.rule_id == rule]


def test_a_misspelled_interviewer_name_in_the_greeting_gets_the_recorded_spelling(
    tool: Any,
) -> None:
    text = NOTE.replace("Dear Dr. Raman,", "Dear Dr. Ramen,")
    [match] = by_rule(tool.check(text), "AW104")
    written = text[match.offset : match.offset + match.error_length]
    assert written.endswith("Ramen")
    assert match.replacements[0] == written.replace("Ramen", "Raman")
    assert match.category == "AFTERWORD"


def test_a_plain_typo_gets_harpers_suggestion(tool: Any) -> None:
    text = NOTE.replace("I would enjoy", "I would realy enjoy")
    [match] = by_rule(tool.check(text), "AW501")
    assert text[match.offset : match.offset + match.error_length] == "realy"
    assert "really" in match.replacements
    assert (match.category, match.rule_issue_type) == ("TYPOS", "misspelling")


def test_a_wrong_employer_is_aw105_with_the_right_company(tool: Any) -> None:
    # Pasted from the note to Contoso, the user's other application.
    text = NOTE.replace("role at Northwind Analytics", "role at Contoso")
    assert "Contoso" in text
    [match] = by_rule(tool.check(text), "AW105")
    assert text[match.offset : match.offset + match.error_length] == "Contoso"
    assert "Northwind Analytics" in match.replacements


def test_the_assumed_interview_comes_first_as_a_notice(tool: Any) -> None:
    first = tool.check(NOTE)[0]
    assert first.rule_id == "AW000"
    assert "Priya Raman" in first.message and "Northwind Analytics" in first.message


def test_a_clean_note_has_nothing_but_the_notice(tool: Any) -> None:
    assert [m.rule_id for m in tool.check(NOTE)] == ["AW000"]


def test_a_known_name_is_never_a_typo_when_no_interview_fits(tool: Any) -> None:
    text = "Hi team,\n\nI spoke with Siobhán Ní Bhriain and Arjun Mehta about the recieve step."
    matches = tool.check(text)
    assert "could not tell" in matches[0].message or "found no interview" in matches[0].message
    flagged = [text[m.offset : m.offset + m.error_length] for m in by_rule(matches, "AW501")]
    assert flagged == ["recieve"]


def test_disabling_spellchecking_in_the_client_drops_afterwords_spelling(tool: Any) -> None:
    tool.disable_spellchecking()
    try:
        text = NOTE.replace("I would enjoy", "I would realy enjoy")
        assert by_rule(tool.check(text), "AW501") == []
    finally:
        tool.enable_spellchecking()
