"""Settings are checked when set, from any source, and the files afterword writes are private."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.hostile.conftest import FILES, one_line_error

Cli = Callable[..., Result]
BAD = [("holidays_country", "XX", "holidays library"), ("smtp_port", "0", "port"),
       ("smtp_port", "70000", "port"), ("user_name", "Sam\x7fOrtiz", "U+007F"),
       ("smtp_host", "mail\x1b.example", "U+001B")]


@pytest.mark.parametrize(("key", "value", "says"), BAD)
def test_a_bad_setting_in_the_environment_is_one_line_not_a_traceback(
        cli: Cli, monkeypatch: pytest.MonkeyPatch, key: str, value: str, says: str) -> None:
    monkeypatch.setenv(f"AFTERWORD_{key.upper()}", value)
    done = cli("today")
    assert done.exit_code == 2
    line = one_line_error(done)
    assert key in line and says in line


@pytest.mark.parametrize(("key", "value", "says"), BAD)
def test_a_bad_setting_in_the_file_is_one_line(cli: Cli, home: Path, key: str, value: str,
                                               says: str) -> None:
    config = home / "config" / "afterword" / "afterword.toml"
    config.parent.mkdir(parents=True)
    literal = value if key.endswith("port") else '"' + value.encode(
        "unicode_escape").decode().replace("\\x", "\\u00") + '"'
    config.write_text(f"{key} = {literal}\n")
    done = cli("today")
    assert done.exit_code == 2
    assert says in one_line_error(done)


@pytest.mark.parametrize(("key", "value", "says"), [*BAD, ("user_email", "not-an-address",
                                                          "email address")])
def test_the_settings_page_refuses_a_bad_value_beside_its_field_and_keeps_the_file(
        web: Any, home: Path, key: str, value: str, says: str) -> None:
    assert web.get("/settings").status_code == 200
    done = web.submit("/settings", {"user_name": "Sam Ortiz", key: value})
    assert done.status_code == 400
    assert 'field-error" id="f-e-' in done.text and says in done.text
    assert web.get("/").status_code < 500
    config = home / "config" / "afterword" / "afterword.toml"
    assert not config.exists() or key not in tomllib.loads(config.read_text())


def test_a_control_character_the_writer_meets_is_escaped_so_the_file_reads_back(
        tmp_path: Path) -> None:
    from afterword import settings_file

    path = tmp_path / "afterword.toml"
    values = {"signature": "Sam\nTel. 555\x7f", "user_name": "O'Brien-Zoë \"Sam\"",
              "thresholds": {"email_words_warning": 200}}
    settings_file.write(path, values)
    assert tomllib.loads(path.read_text()) == values


def test_the_data_dir_database_config_and_exports_are_private(cli: Cli, home: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              web: Any) -> None:
    os.umask(0o022)
    monkeypatch.delenv("AFTERWORD_DATABASE_URL")
    assert cli("import", str(FILES / "dotted-attendee.ics")).exit_code == 0
    data = home / "data" / "afterword"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for item in data.iterdir():
        assert stat.S_IMODE(item.stat().st_mode) == 0o600, item
    backup = home / "backup.json"
    assert cli("export", "-o", str(backup)).exit_code == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    web.submit("/settings", {"user_name": "Sam Ortiz"})
    config = home / "config" / "afterword" / "afterword.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


def test_a_world_readable_database_is_tightened_with_a_notice(
        cli: Cli, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from afterword.store.db import engine_for

    database = home / "loose.db"
    database.touch(mode=0o644)
    database.chmod(0o644)
    engine_for(f"sqlite:///{database}")
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert "now private" in capsys.readouterr().err
