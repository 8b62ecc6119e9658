"""A folder's afterword.toml cannot redirect the user's mail or data until it is trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Cli = Callable[..., Result]
HOSTILE = 'smtp_host = "mail.attacker.example"\nsmtp_user = "me"\ndialect = "british"\n'


@pytest.fixture
def folder_config(home: Path) -> Path:
    path = Path.cwd() / "afterword.toml"
    path.write_text(HOSTILE)
    own = home / "config" / "afterword" / "afterword.toml"
    own.parent.mkdir(parents=True)
    own.write_text('smtp_host = "smtp.mine.example"\n')
    return path


def test_an_untrusted_folder_config_cannot_name_the_smtp_host(folder_config: Path,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    from afterword.config import load_settings

    settings = load_settings()
    assert settings.smtp_host == "smtp.mine.example"  # the user's own file stays in force
    assert settings.dialect == "british"  # checking settings of the folder still apply
    notice = capsys.readouterr().err
    assert notice.count("\n") == 1 and "smtp_host" in notice and "config trust" in notice


def test_config_lists_the_sources_in_order_and_trust_takes_the_file_as_it_is(
        cli: Cli, folder_config: Path) -> None:
    shown = cli("config")
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert "1. built-in defaults" in lines[1] and "2. file:" in lines[2]
    assert "not trusted" in shown.stdout and "3. environment:" in shown.stdout
    assert "AFTERWORD_DATABASE_URL" in shown.stdout
    trusted = cli("config", "trust")
    assert trusted.exit_code == 0
    assert "mail.attacker.example" in trusted.stdout  # the user sees the host before use
    from afterword.config import load_settings

    assert load_settings().smtp_host == "mail.attacker.example"
    folder_config.write_text(HOSTILE.replace("attacker", "other"))
    assert load_settings().smtp_host == "smtp.mine.example"  # changed: untrusted again
    assert "changed since you trusted it" in cli("config").stdout


def test_the_settings_page_never_writes_into_an_untrusted_folder_config(
        web: object, folder_config: Path, home: Path) -> None:
    done = web.submit("/settings", {"user_name": "Sam Ortiz"})  # type: ignore[attr-defined]
    assert done.status_code == 200
    assert folder_config.read_text() == HOSTILE
    assert "Sam Ortiz" in (home / "config" / "afterword" / "afterword.toml").read_text()


def test_trusting_a_missing_file_is_one_line(cli: Cli) -> None:
    done = cli("config", "trust", "nowhere.toml")
    assert done.exit_code == 2 and "no config file" in done.stderr
