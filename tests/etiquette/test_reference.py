"""The rules can be found by name: `afterword rules` says where each lives, `explain` shows
its examples, and docs/rules.md is the catalogue's own rendering (stale means failing)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.etiquette.engine.catalogue import RULES
from afterword.etiquette.engine.reference import markdown

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == markdown(), (
        "docs/rules.md is stale: run `afterword rules --format markdown > docs/rules.md`")


def test_the_markdown_format_prints_the_reference() -> None:
    result = runner.invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output == markdown()


def test_every_rule_lives_in_a_file_that_exists_and_is_named_after_it() -> None:
    for rule in RULES:
        assert (ROOT / rule.path).is_file(), rule.path
        assert f"`{rule.path}`" in markdown()


def test_rules_json_says_where_each_rule_lives() -> None:
    result = runner.invoke(app, ["rules", "--json"])
    rows = {row["code"]: row for row in json.loads(result.output)}
    assert rows["AW504"]["module"] == "afterword.etiquette.rules.signoff"
    assert rows["AW505"]["path"] == "src/afterword/etiquette/rules/subject.py"
    assert set(rows) == {rule.code for rule in RULES}


def test_rules_refuses_an_unknown_format_in_one_line() -> None:
    result = runner.invoke(app, ["rules", "--format", "yaml"])
    assert result.exit_code == 2
    assert "unknown format 'yaml'" in result.output


def test_explain_shows_what_the_rule_flags_and_passes_and_where_it_lives() -> None:
    result = runner.invoke(app, ["explain", "aw103"], terminal_width=200)
    assert result.exit_code == 0
    flags, passes = result.output.split("Flags:")[1].split("Passes:")
    assert "'Dear Hiring Manager,' for 'Dear Dr. Raman,'" in flags
    assert "'Hi Priya,'" in passes
    assert "src/afterword/etiquette/rules/salutation.py" in result.output
