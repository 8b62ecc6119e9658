"""Writing `afterword.toml`, the file the CLI and the web read: the web's Settings page and
first run, and `afterword setup`, write through here.

It writes to the file in force (`./afterword.toml` when there is one, else the one in the
user config dir), keeping every key it does not manage. Passwords are never written: they
come from AFTERWORD_SMTP_PASSWORD / AFTERWORD_IMAP_PASSWORD or the system keyring.
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from afterword.config import ConfigError, Settings, find_config, user_config_path
from afterword.private import private_write

TEXT = ("user_name", "user_email", "smtp_host", "smtp_user", "imap_host", "imap_user",
        "holidays_country", "signature")
LISTS = ("user_emails",)  # one per line, or separated by commas
NUMBERS = ("smtp_port", "imap_port")
CHOICES = {"dialect": ("american", "british"), "smtp_security": ("starttls", "tls", "none"),
           "imap_security": ("tls", "starttls", "none")}
THRESHOLDS = ("email_words_warning", "email_words_suggestion", "card_words_warning")


class SettingError(ConfigError):
    """One setting's value is refused; `field` names it, for the page to show the error there."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def target(config: Path | None) -> Path:
    """The file the page edits."""
    return find_config(config) or user_config_path()


def read(path: Path) -> dict[str, Any]:
    """The file's values ({} when there is none)."""
    if not path.is_file():
        return {}
    try:
        loaded = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    inner = loaded.get("afterword", loaded)
    return dict(inner) if isinstance(inner, dict) else {}


def _number(value: str, name: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise SettingError(f"{name.replace('_', ' ')} must be a whole number", name) from None
    if not 0 < number < 100_000:
        raise SettingError(f"{name.replace('_', ' ')} is out of range", name)
    return number


def merged(current: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """The file's values with the form's applied (validated by Settings itself)."""
    values = dict(current)
    for key in TEXT:
        if key not in form and key == "signature":
            continue  # a form without the field keeps it
        text = form.get(key, "").strip()
        values.pop(key, None)
        if text:
            values[key] = text
    for key in LISTS:
        if key in form:
            items = [i.strip() for i in form[key].replace(",", "\n").split() if i.strip()]
            values.pop(key, None)
            if items:
                values[key] = items
    for key in NUMBERS:
        if form.get(key, "").strip():
            values[key] = _number(form[key], key)
    for key, allowed in CHOICES.items():
        if form.get(key) in allowed:
            values[key] = form[key]
    thresholds = dict(values.get("thresholds", {}))
    for key in THRESHOLDS:
        if form.get(key, "").strip():
            thresholds[key] = _number(form[key], key)
    if thresholds:
        values["thresholds"] = thresholds
    try:
        Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(part) for part in first["loc"]]
        field = loc[-1] if loc[:1] == ["thresholds"] else (loc[0] if loc else None)
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingError(f"{(field or 'settings').replace('_', ' ')}: {message}",
                           field) from None
    return values


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    text = json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string
    # ...except that TOML also forbids DEL and other controls JSON leaves raw: escape them all.
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cc" else ch
                   for ch in text)


def dumps(values: dict[str, Any]) -> str:
    """TOML text of flat keys plus one level of tables."""
    lines = ["# afterword settings (edited by the web app's Settings page)"]
    tables = {k: v for k, v in values.items() if isinstance(v, dict)}
    lines += [f"{key} = {_value(v)}" for key, v in values.items() if key not in tables]
    for name, table in tables.items():
        lines += ["", f"[{name}]", *(f"{key} = {_value(v)}" for key, v in table.items())]
    return "\n".join(lines) + "\n"


def write(path: Path, values: dict[str, Any]) -> None:
    """Write the file (atomically: a temp file, then a rename)."""
    text = dumps(values)
    try:
        readable = tomllib.loads(text) == json.loads(json.dumps(values))
    except tomllib.TOMLDecodeError:
        readable = False
    if not readable:  # never leave a file that afterword itself cannot read back
        raise ConfigError(f"these settings cannot be written to {path} faithfully; "
                          "nothing was changed")
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".toml.tmp")
    private_write(temp, text)
    temp.replace(path)
