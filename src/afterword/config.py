"""One typed settings object: `afterword.toml` plus AFTERWORD_* environment variables.

Where the file is looked for, first found wins: `--config PATH`, `./afterword.toml` once
trusted (`afterword config trust`; until then only its checking settings apply, see
config_trust), then `afterword.toml` in the user config dir. Environment variables override the file
(`AFTERWORD_DIALECT=british`, `AFTERWORD_THRESHOLDS__EMAIL_WORDS_WARNING=200`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from afterword import settings_checks
from afterword.report import Severity
from afterword.thresholds import Thresholds
from afterword.vocab import Dialect

__all__ = ["ConfigError", "Settings", "Thresholds", "find_config", "load_settings",
           "user_config_path"]


class ConfigError(ValueError):
    """The configuration file is unreadable or malformed; the message says where."""


class Settings(BaseSettings):
    """Everything afterword can be told, with safe local defaults."""

    model_config = SettingsConfigDict(
        env_prefix="AFTERWORD_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    dialect: Dialect = Dialect.AMERICAN
    max_note_bytes: int = 1_000_000
    holidays_country: str | None = "US"
    rules: dict[str, bool] = Field(default_factory=dict)
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    proofreading: bool = True
    database_url: str | None = None
    user_name: str | None = None
    user_email: str | None = None
    user_emails: list[str] = Field(default_factory=list)  # more of the user's own addresses
    signature: str | None = None  # lines under the user's name in new drafts
    panel_single_note: bool = False
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_user: str | None = None
    imap_host: str | None = None
    imap_port: int = 993
    imap_security: Literal["tls", "starttls", "none"] = "tls"
    imap_user: str | None = None
    send_retries: int = 3
    send_backoff_seconds: float = 2.0
    smtp_timeout_seconds: float = 30.0  # one whole send attempt, connect to the last reply
    worker_tick_seconds: float = 30.0  # how often `afterword worker` looks for due work
    digest_hour: int | None = None  # a daily digest email to yourself at this hour (0-23)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Environment variables win over the file's values (passed as init values)."""
        return (env_settings, init_settings)

    # Checked when set, whatever the source (settings_checks.py): a bad value never lands.
    @field_validator("holidays_country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return settings_checks.country(value)

    @field_validator("smtp_port", "imap_port")
    @classmethod
    def _port(cls, value: int) -> int:
        return settings_checks.port(value)

    @field_validator("user_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return settings_checks.email(value)

    @field_validator("user_emails")
    @classmethod
    def _emails(cls, value: list[str]) -> list[str]:
        return [e for e in map(settings_checks.email, value) if e]

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        found = settings_checks.control_character(info.field_name or "", value)
        if found:
            raise ValueError(f"contains the control character {found}; remove it")
        return value

    def rule_enabled(self, code: str) -> bool:
        """Whether rule `code` runs (all do unless switched off)."""
        return self.rules.get(code, True)


def user_config_path() -> Path:
    """Where the per-user `afterword.toml` lives."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("afterword")) / "afterword.toml"


def find_config(explicit: Path | None = None) -> Path | None:
    """The config file in force, or None for the defaults: `explicit`, else the current
    folder's afterword.toml once trusted (config_trust), else the user's own."""
    from afterword.config_trust import is_trusted, local_candidate

    if explicit is not None:
        return explicit
    local = local_candidate()
    if local is not None and is_trusted(local):
        return local
    user = user_config_path()
    return user if user.is_file() else None


def read_toml(found: Path) -> dict[str, Any]:
    """A config file's values (its [afterword] table when it has one); ConfigError if bad."""
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {found}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {found}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {found} is not valid TOML: {exc}") from None
    inner = data.get("afterword", data)
    return dict(inner) if isinstance(inner, dict) else {}


def load_settings(path: Path | None = None, *, search: bool = True) -> Settings:
    """Read the settings from `path` (or the usual places); ConfigError when malformed."""
    from afterword.config_trust import is_trusted, local_candidate, restrict

    found = find_config(path) if search else path
    data = read_toml(found) if found is not None else {}
    local = local_candidate() if search and path is None else None
    if local is not None and local != found and not is_trusted(local):
        data = {**data, **restrict(local, read_toml(local))}  # the user's own file stays
    try:
        return Settings(**data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "config"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"config key '{where}': {message}") from None
