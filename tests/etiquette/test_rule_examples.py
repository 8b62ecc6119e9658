"""Every rule with text it must flag and text it must pass, driven from the catalogue.

The examples live on the rules themselves (`Rule.examples`), as edits of the sample
interview (`afterword.etiquette.engine.examples`); this table runs each one.
"""

from __future__ import annotations

import pytest

import afterword
from afterword.etiquette.engine.catalogue import RULES
from afterword.etiquette.engine.examples import SAMPLE_NOTE, render, sample_context
from afterword.etiquette.engine.registry import Example, Rule
from tests.conftest import BASE_CONTEXT, BASE_NOTE

CASES = [(rule, example) for rule in RULES for example in rule.examples]


@pytest.mark.parametrize(("rule", "example"), CASES,
                         ids=[f"{r.code}-{'flags' if e.flag else 'passes'}-{e.why}"
                              for r, e in CASES])
def test_rule_example(rule: Rule, example: Example) -> None:
    note, ctx = render(example)
    report = afterword.check(note, ctx)
    assert (rule.code in report.codes) == example.flag, [f.to_dict() for f in report.findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_examples_to_flag_and_to_pass(rule: Rule) -> None:
    assert any(e.flag for e in rule.examples), f"{rule.code} has no example it must flag"
    assert any(not e.flag for e in rule.examples), f"{rule.code} has no example it must pass"


def test_a_rule_without_both_kinds_of_example_is_caught() -> None:
    only_flags = Rule(code="AW999", name="x", severity=RULES[0].severity, summary="x",
                      rationale="x", check=lambda facts: (), examples=(
                          Example(flag=True, why="x"),))
    with pytest.raises(AssertionError, match="no example it must pass"):
        test_every_rule_has_examples_to_flag_and_to_pass(only_flags)


def test_an_edit_that_no_longer_fits_the_sample_note_is_an_error() -> None:
    with pytest.raises(ValueError, match="not in the sample note"):
        render(Example(flag=True, why="stale", edits=(("Dear Nobody,", "Hi,"),)))


def test_the_sample_interview_is_the_tests_base_interview_and_is_clean() -> None:
    assert SAMPLE_NOTE == BASE_NOTE
    assert sample_context() == BASE_CONTEXT
    assert afterword.check(SAMPLE_NOTE, sample_context()).findings == []


def test_every_rule_has_a_message_summary_rationale_and_a_home() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)) == 26
    for rule in RULES:
        assert rule.summary and len(rule.rationale) > 60, rule.code
        assert rule.module.startswith("afterword.etiquette.rules."), rule.code
