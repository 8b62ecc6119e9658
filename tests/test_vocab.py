"""One vocabulary: the words stored and printed are the StrEnums of afterword.vocab."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.model import Context
from afterword.vocab import (
    ApplicationStatus,
    Dialect,
    Kind,
    Medium,
    NoteState,
    PersonRole,
    choices,
)


def test_the_words_are_the_strings_stored_and_printed_today() -> None:
    assert [str(k) for k in Kind] == ["thank_you", "check_in", "request_email", "after_rejection"]
    assert [str(m) for m in Medium] == ["email", "handwritten"]
    assert [str(d) for d in Dialect] == ["american", "british"]
    assert [str(s) for s in ApplicationStatus] == [
        "active", "offer", "rejected", "withdrawn", "closed"]
    assert {str(r) for r in PersonRole} == {
        "interviewer", "hiring_manager", "recruiter", "scheduler", "coordinator", "contact"}
    assert {str(s) for s in NoteState} == {
        "draft", "approved", "scheduled", "sending", "sent", "uncertain", "failed", "mailed"}


def test_a_member_serialises_as_its_plain_string() -> None:
    assert json.dumps({"kind": Kind.CHECK_IN}) == '{"kind": "check_in"}'
    assert Context.model_validate({"kind": "check_in"}).kind == "check_in"


def test_choices_reads_as_a_sentence() -> None:
    assert choices(Medium) == "email or handwritten"


def test_the_cli_help_lists_the_choices() -> None:
    runner = CliRunner()
    assert "request_email" in runner.invoke(app, ["draft", "--help"], env={"COLUMNS": "200"}).output
    assert "withdrawn" in runner.invoke(app, ["status", "--help"], env={"COLUMNS": "200"}).output


def test_an_unknown_choice_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(app, ["status", "1", "hired"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "'hired' is not one of" in result.stderr
