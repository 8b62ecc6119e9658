"""Docs that cannot rot: the README's CLI examples run, in order, against the real command."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from afterword.cli.main import app
from tests.cli.test_journey import INVITE
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "src" / "afterword" / "examples"


def readme_commands() -> list[str]:
    """Every `afterword …` line of the README's code blocks, continuation lines joined."""
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S)).replace("\\\n", " ")
    return [line.split("  #")[0].strip() for line in re.findall(r"^afterword [^\n]+", blocks, re.M)]


def test_the_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    assert len(readme_commands()) >= 20


def _files(tmp_path: Path) -> dict[str, str]:
    context = json.loads((EXAMPLES / "interview.json").read_text(encoding="utf-8"))
    (tmp_path / "interview.yaml").write_text(json.dumps(context), encoding="utf-8")
    (tmp_path / "cases.jsonl").write_text(
        json.dumps({"id": "one", "note": "Hi Ann,\n\nThanks!", "context": {}}) + "\n")
    (tmp_path / "invite.ics").write_text(INVITE, encoding="utf-8")
    (tmp_path / "note.txt").write_text((EXAMPLES / "thank-you.eml").read_text())
    (tmp_path / "note.eml").write_text((EXAMPLES / "thank-you.eml").read_text())
    return {"interview.json": str(EXAMPLES / "interview.json")}


def test_every_readme_command_runs_in_order(tmp_path: Path) -> None:
    mapped = _files(tmp_path)
    env = {"AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'readme.db'}",
           "AFTERWORD_NOW": "2026-11-20T16:00:00-05:00", "AFTERWORD_USER_NAME": "Sam Ortiz",
           "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org", "COLUMNS": "160"}
    runner = CliRunner()
    for command in readme_commands():
        command, _, redirect = command.partition(" < ")
        args = [mapped.get(word, str(tmp_path / word) if (tmp_path / word).exists() else word)
                for word in shlex.split(command)[1:]]
        args = [str(tmp_path / a) if a in {"backup.json", "followups.ics", "drafts/"} else a
                for a in args]
        stdin = (tmp_path / redirect.strip()).read_text() if redirect.strip() else None
        result = runner.invoke(app, args, input=stdin, env=env)
        assert result.exit_code in (0, 1), (command, result.output)
        assert result.output.strip() or (tmp_path / "backup.json").exists(), command
