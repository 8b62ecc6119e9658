"""docs/server.md cannot rot: every `afterword server …` command it shows exists, with the
options it uses, and every subcommand of `afterword server` is documented there."""

from __future__ import annotations

import re
import shlex

import typer

from afterword.cli.main import app
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")


def _server_commands() -> dict[str, set[str]]:
    group = typer.main.get_command(app).commands["server"]  # type: ignore[attr-defined]
    return {name: {opt for param in command.params for opt in param.opts}
            for name, command in group.commands.items()}


def _shown() -> list[list[str]]:
    text = DOC.replace("\\\n", " ")
    return [shlex.split(line[line.index("afterword server"):])
            for line in text.splitlines() if "afterword server " in line
            and not line.lstrip().startswith(("|", "`afterword server", "-"))
            and re.search(r"afterword server [a-z-]+( |$)", line)]


def test_every_command_the_page_shows_exists_with_its_options() -> None:
    known = _server_commands()
    shown = _shown()
    assert shown, "docs/server.md shows no command"
    for words in shown:
        command = words[2]
        assert command in known, f"docs/server.md shows an unknown command: {command}"
        for word in words[3:]:
            option = word.split("=", 1)[0]
            if option.startswith("--"):
                assert option in known[command], f"`afterword server {command}` has no {option}"


def test_every_server_command_is_documented() -> None:
    for command in _server_commands():
        assert f"afterword server {command}" in DOC, f"docs/server.md never mentions {command}"
