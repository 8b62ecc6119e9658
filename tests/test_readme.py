"""Docs that cannot rot: the README's CLI examples run against the real command."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [line.split("#")[0].strip() for line in re.findall(r"^afterword [^\n]+", README, re.M)]


def test_the_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: pytest.TempPathFactory) -> None:
    examples = ROOT / "src" / "afterword" / "examples"
    command, _, redirect = command.partition("<")
    words = shlex.split(command)[1:]
    files = {"note.txt": "thank-you.eml", "note.eml": "thank-you.eml",
             "interview.json": "interview.json"}
    args: list[str] = []
    stdin = None
    for word in words:
        if word in files:
            args.append(str(examples / files[word]))
        elif word == "interview.yaml":
            import json

            import yaml

            path = tmp_path / "interview.yaml"  # type: ignore[operator]
            path.write_text(yaml.safe_dump(json.loads((examples / "interview.json").read_text())))
            args.append(str(path))
        elif word == "cases.jsonl":
            path = tmp_path / "cases.jsonl"  # type: ignore[operator]
            path.write_text('{"id": "one", "note": "Hi Ann,\\n\\nThanks!", "context": {}}\n')
            args.append(str(path))
        else:
            args.append(word)
    if redirect.strip():
        stdin = (examples / files[redirect.strip()]).read_text()
    if "--fix" in args:  # do not rewrite the shipped example
        copy = tmp_path / "note.eml"  # type: ignore[operator]
        copy.write_text((examples / "thank-you.eml").read_text())
        args = [str(copy) if a.endswith("thank-you.eml") else a for a in args]
    result = CliRunner().invoke(app, args, input=stdin)
    assert result.exit_code in (0, 1), result.output
    assert result.output.strip()
